package reviewer

import (
	"slices"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/engine"

	"gopkg.in/yaml.v3"
)

const sentinelKey = "sk-ant-SENTINEL-never-visible-4f2a9c"

func testSpec() engine.ProjectSpec {
	return engine.ProjectSpec{
		AgentImage: "mcptrust-agent:local", ProxyImage: "mcptrust-reviewer-proxy:0123456789abcdef",
		ProxyEntrypoint: []string{"/mcptrust", "reviewer-proxy"}, Provider: "anthropic",
		AgentCommand: AgentClaude.command(), AgentEnv: AgentClaude.env("run-token-123"),
		SourceDir: "/tmp/run/repo", OutputDir: "/tmp/run/out", ReviewDir: "/tmp/run/review",
		KeyFile: "/tmp/run/api_key", TokenFile: "/tmp/run/client_token",
		User: "65532:65532", Limits: engine.DefaultLimits,
	}
}

// loadProject renders spec and reads it back the way Compose would see it:
// as generic YAML, so a field our structs do not know would show up too.
func loadProject(t *testing.T, spec engine.ProjectSpec) (map[string]any, string) {
	t.Helper()
	b, err := engine.BuildProject(spec).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("generated compose file is not YAML: %v\n%s", err, b)
	}
	return doc, string(b)
}

func service(t *testing.T, doc map[string]any, name string) map[string]any {
	t.Helper()
	s, ok := doc["services"].(map[string]any)[name].(map[string]any)
	if !ok {
		t.Fatalf("compose file has no service %q", name)
	}
	return s
}

func strs(v any) []string {
	var out []string
	for _, e := range v.([]any) {
		out = append(out, e.(string))
	}
	return out
}

// TestComposeHardening is THREATS E15 on the generated file, read back.
func TestComposeHardening(t *testing.T) {
	doc, text := loadProject(t, testSpec())
	for _, k := range []string{"version", "name"} {
		if _, ok := doc[k]; ok {
			t.Errorf("compose file has a top-level %q (docker-compose v1 rejects name; version pins a format)", k)
		}
	}
	for _, name := range []string{engine.ServiceAgent, engine.ServiceProxy} {
		s := service(t, doc, name)
		checks := []struct {
			field string
			ok    bool
		}{
			{"user is not root", s["user"] == "65532:65532"},
			{"cap_drop ALL", slices.Equal(strs(s["cap_drop"]), []string{"ALL"})},
			{"no-new-privileges", slices.Equal(strs(s["security_opt"]), []string{"no-new-privileges:true"})},
			{"read_only", s["read_only"] == true},
			{"mem_limit", s["mem_limit"] != "" && s["mem_limit"] == s["memswap_limit"]},
			{"pids_limit", s["pids_limit"].(int) > 0},
			{"pull_policy never", s["pull_policy"] == "never"},
			{"log size cap", s["logging"].(map[string]any)["options"].(map[string]any)["max-size"] == "1m"},
		}
		for _, c := range checks {
			if !c.ok {
				t.Errorf("service %s: %s does not hold:\n%s", name, c.field, text)
			}
		}
		for _, k := range []string{"ports", "expose", "privileged", "cap_add", "devices", "network_mode",
			"pid", "ipc", "volumes_from", "userns_mode", "extra_hosts", "sysctls"} {
			if _, ok := s[k]; ok {
				t.Errorf("service %s has %s", name, k)
			}
		}
	}
	if strings.Contains(text, "docker.sock") {
		t.Error("compose file mounts the Docker socket")
	}
}

func TestComposeAgentIsolation(t *testing.T) {
	doc, _ := loadProject(t, testSpec())
	a := service(t, doc, engine.ServiceAgent)
	if got := strs(a["networks"]); !slices.Equal(got, []string{engine.NetworkInternal}) {
		t.Errorf("agent networks = %v, want only %s", got, engine.NetworkInternal)
	}
	nets := doc["networks"].(map[string]any)
	in := nets[engine.NetworkInternal].(map[string]any)
	if in["internal"] != true || in["driver_opts"].(map[string]any)["com.docker.network.bridge.inhibit_ipv4"] != "true" {
		t.Errorf("network %s is not internal without a host address: %v", engine.NetworkInternal, in)
	}
	if _, ok := a["secrets"]; ok {
		t.Error("agent has secrets; only the proxy may")
	}
	checkGeneratedMounts(t, a)
	wd := a["working_dir"].(string)
	if wd == engine.SourceMount || strings.HasPrefix(engine.SourceMount+"/", wd+"/") || strings.HasPrefix(wd+"/", engine.SourceMount+"/") {
		t.Errorf("agent working_dir %s and source %s are nested (CLAUDE.md/AGENTS.md discovery)", wd, engine.SourceMount)
	}
	for _, want := range []string{"/tmp:", engine.AgentHome + ":", engine.AgentWorkDir + ":"} {
		if !slices.ContainsFunc(strs(a["tmpfs"]), func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("agent tmpfs %v lacks %s", a["tmpfs"], want)
		}
	}
	if dep := a["depends_on"].(map[string]any)[engine.ServiceProxy].(map[string]any); dep["condition"] != "service_healthy" {
		t.Errorf("agent depends_on = %v, want the proxy healthy", dep)
	}
	env := a["environment"].(map[string]any)
	if env["ANTHROPIC_API_KEY"] != "run-token-123" || env["ANTHROPIC_BASE_URL"] != "http://proxy:8080" {
		t.Errorf("agent environment = %v, want the run token and the proxy URL", env)
	}
}

