package engine

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Paths inside the agent container. The source is mounted read-only at
// SourceMount, outside the agent's working directory AgentWorkDir, so no
// CLAUDE.md, AGENTS.md or .codex/ in the code under review is ever on the
// agent's project path (THREATS E6).
const (
	SourceMount  = "/src"
	OutputMount  = "/out"
	ReviewMount  = "/review"
	AgentWorkDir = "/work"
	AgentHome    = "/home/reviewer"
)

// Compose service, network and secret names, and the proxy's port.
const (
	ServiceAgent    = "agent"
	ServiceProxy    = "proxy"
	NetworkInternal = "internal"
	NetworkEgress   = "egress"
	SecretKey       = "api_key"
	secretToken     = "client_token"
	ProxyPort       = 8080
)

// composeFile is the subset of the Compose file format we generate. It has
// no version key and no top-level name: docker-compose 1.27+ reads a file
// without version as the Compose Specification, as Compose v2 does, and
// the project name is given with -p.
type composeFile struct {
	Services map[string]*composeService `yaml:"services"`
	Networks map[string]composeNetwork  `yaml:"networks"`
	Secrets  map[string]composeSecret   `yaml:"secrets,omitempty"`
}

// composeService is one hardened service. There are deliberately no
// fields for ports, privileged, devices, cap_add or extra volumes.
type composeService struct {
	Image        string                       `yaml:"image"`
	PullPolicy   string                       `yaml:"pull_policy"`
	Entrypoint   []string                     `yaml:"entrypoint,omitempty"`
	Command      []string                     `yaml:"command,omitempty"`
	User         string                       `yaml:"user"`
	WorkingDir   string                       `yaml:"working_dir,omitempty"`
	ReadOnly     bool                         `yaml:"read_only"`
	CapDrop      []string                     `yaml:"cap_drop"`
	SecurityOpt  []string                     `yaml:"security_opt"`
	MemLimit     string                       `yaml:"mem_limit"`
	MemswapLimit string                       `yaml:"memswap_limit"`
	PidsLimit    int                          `yaml:"pids_limit"`
	Tmpfs        []string                     `yaml:"tmpfs,omitempty"`
	Environment  map[string]string            `yaml:"environment,omitempty"`
	Volumes      []composeMount               `yaml:"volumes,omitempty"`
	Networks     []string                     `yaml:"networks"`
	Secrets      []composeSecretRef           `yaml:"secrets,omitempty"`
	Healthcheck  *composeHealth               `yaml:"healthcheck,omitempty"`
	DependsOn    map[string]composeDependency `yaml:"depends_on,omitempty"`
	Logging      composeLogging               `yaml:"logging"`
}

type composeMount struct {
	Type     string `yaml:"type"`
	Source   string `yaml:"source"`
	Target   string `yaml:"target"`
	ReadOnly bool   `yaml:"read_only"`
}

type composeNetwork struct {
	Internal   bool              `yaml:"internal,omitempty"`
	External   bool              `yaml:"external,omitempty"`
	Name       string            `yaml:"name,omitempty"`
	DriverOpts map[string]string `yaml:"driver_opts,omitempty"`
}

// internalNetwork is the agent's only network. internal: true alone is not
// enough: the host keeps the bridge's gateway address, the container keeps
// a default route to it, and every service on the host (on any of its
// addresses) answers through it; the real-engine test caught this.
// inhibit_ipv4 leaves the bridge without an address, so nothing but the
// containers on it is reachable at all.
func internalNetwork() composeNetwork {
	return composeNetwork{Internal: true, DriverOpts: map[string]string{"com.docker.network.bridge.inhibit_ipv4": "true"}}
}

type composeSecret struct {
	File string `yaml:"file"`
}

type composeSecretRef struct {
	Source string `yaml:"source"`
	Target string `yaml:"target"`
}

type composeHealth struct {
	Test     []string `yaml:"test"`
	Interval string   `yaml:"interval"`
	Timeout  string   `yaml:"timeout"`
	Retries  int      `yaml:"retries"`
}

type composeDependency struct {
	Condition string `yaml:"condition"`
}

type composeLogging struct {
	Driver  string            `yaml:"driver"`
	Options map[string]string `yaml:"options"`
}

// ProjectSpec is everything a review's Compose project is made of. Host
// paths are absolute.
type ProjectSpec struct {
	AgentImage, ProxyImage string
	// ProxyEntrypoint runs the proxy; the spec appends its standard flags,
	// then ProxyArgs.
	ProxyEntrypoint []string
	ProxyArgs       []string
	Provider        string
	AgentCommand    []string
	AgentEnv        map[string]string
	SourceDir       string
	OutputDir       string
	ReviewDir       string
	KeyFile         string
	TokenFile       string
	// User is "uid:gid" for both containers, never root.
	User string
	// EgressNetwork, when set, is an existing network the proxy joins
	// instead of a network the project creates.
	EgressNetwork string
	Limits        Limits
}

