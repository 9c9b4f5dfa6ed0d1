package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/internal/machinekey"
	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

const completionCatalog = `name: completion-e2e
registry:
  alpha-server:
    type: server
    image: mcp/alpha:1
  "evil\e]52;c;ZWNobyBoaQ==\aname":
    type: server
    image: mcp/evil:1
  zeta-server:
    type: server
    image: mcp/zeta:1
`

// ownedEngine listens on a socket the test owns and counts connections.
func ownedEngine(t *testing.T) (string, *atomic.Int32) {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "engine.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	var accepted atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	return "DOCKER_HOST=unix://" + sock, &accepted
}

// completions parses `docker __complete` output: words, then ":directive".
func completions(t *testing.T, r run) ([]string, string) {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("docker __complete exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	words := lines[:len(lines)-1]
	for i, w := range words {
		words[i], _, _ = strings.Cut(w, "\t")
	}
	return words, lines[len(lines)-1]
}

// ageCache rewrites the fetch time in each cached catalog's header so the
// copy is stale: a normal load would now refetch it. The header's MAC
// covers the fetch time, so it is resealed as the catalog package does
// (catalog/cachemac.go) under the cache dir's key; otherwise the copy
// would not be stale but unusable.
func ageCache(t *testing.T, cfg string) {
	t.Helper()
	dir := filepath.Join(cfg, "mcptrust", "cache")
	paths, _ := filepath.Glob(filepath.Join(dir, "catalog-*.cache"))
	if len(paths) != 1 {
		t.Fatalf("want one cached catalog, found %v", paths)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := bytes.Cut(b, []byte("\n"))
	var h map[string]any
	if err := json.Unmarshal(head, &h); err != nil {
		t.Fatal(err)
	}
	aged := time.Now().Add(-30 * 24 * time.Hour).UTC()
	key, err := machinekey.Read(filepath.Join(dir, "catalog.key"))
	if err != nil {
		t.Fatal(err)
	}
	size, _ := h["size"].(float64)
	url, _ := h["url"].(string)
	sum, _ := h["sha256"].(string)
	h["fetchedAt"] = aged
	h["mac"] = hex.EncodeToString(machinekey.MAC(key, []byte("mcptrust catalog download v1"), []byte(url),
		[]byte(aged.Format(time.RFC3339Nano)), []byte(strconv.Itoa(int(size))), []byte(sum)))
	head, _ = json.Marshal(h)
	if err := os.WriteFile(paths[0], append(append(head, '\n'), body...), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Docker's completion asks the plugin (launcher, then engine) through
// `docker __complete mcptrust ...`. Server names come from the cached
// catalog only: the loopback catalog server and the owned engine socket
// must see no request while completing.
func TestDockerCompletion(t *testing.T) {
	env := dockerEnv(t)
	host, engine := ownedEngine(t)
	env = append(env, host)
	cfg := strings.TrimPrefix(env[slices.IndexFunc(env, func(s string) bool { return strings.HasPrefix(s, "DOCKER_CONFIG=") })], "DOCKER_CONFIG=")
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Write([]byte(completionCatalog))
	}))
	defer srv.Close()
	url := srv.URL + "/catalog.yaml"

	words, _ := completions(t, docker(t, env, "__complete", "mcptrust", ""))
	for _, want := range []string{"catalog", "verify", "completion"} {
		if !slices.Contains(words, want) {
			t.Errorf("docker mcptrust <TAB> = %q, lacks %q", words, want)
		}
	}
	words, _ = completions(t, docker(t, env, "__complete", "mcptrust", "verify", "--for"))
	if !slices.Equal(words, []string{"--format"}) {
		t.Errorf("docker mcptrust verify --for<TAB> = %q, want --format", words)
	}
	words, dir := completions(t, docker(t, env, "__complete", "mcptrust", "verify", "--format", ""))
	if !slices.Equal(words, []string{"table", "json", "sarif"}) || dir != ":4" {
		t.Errorf("docker mcptrust verify --format <TAB> = %q %s", words, dir)
	}
	words, _ = completions(t, docker(t, env, "__complete", "mcptrust", "verify", "--catalog", url, ""))
	if len(words) != 0 || hits.Load() != 0 {
		t.Fatalf("with an empty cache: offered %q after %d fetches, want nothing and no fetch", words, hits.Load())
	}

	if r := docker(t, env, "mcptrust", "catalog", "--catalog", url, "--format", "json"); r.code != 0 || hits.Load() != 1 {
		t.Fatalf("filling the cache: exit %d, %d fetches: %s", r.code, hits.Load(), r.stderr)
	}
	ageCache(t, cfg)
	r := docker(t, env, "__complete", "mcptrust", "verify", "--catalog", url, "")
	words, _ = completions(t, r)
	if !slices.Equal(words, []string{"alpha-server", "zeta-server"}) {
		t.Errorf("server names from the stale cache = %q, want alpha-server zeta-server", words)
	}
	if strings.ContainsRune(r.stdout+r.stderr, 0x1b) || strings.ContainsRune(r.stdout+r.stderr, 0x07) {
		t.Errorf("completion output carries control bytes from the catalog: %q", r.stdout)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("completion fetched the catalog %d times", n-1)
	}
	if n := engine.Load(); n != 0 {
		t.Errorf("completion connected to the engine %d times", n)
	}
}

// The standalone script, sourced by a real bash, completes through the
// program's own __complete.
func TestStandaloneBashCompletion(t *testing.T) {
	bash := testenv.NeedCommand(t, "bash")
	const bashCompletion = "/usr/share/bash-completion/bash_completion"
	if _, err := os.Stat(bashCompletion); err != nil {
		testenv.Missing(t, "the bash-completion package is not installed (.ci/run installs it)")
	}
	script := `source ` + bashCompletion + ` && source <(mcptrust completion bash) || exit 9
COMP_LINE="mcptrust report --catalog demo weath"; COMP_POINT=${#COMP_LINE}
COMP_WORDS=(mcptrust report --catalog demo weath); COMP_CWORD=4
__start_mcptrust
printf '%s\n' "${COMPREPLY[@]}"`
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", script)
	cmd.Env = []string{"PATH=" + binDir + ":/usr/bin:/bin", "HOME=" + t.TempDir()}
	out, err := cmd.Output() // stderr: bash says compopt runs outside a real <TAB>
	if err != nil || strings.TrimSpace(string(out)) != "weather-demo" {
		t.Errorf("bash completion of 'mcptrust report --catalog demo weath' = %q (%v), want weather-demo", out, err)
	}
}

// The standalone fish script, sourced by a real fish, completes through
// the program's own __complete (`complete -C` asks fish's own engine).
func TestStandaloneFishCompletion(t *testing.T) {
	fish := testenv.NeedCommand(t, "fish")
	script := `mcptrust completion fish | source; or exit 9
complete -C "mcptrust report --catalog demo weath"`
	cmd := exec.Command(fish, "--no-config", "-c", script)
	cmd.Env = []string{"PATH=" + binDir + ":/usr/bin:/bin", "HOME=" + t.TempDir()}
	out, err := cmd.Output()
	got, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\t")
	if err != nil || got != "weather-demo" {
		t.Errorf("fish completion of 'mcptrust report --catalog demo weath' = %q (%v), want weather-demo", out, err)
	}
}

// The standalone zsh script, sourced by a real zsh after compinit, defines
// _mcptrust, which completes through the program's own __complete. Outside
// a real <TAB>, zsh's _describe cannot run, so a stand-in prints the
// candidates it is given.
func TestStandaloneZshCompletion(t *testing.T) {
	zsh := testenv.NeedCommand(t, "zsh")
	script := `autoload -U compinit && compinit -u -D && source <(mcptrust completion zsh) || exit 9
_describe() { shift; print -l -- ${(P)1}; }
compadd() { print -l -- "$@"; }
words=(mcptrust report --catalog demo weath); CURRENT=5
_mcptrust`
	cmd := exec.Command(zsh, "-f", "-c", script)
	cmd.Env = []string{"PATH=" + binDir + ":/usr/bin:/bin", "HOME=" + t.TempDir()}
	out, err := cmd.Output()
	if err != nil || strings.TrimSpace(string(out)) != "weather-demo" {
		t.Errorf("zsh completion of 'mcptrust report --catalog demo weath' = %q (%v), want weather-demo", out, err)
	}
}