func TestComposeProxyHoldsTheKeyAsASecret(t *testing.T) {
	spec := testSpec()
	doc, text := loadProject(t, spec)
	p := service(t, doc, engine.ServiceProxy)
	if _, ok := p["environment"]; ok {
		t.Errorf("proxy has an environment; the key must come only as a secret file")
	}
	if _, ok := p["volumes"]; ok {
		t.Errorf("proxy has volumes: %v", p["volumes"])
	}
	if got := strs(p["networks"]); !slices.Equal(got, []string{engine.NetworkInternal, engine.NetworkEgress}) {
		t.Errorf("proxy networks = %v", got)
	}
	entry := strings.Join(strs(p["entrypoint"]), " ")
	if !strings.Contains(entry, "--key-file /run/secrets/api_key") || !strings.Contains(entry, "--token-file /run/secrets/client_token") {
		t.Errorf("proxy entrypoint = %q, want the secret files", entry)
	}
	secrets := doc["secrets"].(map[string]any)
	if secrets[engine.SecretKey].(map[string]any)["file"] != spec.KeyFile {
		t.Errorf("secrets = %v, want %s from %s", secrets, engine.SecretKey, spec.KeyFile)
	}
	if strings.Contains(text, sentinelKey) {
		t.Error("the compose file contains the key")
	}
}

func TestComposeEscapesInterpolation(t *testing.T) {
	spec := testSpec()
	spec.SourceDir = "/tmp/$HOME/${PWD}/repo"
	spec.AgentEnv["X"] = "a$b"
	doc, _ := loadProject(t, spec)
	a := service(t, doc, engine.ServiceAgent)
	if got := a["volumes"].([]any)[0].(map[string]any)["source"]; got != "/tmp/$$HOME/$${PWD}/repo" {
		t.Errorf("source = %q, want every $ doubled", got)
	}
	if got := a["environment"].(map[string]any)["X"]; got != "a$$b" {
		t.Errorf("env X = %q, want a$$b", got)
	}
}

func TestComposeExternalEgress(t *testing.T) {
	spec := testSpec()
	spec.EgressNetwork = "corp-egress"
	spec.ProxyArgs = []string{"--test-upstream", "http://172.30.0.1:4000"}
	doc, _ := loadProject(t, spec)
	eg := doc["networks"].(map[string]any)[engine.NetworkEgress].(map[string]any)
	if eg["external"] != true || eg["name"] != "corp-egress" {
		t.Errorf("egress network = %v, want external corp-egress", eg)
	}
	entry := strs(service(t, doc, engine.ServiceProxy)["entrypoint"])
	if !slices.Contains(entry, "--test-upstream") {
		t.Errorf("proxy entrypoint %v lacks --test-upstream", entry)
	}
}

// checkGeneratedMounts: the source and review files are read-only binds;
// the output directory is the only writable host path.
func checkGeneratedMounts(t *testing.T, a map[string]any) {
	t.Helper()
	writable := 0
	for _, v := range a["volumes"].([]any) {
		m := v.(map[string]any)
		if m["type"] != "bind" {
			t.Errorf("agent mount %v is not a bind mount", m)
		}
		if m["read_only"] != true {
			writable++
			if m["target"] != engine.OutputMount {
				t.Errorf("agent mount %v is writable; only %s may be", m, engine.OutputMount)
			}
		}
		if m["target"] == engine.SourceMount && m["read_only"] != true {
			t.Errorf("source mount %v is writable", m)
		}
	}
	if writable != 1 {
		t.Errorf("agent has %d writable mounts, want exactly %s", writable, engine.OutputMount)
	}
}