// Limits are the containers' resource limits.
type Limits struct {
	AgentMemory string // e.g. "4g"
	AgentPids   int
	ProxyMemory string
	ProxyPids   int
}

// DefaultLimits fit Claude Code or Codex on Node.
var DefaultLimits = Limits{AgentMemory: "4g", AgentPids: 512, ProxyMemory: "256m", ProxyPids: 64}

// hardened returns a service with the settings both containers share
// (THREATS E15).
func hardened(image, user, mem string, pids int) *composeService {
	return &composeService{
		Image:        image,
		PullPolicy:   "never",
		User:         user,
		ReadOnly:     true,
		CapDrop:      []string{"ALL"},
		SecurityOpt:  []string{"no-new-privileges:true"},
		MemLimit:     mem,
		MemswapLimit: mem,
		PidsLimit:    pids,
		Logging: composeLogging{Driver: "json-file",
			Options: map[string]string{"max-size": "1m", "max-file": "1"}},
	}
}

// BuildProject lays out the two services and their networks.
func BuildProject(s ProjectSpec) *composeFile {
	f := &composeFile{
		Services: map[string]*composeService{ServiceProxy: proxyService(s), ServiceAgent: agentService(s)},
		Networks: map[string]composeNetwork{NetworkInternal: internalNetwork(), NetworkEgress: {}},
		Secrets: map[string]composeSecret{
			SecretKey:   {File: s.KeyFile},
			secretToken: {File: s.TokenFile},
		},
	}
	if s.EgressNetwork != "" {
		f.Networks[NetworkEgress] = composeNetwork{External: true, Name: s.EgressNetwork}
	}
	return f
}

func proxyService(s ProjectSpec) *composeService {
	p := hardened(s.ProxyImage, s.User, s.Limits.ProxyMemory, s.Limits.ProxyPids)
	listen := ":" + strconv.Itoa(ProxyPort)
	p.Entrypoint = append(append([]string{}, s.ProxyEntrypoint...),
		"--upstream", s.Provider, "--listen", listen,
		"--key-file", "/run/secrets/"+SecretKey, "--token-file", "/run/secrets/"+secretToken)
	p.Entrypoint = append(p.Entrypoint, s.ProxyArgs...)
	p.Networks = []string{NetworkInternal, NetworkEgress}
	p.Secrets = []composeSecretRef{{SecretKey, SecretKey}, {secretToken, secretToken}}
	probe := append(append([]string{"CMD"}, s.ProxyEntrypoint...), "--probe", "127.0.0.1"+listen)
	p.Healthcheck = &composeHealth{Test: probe, Interval: "1s", Timeout: "3s", Retries: 30}
	return p
}

func agentService(s ProjectSpec) *composeService {
	a := hardened(s.AgentImage, s.User, s.Limits.AgentMemory, s.Limits.AgentPids)
	a.Command = s.AgentCommand
	a.WorkingDir = AgentWorkDir
	a.Environment = s.AgentEnv
	uid, gid, _ := strings.Cut(s.User, ":")
	a.Tmpfs = []string{
		"/tmp:size=256m,mode=1777",
		fmt.Sprintf("%s:size=256m,uid=%s,gid=%s,mode=0700", AgentHome, uid, gid),
		fmt.Sprintf("%s:size=64m,uid=%s,gid=%s,mode=0700", AgentWorkDir, uid, gid),
	}
	a.Volumes = []composeMount{
		{Type: "bind", Source: s.SourceDir, Target: SourceMount, ReadOnly: true},
		{Type: "bind", Source: s.ReviewDir, Target: ReviewMount, ReadOnly: true},
		{Type: "bind", Source: s.OutputDir, Target: OutputMount},
	}
	a.Networks = []string{NetworkInternal}
	a.DependsOn = map[string]composeDependency{ServiceProxy: {Condition: "service_healthy"}}
	return a
}

// Marshal renders the project as YAML. Every "$" is doubled so that
// Compose's variable interpolation never rewrites a path or a value.
func (f *composeFile) Marshal() ([]byte, error) {
	esc := *f
	esc.Services = map[string]*composeService{}
	for name, s := range f.Services {
		c := *s
		c.Command, c.Entrypoint = escapeAll(c.Command), escapeAll(c.Entrypoint)
		c.Environment = map[string]string{}
		for k, v := range s.Environment {
			c.Environment[k] = escapeDollar(v)
		}
		c.Volumes = nil
		for _, m := range s.Volumes {
			m.Source = escapeDollar(m.Source)
			c.Volumes = append(c.Volumes, m)
		}
		esc.Services[name] = &c
	}
	esc.Secrets = map[string]composeSecret{}
	for name, sec := range f.Secrets {
		esc.Secrets[name] = composeSecret{File: escapeDollar(sec.File)}
	}
	b, err := yaml.Marshal(&esc)
	if err != nil {
		return nil, fmt.Errorf("encoding compose file: %w", err)
	}
	return b, nil
}

func escapeDollar(s string) string { return strings.ReplaceAll(s, "$", "$$") }

func escapeAll(l []string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = escapeDollar(s)
	}
	return out
}
