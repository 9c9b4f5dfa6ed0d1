package reviewer

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mcp-trust/mcp-trust/reviewer/engine"
	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
)

// containerUID is the user both containers run as when mcptrust runs as
// root: never root inside the containers.
const containerUID = 65532

// containerUser returns the "uid:gid" the containers run as, and whether
// the run's files must be handed to it. As root, the containers run as
// 65532 and get ownership of the secrets and the output directory; as any
// other user, they run as that user, who already owns them, so the files
// stay 0600/0700.
func containerUser() (string, bool) {
	if uid := os.Geteuid(); uid > 0 {
		return fmt.Sprintf("%d:%d", uid, os.Getegid()), false
	}
	return fmt.Sprintf("%d:%d", containerUID, containerUID), true
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand panics if it cannot read)
	return hex.EncodeToString(b)
}

// prepareRun writes the run's private directory: the compose file, the two
// secret files (the key and the per-run token, 0600), the read-only review
// files and the empty output directory.
func (c *runConfig) prepareRun(eng *engine.Engine, req Request, co *Checkout, res *Result) (*agentRun, error) {
	dir, err := c.privateDir()
	if err != nil {
		return nil, fmt.Errorf("creating run directory: %w", err)
	}
	ar := &agentRun{eng: eng, dir: dir, project: "mcptrust-review-" + randomHex(6),
		file: filepath.Join(dir, "compose.yaml"), outDir: filepath.Join(dir, "out"),
		sourceDir: co.Dir, nonce: randomHex(16)}
	if err := c.writeRunFiles(ar, req, co, res); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return ar, nil
}

func (c *runConfig) writeRunFiles(ar *agentRun, req Request, co *Checkout, res *Result) error {
	user, chown := containerUser()
	token := randomHex(32)
	keyFile, tokenFile := filepath.Join(ar.dir, "api_key"), filepath.Join(ar.dir, "client_token")
	reviewDir := filepath.Join(ar.dir, "review")
	for path, data := range map[string]string{keyFile: req.APIKey, tokenFile: token} {
		if err := writePrivate(path, []byte(data), chown); err != nil {
			return err
		}
	}
	if err := os.Mkdir(ar.outDir, 0o700); err != nil {
		return fmt.Errorf("creating output directory: %w", err)
	}
	if chown {
		if err := os.Chown(ar.outDir, containerUID, containerUID); err != nil {
			return fmt.Errorf("handing the output directory to the agent: %w", err)
		}
	}
	if err := writeReviewDir(reviewDir, req, co, res.Prescan, ar.nonce); err != nil {
		return err
	}
	spec := engine.ProjectSpec{AgentImage: req.AgentImage, ProxyImage: c.proxyImage, ProxyEntrypoint: c.proxyEntry,
		Provider: req.Agent.Provider(), ProxyArgs: c.proxyArgs(), AgentCommand: req.Agent.command(),
		AgentEnv: req.Agent.env(token), SourceDir: co.Dir, OutputDir: ar.outDir, ReviewDir: reviewDir,
		KeyFile: keyFile, TokenFile: tokenFile, User: user, EgressNetwork: c.egressNetwork, Limits: c.limits}
	yml, err := engine.BuildProject(spec).Marshal()
	if err != nil {
		return err
	}
	return writePrivate(ar.file, yml, false)
}

// writePrivate creates path 0600 (failing if it exists), optionally owned
// by the container user.
func writePrivate(path string, data []byte, chown bool) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && chown {
		err = os.Chown(path, containerUID, containerUID)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	return nil
}

// writeReviewDir writes the prompt and the files it names, readable by
// the agent (the run directory around them is private).
func writeReviewDir(dir string, req Request, co *Checkout, scan *prescan.ScanResult, nonce string) error {
	mode := prescan.ModeFull
	if co.Base != "" {
		mode = prescan.ModeDifferential
	}
	prompt, err := RenderPrompt(PromptTarget{Repository: co.Repo, Server: req.Server, Directory: req.Directory,
		Mode: mode, HeadCommit: co.Head, BaseCommit: co.Base}, scan)
	if err != nil {
		return err
	}
	files, err := reviewFiles(prompt, nonce)
	if err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("creating review directory: %w", err)
	}
	// Whatever the umask, the agent's user must be able to read them.
	if err := os.Chmod(dir, 0o755); err != nil {
		return fmt.Errorf("making review directory readable: %w", err)
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		if err := os.Chmod(p, 0o644); err != nil {
			return fmt.Errorf("making %s readable: %w", name, err)
		}
	}
	return nil
}
