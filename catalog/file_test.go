package catalog

import (
	"bytes"
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/catalog/catalogtest"

	"github.com/charmbracelet/x/exp/golden"
)

func TestLoadPublishedFile(t *testing.T) {
	c := mustLoad(t, "testdata/published.yaml", clock(fixedNow))
	if c.Kind != KindFile || c.Name != "test-catalog" || c.DisplayName != "Test Catalog" {
		t.Errorf("Load(published) kind, name, displayName = %s, %q, %q", c.Kind, c.Name, c.DisplayName)
	}
	tests := []struct {
		name, field, got, want string
	}{
		{"echo", "digest", get(c, "echo").Digest, "sha256:" + strings.Repeat("3", 64)},
		{"echo", "commit", get(c, "echo").Source.Commit, strings.Repeat("4", 40)},
		{"echo", "directory", get(c, "echo").Source.Directory, "servers/echo"},
		{"echo", "project", get(c, "echo").Source.Project, "https://github.com/echo-org/echo-mcp"},
		{"echo", "upstream", get(c, "echo").Source.Upstream, "https://github.com/echo-org/echo-mcp"},
		{"echo", "tags", strings.Join(get(c, "echo").Tags, ","), "top-level-tag,utilities"},
		{"echo", "tier", get(c, "echo").Tier.String(), "docker-built"},
		{"branchy", "pin", get(c, "branchy").Pin.String(), "malformed"},
		{"projecty", "pin", get(c, "projecty").Pin.String(), "unpinned"},
		{"hosted", "tier", get(c, "hosted").Tier.String(), "remote"},
		{"hosted", "oauth", get(c, "hosted").OAuth[0].Secret, "hosted.token"},
		{"hosted", "owner", get(c, "hosted").Owner, "hosted-inc"},
		{"oddkeys", "type", string(get(c, "oddkeys").Type), "server"},
		{"oddkeys", "unknown", strings.Join(get(c, "oddkeys").UnknownKeys, ","), "futureField,metadata.newMetric"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("Load(published).%s.%s = %q, want %q", tt.name, tt.field, tt.got, tt.want)
		}
	}
	if e := get(c, "echo"); e.Origin.Line != 5 || e.Metadata.GitHubStars != 67 {
		t.Errorf("echo origin line, githubStars = %d, %d; want 5, 67", e.Origin.Line, e.Metadata.GitHubStars)
	}
	golden.RequireEqual(t, jsonOf(t, c))
}

func get(c *Catalog, name string) *Server {
	if s, ok := c.Lookup(name); ok {
		return s
	}
	return &Server{}
}

// The fast path must mean exactly what the whole-file parser means.
func TestCutMatchesWholeFileParse(t *testing.T) {
	var b bytes.Buffer
	if err := catalogtest.WriteCatalog(&b, 500); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	l, ok := cutPublished(data)
	if !ok || len(l.entries) != 500 {
		t.Fatalf("cutPublished(generated) = %d entries, %v; want 500, true", len(l.entries), ok)
	}
	fast, err := parseCut(data, l, "g.yaml")
	if err != nil {
		t.Fatalf("parseCut(generated) = %v", err)
	}
	whole := wholeParse(t, data)
	if !reflect.DeepEqual(fast, whole) {
		t.Error("parseCut(generated) differs from the whole-file parse")
	}
}

