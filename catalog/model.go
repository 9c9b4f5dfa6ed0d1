package catalog

// ServerType is the registry's `type` field.
type ServerType string

// The three entry types of the registry.
const (
	TypeServer ServerType = "server" // a container image Docker builds or a publisher ships
	TypeRemote ServerType = "remote" // a hosted endpoint; nothing runs locally
	TypePOCI   ServerType = "poci"   // tools that each run in their own plain OCI container
)

// Server is one catalog entry, from a server.yaml or a published catalog.
// Text fields hold the raw text of the source: renderers must escape them
// (see THREATS B1). The JSON encoding is the stable `--format json`
// contract described in doc.go.
type Server struct {
	Name        string          `json:"name"`
	Type        ServerType      `json:"type"`
	Image       string          `json:"image"`  // as written, tag and digest included
	Digest      string          `json:"digest"` // "sha256:<hex>" when Image is pinned by digest
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Icon        string          `json:"icon"`
	Category    string          `json:"category"`
	Tags        []string        `json:"tags"`
	Source      Source          `json:"source"`
	Remote      *Remote         `json:"remote"` // null unless the entry has a remote block
	Run         Run             `json:"run"`
	Secrets     []string        `json:"secrets"` // secret names, e.g. "github.token"
	OAuth       []OAuthProvider `json:"oauth"`
	Metadata    Metadata        `json:"metadata"`
	Readme      string          `json:"readme"`
	ToolsURL    string          `json:"tools_url"`
	DateAdded   string          `json:"date_added"`

	// Computed by the loader from trusted fields only.
	Owner           string         `json:"owner"` // metadata.owner, else the GitHub owner of source.project
	Pin             PinState       `json:"pin"`
	Build           Build          `json:"build"`
	BuildReason     string         `json:"build_reason"`
	Publisher       PublisherLevel `json:"publisher"`
	PublisherReason string         `json:"publisher_reason"`
	// Tier is the older one-axis level, kept for JSON users (deprecated:
	// read build and publisher).
	Tier           Tier   `json:"tier"`
	TierReason     string `json:"tier_reason"`
	KnownPublisher bool   `json:"known_publisher"` // on the list, even when the entry is community

	Origin      Origin   `json:"origin"`
	UnknownKeys []string `json:"unknown_keys"` // dotted paths of keys the model does not know
}

// Source says where the image is built from.
type Source struct {
	Project     string `json:"project"`
	Upstream    string `json:"upstream"`
	Branch      string `json:"branch"`
	Commit      string `json:"commit"` // raw text of source.commit, never reformatted
	Directory   string `json:"directory"`
	Dockerfile  string `json:"dockerfile"`
	BuildTarget string `json:"build_target"`
}

// Remote is the endpoint of a hosted server.
type Remote struct {
	TransportType string            `json:"transport_type"` // YAML: transport_type
	URL           string            `json:"url"`
	Headers       map[string]string `json:"headers"`
}

// Run holds the run settings that matter for a trust decision.
type Run struct {
	Command        []string `json:"command"`
	Volumes        []string `json:"volumes"`
	User           string   `json:"user"`
	AllowHosts     []string `json:"allow_hosts"`
	DisableNetwork bool     `json:"disable_network"`
}

// OAuthProvider is one OAuth provider the server can use.
type OAuthProvider struct {
	Provider string `json:"provider"`
	Secret   string `json:"secret"`
	Env      string `json:"env"`
}

// Metadata is the published catalog's metadata block.
type Metadata struct {
	Owner       string `json:"owner"`
	License     string `json:"license"`
	Pulls       int64  `json:"pulls"`
	Stars       int64  `json:"stars"`
	GitHubStars int64  `json:"github_stars"`
}

// Origin is where an entry was read: a file path or URL and the 1-based
// line of the entry (its first line in a server.yaml, its key in a catalog).
type Origin struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// normalise replaces nil slices and maps by empty ones so the JSON contract
// always has [] and {} rather than null (except remote, which is null when
// absent).
func (s *Server) normalise() {
	for _, p := range []*[]string{&s.Tags, &s.Secrets, &s.Run.Command, &s.Run.Volumes, &s.Run.AllowHosts, &s.UnknownKeys} {
		if *p == nil {
			*p = []string{}
		}
	}
	if s.OAuth == nil {
		s.OAuth = []OAuthProvider{}
	}
	if s.Remote != nil && s.Remote.Headers == nil {
		s.Remote.Headers = map[string]string{}
	}
}
