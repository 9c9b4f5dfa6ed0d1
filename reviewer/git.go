package reviewer

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/proc"
)

// gitRunner runs git with the hardening every call needs. The code under
// review is hostile: no protocol but https (and file, only for a local path
// the caller named), no hooks, no fsmonitor, no submodules, no replace refs,
// no system or global config and no prompts.
type gitRunner struct {
	bin       string
	allowFile bool
}

// maxGitOutput caps what is kept of git's stdout and stderr for one call.
const maxGitOutput = 64 << 10

func (g gitRunner) config() []string {
	file := "never"
	if g.allowFile {
		file = "always"
	}
	return []string{
		"--no-replace-objects",
		"-c", "protocol.allow=never",
		"-c", "protocol.https.allow=always",
		"-c", "protocol.file.allow=" + file,
		"-c", "core.hooksPath=/dev/null",
		"-c", "core.fsmonitor=false",
		"-c", "submodule.recurse=false",
		"-c", "fetch.recurseSubmodules=false",
		"-c", "advice.detachedHead=false",
		"-c", "advice.objectNameWarning=false",
	}
}

// command builds the exec.Cmd for git args in dir.
func (g gitRunner) command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, g.bin, append(g.config(), args...)...)
	cmd.Dir = dir
	cmd.Env = gitEnv(os.Environ())
	// After a cancel, do not wait forever for a helper (remote-https,
	// upload-pack) that still holds git's output open.
	cmd.WaitDelay = 10 * time.Second
	proc.OwnProcessGroup(cmd)
	return cmd
}

// run runs git and returns its trimmed stdout. A failure is a *GitError
// named by op, carrying the (capped, raw) stderr.
func (g gitRunner) run(ctx context.Context, dir, op string, args ...string) (string, error) {
	cmd := g.command(ctx, dir, args...)
	stdout := &proc.CappedBuffer{Max: maxGitOutput}
	stderr := &proc.CappedBuffer{Max: maxGitOutput}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return "", &GitError{Op: op, Stderr: strings.TrimSpace(stderr.String()), Err: withCtxErr(ctx, err)}
	}
	return strings.TrimSpace(stdout.String()), nil
}

// withCtxErr joins ctx's error to the error of a process it stopped, so
// that "signal: killed" after a cancel is also context.Canceled (exit 130,
// not "could not decide").
func withCtxErr(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return errors.Join(ctxErr, err)
	}
	return err
}

// gitEnv drops every inherited GIT_* variable (GIT_DIR, GIT_SSH_COMMAND,
// GIT_CONFIG_PARAMETERS, GIT_ASKPASS ...) and askpass helpers, then sets the
// variables that keep git away from user and system config and prompts.
func gitEnv(environ []string) []string {
	env := make([]string, 0, len(environ)+5)
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "GIT_") || name == "SSH_ASKPASS" {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"GIT_TERMINAL_PROMPT=0",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_NO_REPLACE_OBJECTS=1",
		"GIT_OPTIONAL_LOCKS=0",
	)
}