func wholeParse(t *testing.T, data []byte) *Catalog {
	t.Helper()
	root, err := decodeOne(data, "g.yaml", 0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := publishedFromRoot(root, "g.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Layouts the fast path must hand to the whole-file parser, and what the
// result must be.
func TestCutFallbacks(t *testing.T) {
	const head = "name: t\nregistry:\n"
	tests := []struct {
		name    string
		in      string
		wantCut bool   // cutPublished accepts the layout
		want    string // server names, or the error substring
	}{
		{"plain", head + "  a:\n    image: mcp/a\n  b:\n    image: mcp/b\n", true, "a,b"},
		{"quoted string hides a fake entry", head + "  a:\n    description: \"first\n  evil:\n    image: evil/x\"\n    image: mcp/a\n", true, "a"},
		{"flow sequence hides a fake entry", head + "  a:\n    tags: [x,\n  evil: y]\n    image: mcp/a\n", true, "a"},
		{"block scalar", head + "  a:\n    description: |\n      text\n\n      more\n  b:\n    image: mcp/b\n", true, "a,b"},
		{"comment at column 0", head + "  a:\n    image: mcp/a\n# note\n  b:\n    image: mcp/b\n", true, "a,b"},
		{"keys after the registry", head + "  a:\n    image: mcp/a\ndisplayName: D\n", true, "a"},
		{"crlf", strings.ReplaceAll(head+"  a:\n    image: mcp/a\n", "\n", "\r\n"), true, "a"},
		{"document marker", "---\n" + head + "  a:\n    image: mcp/a\n", false, "a"},
		{"flow registry", "name: t\nregistry: {a: {image: mcp/a}}\n", false, "a"},
		{"quoted entry key", head + "  \"a\":\n    image: mcp/a\n", false, "a"},
		{"no registry: a server.yaml", "name: t\n", false, "t"},
		{"duplicate entry", head + "  a:\n    image: mcp/a\n  a:\n    image: evil/a\n", true, "key already defined"},
		{"duplicate registry", head + "  a:\n    image: mcp/a\nregistry:\n  b:\n    image: mcp/b\n", false, "key already defined"},
		{"second document", head + "  a:\n    image: mcp/a\n---\nname: u\n", false, "multiple documents"},
		{"alias across entries", head + "  a: &x\n    image: mcp/a\n  b: *x\n", true, "not allowed"},
		{"entry is a scalar", head + "  a: mcp/a\n", true, "entry must be a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := cutPublished([]byte(tt.in)); ok != tt.wantCut {
				t.Errorf("cutPublished(%s) = %v, want %v", tt.name, ok, tt.wantCut)
			}
			c, err := parseCatalogData([]byte(tt.in), "t.yaml")
			got := ""
			if err != nil {
				got = err.Error()
			} else {
				got = strings.Join(names(c.Servers), ",")
			}
			if !strings.Contains(got, tt.want) || (tt.want == "" && got != "") {
				t.Errorf("parseCatalogData(%s) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestLoadNotACatalog(t *testing.T) {
	p := writeFile(t, t.TempDir(), "x.yaml", "title: nothing here\n")
	_, err := Load(context.Background(), p)
	var pe *ParseError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "not a catalog") {
		t.Errorf("Load(not a catalog) = %v, want *ParseError 'not a catalog'", err)
	}
}

func TestLoadOCI(t *testing.T) {
	artifact, err := os.ReadFile("testdata/artifact.json")
	if err != nil {
		t.Fatal(err)
	}
	var asked string
	pull := WithOCI(func(_ context.Context, ref string) ([]byte, error) {
		asked = ref
		return artifact, nil
	})
	c := mustLoad(t, "oci://mcp/docker-mcp-catalog:latest", pull, clock(fixedNow))
	if asked != "mcp/docker-mcp-catalog:latest" || c.Kind != KindOCI || c.DisplayName != "Test Artifact Catalog" {
		t.Errorf("Load(oci) asked %q, kind %s, displayName %q", asked, c.Kind, c.DisplayName)
	}
	want := map[string]Tier{"wrapped": TierDockerBuilt, "flat": TierRemote, "imgonly": TierPublisherImage}
	for name, tier := range want {
		if s, ok := c.Lookup(name); !ok || s.Tier != tier {
			t.Errorf("Load(oci).Lookup(%s) = %v, want tier %s", name, s, tier)
		}
	}
	community := mustLoad(t, "oci://docker.io/mcp/community-registry:latest", pull)
	if n := community.Counts()[TierCommunity]; n != 3 {
		t.Errorf("Load(community registry) community count = %d, want 3", n)
	}
}

func TestLoadOCIErrors(t *testing.T) {
	boom := errors.New("registry unreachable")
	tests := []struct {
		name string
		opts []Option
		spec string
		want func(error) bool
	}{
		{"no puller", nil, "oci://x/y:z", func(err error) bool { return errors.Is(err, ErrNoOCI) }},
		{"empty ref", nil, "oci://", func(err error) bool { return errors.Is(err, ErrUnsupported) }},
		{"pull fails", []Option{WithOCI(func(context.Context, string) ([]byte, error) { return nil, boom })}, "oci://x/y:z",
			func(err error) bool { var fe *FetchError; return errors.As(err, &fe) && errors.Is(err, boom) }},
		{"not json", []Option{WithOCI(func(context.Context, string) ([]byte, error) { return []byte("{"), nil })}, "oci://x/y:z",
			func(err error) bool { var pe *ParseError; return errors.As(err, &pe) }},
		{"item without a name", []Option{WithOCI(func(context.Context, string) ([]byte, error) { return []byte(`{"servers":[{"type":"registry"}]}`), nil })}, "oci://x/y:z",
			func(err error) bool { return strings.Contains(err.Error(), "neither a snapshot") }},
	}
	for _, tt := range tests {
		if _, err := Load(context.Background(), tt.spec, tt.opts...); !tt.want(err) {
			t.Errorf("Load(%s) = %v, want a different error", tt.name, err)
		}
	}
}
