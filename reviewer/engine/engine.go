package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/proc"
)

// Error means the Docker engine or Compose could not do what the
// review needed: no docker client, daemon down, no Compose, an image that
// is missing or failed to build, a project that would not start. It is
// "could not check", never a verdict. Stderr is the tool's (capped) output.
type Error struct {
	Op     string
	Stderr string
	Err    error
}

// Error implements error.
func (e *Error) Error() string {
	if e.Stderr == "" {
		return fmt.Sprintf("%s: %v", e.Op, e.Err)
	}
	return fmt.Sprintf("%s: %v: %s", e.Op, e.Err, e.Stderr)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// maxToolOutput caps what is kept of one docker or compose call's output.
const maxToolOutput = 64 << 10

// Engine runs the docker client and Compose as commands (the reviewer
// never links a Docker SDK). Build one with New.
type Engine struct {
	docker  string
	compose []string
	info    Info
	// exec runs one command; tests replace it.
	exec func(ctx context.Context, stdout io.Writer, name string, args ...string) (stderr string, err error)
}

// Info describes the engine and Compose in use.
type Info struct {
	// ServerVersion is the engine's version, e.g. "20.10.24+dfsg1".
	ServerVersion string `json:"server_version"`
	// Rootless is set for a rootless engine.
	Rootless bool `json:"rootless"`
	// Compose is the Compose command used: "docker compose" (v2, preferred)
	// or "docker-compose" (v1).
	Compose string `json:"compose"`
	// DNSLeakFixed reports whether the engine has the fix for
	// CVE-2024-29018 (internal networks forwarding DNS to the host's
	// resolvers): Engine 26.0.0, 25.0.4, 23.0.11 or later in their lines.
	DNSLeakFixed bool `json:"dns_leak_fixed"`
}

// Option configures New.
type Option func(*Engine)

// WithDockerBinary runs the named docker client instead of "docker" from
// PATH.
func WithDockerBinary(path string) Option { return func(e *Engine) { e.docker = path } }

// WithExec runs every docker and Compose command through run instead of
// starting a process: the seam tests use to inject answers and faults. run
// writes the command's standard output to stdout and returns its standard
// error. The default starts the command in its own process group.
func WithExec(run func(ctx context.Context, stdout io.Writer, name string, args ...string) (stderr string, err error)) Option {
	return func(e *Engine) { e.exec = run }
}

// WithComposeCommand forces a Compose command (e.g. "docker-compose")
// instead of detecting one.
func WithComposeCommand(argv ...string) Option {
	return func(e *Engine) { e.compose = argv }
}

// New finds the docker client, checks that the engine answers and
// finds Compose: v2 ("docker compose") when `docker compose version` works,
// else v1 ("docker-compose"). Every failure is an *Error.
func New(ctx context.Context, opts ...Option) (*Engine, error) {
	e := &Engine{docker: "docker", exec: runTool}
	for _, o := range opts {
		o(e)
	}
	if _, err := exec.LookPath(e.docker); err != nil {
		return nil, &Error{Op: "finding the docker client", Err: err}
	}
	if err := e.probeServer(ctx); err != nil {
		return nil, err
	}
	if err := e.findCompose(ctx); err != nil {
		return nil, err
	}
	return e, nil
}

// Info describes the engine found by New.
func (e *Engine) Info() Info { return e.info }

func (e *Engine) probeServer(ctx context.Context) error {
	out, err := e.docker1(ctx, "asking the Docker engine for its version",
		"info", "--format", "{{json .ServerVersion}}|{{json .SecurityOptions}}")
	if err != nil {
		return err
	}
	ver, sec, _ := strings.Cut(out, "|")
	var opts []string
	if json.Unmarshal([]byte(ver), &e.info.ServerVersion) != nil || e.info.ServerVersion == "" {
		return &Error{Op: "asking the Docker engine for its version", Err: errors.New("no server version: is the daemon running?")}
	}
	_ = json.Unmarshal([]byte(sec), &opts)
	for _, o := range opts {
		e.info.Rootless = e.info.Rootless || strings.Contains(o, "rootless")
	}
	e.info.DNSLeakFixed = DNSLeakFixed(e.info.ServerVersion)
	return nil
}

func (e *Engine) findCompose(ctx context.Context) error {
	candidates := [][]string{{e.docker, "compose"}, {"docker-compose"}}
	if e.compose != nil {
		candidates = [][]string{e.compose}
	}
	var errs []error
	for _, c := range candidates {
		if _, err := exec.LookPath(c[0]); err != nil {
			errs = append(errs, err)
			continue
		}
		_, err := e.run(ctx, "checking "+strings.Join(c, " "), c[0], append(c[1:], "version")...)
		if err == nil {
			e.compose = c
			e.info.Compose = strings.Join(append([]string{filepath.Base(c[0])}, c[1:]...), " ")
			return nil
		}
		errs = append(errs, err)
	}
	return &Error{Op: "finding Docker Compose (docker compose v2 or docker-compose v1)", Err: errors.Join(errs...)}
}

// run runs one tool and returns its trimmed, capped stdout.
func (e *Engine) run(ctx context.Context, op, name string, args ...string) (string, error) {
	stdout := &proc.CappedBuffer{Max: maxToolOutput}
	stderr, err := e.exec(ctx, stdout, name, args...)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			err = errors.Join(ctxErr, err)
		}
		return "", &Error{Op: op, Stderr: strings.TrimSpace(stderr), Err: err}
	}
	return strings.TrimSpace(stdout.String()), nil
}

func (e *Engine) docker1(ctx context.Context, op string, args ...string) (string, error) {
	return e.run(ctx, op, e.docker, args...)
}

func (e *Engine) composeRun(ctx context.Context, op, project, file string, args ...string) error {
	argv := append(append(append([]string{}, e.compose[1:]...), "-p", project, "-f", file), args...)
	_, err := e.run(ctx, op, e.compose[0], argv...)
	return err
}

// runTool is the real exec: the inherited environment (DOCKER_HOST,
// DOCKER_CONFIG and such are the user's), capped stderr, and a bounded
// wait after a cancel.
func runTool(ctx context.Context, stdout io.Writer, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	stderr := &proc.CappedBuffer{Max: maxToolOutput}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.WaitDelay = 5 * time.Second
	proc.OwnProcessGroup(cmd)
	err := cmd.Run()
	return stderr.String(), err
}
