package catalog

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
)

func TestTiers(t *testing.T) {
	const pin = "f98669cc9b81fea7bd27f04b1d03b400f511a9df"
	const dg = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	pubs := NewPublishers([]string{"listed-server"}, []string{"Acme"})
	srv := func(name, image, commit, project string, tags ...string) Server {
		return Server{Name: name, Type: TypeServer, Image: image, Source: Source{Commit: commit, Project: project}, Tags: tags}
	}
	tests := []struct {
		name       string
		s          Server
		community  bool
		want       Tier
		wantKnown  bool
		wantReason string
	}{
		{name: "mcp pinned", s: srv("a", "mcp/a", pin, ""), want: TierDockerBuilt, wantReason: "Docker's mcp namespace and source.commit pins"},
		{name: "docker.io/mcp pinned", s: srv("a", "docker.io/mcp/a:1", pin, ""), want: TierDockerBuilt},
		{name: "index.docker.io/mcp by digest", s: srv("a", "index.docker.io/mcp/a@"+dg, pin, ""), want: TierDockerBuilt},
		{name: "mcp unpinned", s: srv("a", "mcp/a", "", ""), want: TierPublisherImage, wantReason: "has no source.commit"},
		{name: "mcp uppercase pin", s: srv("a", "mcp/a", strings.ToUpper(pin), ""), want: TierPublisherImage, wantReason: "is malformed"},
		{name: "mcp short pin", s: srv("a", "mcp/a", pin[:7], ""), want: TierPublisherImage, wantReason: `"f98669c" is malformed`},
		{name: "mcp on another registry", s: srv("a", "ghcr.io/mcp/a", pin, ""), want: TierPublisherImage, wantReason: "outside Docker's mcp namespace"},
		{name: "mcp nested path", s: srv("a", "mcp/a/b", pin, ""), want: TierPublisherImage},
		{name: "mcp with bad digest", s: srv("a", "mcp/a@sha256:abc", pin, ""), want: TierPublisherImage, wantReason: "malformed digest"},
		{name: "uppercase namespace", s: srv("a", "MCP/a", pin, ""), want: TierPublisherImage, wantReason: "image reference is malformed"},
		{name: "no image", s: srv("a", "", pin, ""), want: TierPublisherImage, wantReason: "no image named"},
		{name: "publisher image", s: srv("a", "ghcr.io/acme/a:1", pin, ""), want: TierPublisherImage},
		{name: "publisher image, owner listed", s: srv("a", "ghcr.io/acme/a:1", pin, "https://github.com/acme/a"), want: TierKnownPublisher, wantKnown: true, wantReason: "GitHub owner acme is on the known-publishers list"},
		{name: "publisher image, name listed", s: srv("listed-server", "someone/x", "", ""), want: TierKnownPublisher, wantKnown: true, wantReason: "server name is on the known-publishers list"},
		{name: "owner only from a non-canonical project", s: srv("a", "acme/a", pin, "http://github.com/acme/a"), want: TierPublisherImage},
		{name: "owner only in metadata", s: Server{Name: "a", Type: TypeServer, Image: "acme/a", Metadata: Metadata{Owner: "acme"}}, want: TierPublisherImage},
		{name: "mcp unpinned but listed", s: srv("listed-server", "mcp/listed-server", "", ""), want: TierKnownPublisher, wantKnown: true, wantReason: "has no source.commit"},
		{name: "docker-built and listed", s: srv("listed-server", "mcp/listed-server", pin, ""), want: TierDockerBuilt, wantKnown: true},
		{name: "remote", s: Server{Name: "r", Type: TypeRemote}, want: TierRemote, wantReason: "remote endpoint"},
		{name: "remote listed", s: Server{Name: "listed-server", Type: TypeRemote}, want: TierKnownPublisher, wantKnown: true},
		{name: "remote with an mcp image", s: Server{Name: "r", Type: TypeRemote, Image: "mcp/r", Source: Source{Commit: pin}}, want: TierRemote},
		{name: "poci", s: Server{Name: "p", Type: TypePOCI}, want: TierPublisherImage, wantReason: "poci entry"},
		{name: "community tag beats docker-built", s: srv("a", "mcp/a", pin, "", "community"), want: TierCommunity},
		{name: "community tag any case", s: srv("a", "mcp/a", pin, "", " Community "), want: TierCommunity},
		{name: "community tag beats known publisher", s: srv("listed-server", "x/y", pin, "", "community"), want: TierCommunity, wantKnown: true},
		{name: "community registry", s: srv("a", "mcp/a", pin, ""), community: true, want: TierCommunity, wantReason: "community registry"},
		{name: "A14 badge spoofing", s: Server{
			Name: "github-official", Type: TypeServer, Image: "someuser/github-official:latest",
			Title: "GitHub Official ✔ Verified Publisher", Description: "Official. Verified by Docker. Docker-built.",
			Category: "official", Tags: []string{"official", "verified", "docker-built", "community"},
			Metadata: Metadata{Owner: "GitHub (official, verified)"}, Source: Source{Commit: pin},
		}, want: TierCommunity},
		{name: "A14 badge spoofing without the community tag", s: Server{
			Name: "github-official", Type: TypeServer, Image: "someuser/github-official:latest",
			Title: "GitHub Official ✔ Verified Publisher", Tags: []string{"official", "verified", "docker-built"},
			Metadata: Metadata{Owner: "acme"}, Source: Source{Commit: pin},
		}, want: TierPublisherImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s
			s.classify(pubs, tt.community)
			if s.Tier != tt.want || s.KnownPublisher != tt.wantKnown {
				t.Errorf("classify(%s) = %s known=%v, want %s known=%v (%s)", tt.name, s.Tier, s.KnownPublisher, tt.want, tt.wantKnown, s.TierReason)
			}
			if !strings.Contains(s.TierReason, tt.wantReason) || s.TierReason == "" {
				t.Errorf("classify(%s).TierReason = %q, want it to contain %q", tt.name, s.TierReason, tt.wantReason)
			}
			if strings.ContainsAny(s.TierReason, "\x1b\n\u202e") {
				t.Errorf("classify(%s).TierReason = %q carries control characters", tt.name, s.TierReason)
			}
		})
	}
}

// The two axes: build says who built what runs, publisher whether the
// publisher is listed. community is downgrade-only on both.
func TestTrustAxes(t *testing.T) {
	const pin = "f98669cc9b81fea7bd27f04b1d03b400f511a9df"
	pubs := NewPublishers([]string{"listed"}, []string{"acme"})
	srv := func(name, image, commit string, tags ...string) Server {
		return Server{Name: name, Type: TypeServer, Image: image, Source: Source{Commit: commit}, Tags: tags}
	}
	tests := []struct {
		name      string
		s         Server
		community bool
		build     Build
		pub       PublisherLevel
		reason    string // in PublisherReason or BuildReason
	}{
		{"docker-built, unlisted", srv("a", "mcp/a", pin), false, BuildDockerBuilt, PublisherCommunity, "not on the known-publishers list"},
		{"docker-built, listed", srv("listed", "mcp/listed", pin), false, BuildDockerBuilt, PublisherKnown, "server name is on the known-publishers list"},
		{"mcp unpinned, listed", srv("listed", "mcp/listed", ""), false, BuildPublisherImage, PublisherKnown, "has no source.commit"},
		{"publisher image, owner listed", Server{Name: "x", Type: TypeServer, Image: "acme/x", Source: Source{Project: "https://github.com/acme/x"}}, false, BuildPublisherImage, PublisherKnown, "GitHub owner acme"},
		{"publisher image, unlisted", srv("b", "someone/b", pin), false, BuildPublisherImage, PublisherCommunity, "outside Docker's mcp namespace"},
		{"remote, listed", Server{Name: "listed", Type: TypeRemote}, false, BuildRemote, PublisherKnown, "remote endpoint"},
		{"remote, unlisted", Server{Name: "r", Type: TypeRemote, Image: "mcp/r", Source: Source{Commit: pin}}, false, BuildRemote, PublisherCommunity, "remote endpoint"},
		{"community tag on listed mcp pinned", srv("listed", "mcp/listed", pin, "community"), false, BuildPublisherImage, PublisherCommunity, "tagged community"},
		{"community registry", srv("listed", "mcp/listed", pin), true, BuildPublisherImage, PublisherCommunity, "community registry"},
		{"community remote", Server{Name: "listed", Type: TypeRemote}, true, BuildRemote, PublisherCommunity, "community registry"},
		{"A14: words in free text change nothing", Server{
			Name: "x", Type: TypeServer, Image: "someuser/x", Title: "✦ docker-built · ✔ known publisher",
			Description: "Known publisher. Docker-built.", Category: "known-publisher", Tags: []string{"docker-built", "known-publisher"},
			Metadata: Metadata{Owner: "acme"}, Source: Source{Commit: pin},
		}, false, BuildPublisherImage, PublisherCommunity, "not on the known-publishers list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s
			s.classify(pubs, tt.community)
			if s.Build != tt.build || s.Publisher != tt.pub {
				t.Errorf("classify(%s) = %s / %s, want %s / %s (%s; %s)", tt.name, s.Build, s.Publisher, tt.build, tt.pub, s.BuildReason, s.PublisherReason)
			}
			if !strings.Contains(s.BuildReason+" | "+s.PublisherReason, tt.reason) || s.BuildReason == "" || s.PublisherReason == "" {
				t.Errorf("classify(%s) reasons %q | %q, want one to contain %q", tt.name, s.BuildReason, s.PublisherReason, tt.reason)
			}
		})
	}
}

func TestClassifyDigestAndOwner(t *testing.T) {
	const dg = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	s := Server{Name: "a", Type: TypeServer, Image: "mcp/a@" + dg, Source: Source{Project: "https://github.com/o/r"}}
	s.classify(nil, false)
	if s.Digest != dg || s.Owner != "o" {
		t.Errorf("classify: digest, owner = %q, %q; want %q, %q", s.Digest, s.Owner, dg, "o")
	}
	s.Metadata.Owner = "meta-owner"
	s.classify(nil, false)
	if s.Owner != "meta-owner" {
		t.Errorf("classify: owner = %q, want metadata.owner %q", s.Owner, "meta-owner")
	}
}

func TestParsePublishers(t *testing.T) {
	tests := []struct {
		name, in            string
		wantSrv, wantOwners string
		wantErr             string
	}{
		{name: "list", in: "- a\n- B\n", wantSrv: "a,b"},
		{name: "servers and owners", in: "servers: [x]\nowners: [Acme, bob]\nnote: ignored\n", wantSrv: "x", wantOwners: "acme,bob"},
		{name: "servers only with comments", in: "# header\nservers:\n  # group\n  - s1\n  - s2\n", wantSrv: "s1,s2"},
		{name: "empty lists", in: "servers: []\n"},
		{name: "scalar", in: "just text\n", wantErr: "publishers must be a list"},
		{name: "nested item", in: "servers:\n  - [a]\n", wantErr: "want a list of strings"},
		{name: "alias", in: "servers: &s [a]\nowners: *s\n", wantErr: "not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePublishers([]byte(tt.in), "p.yaml")
			if tt.wantErr != "" {
				// A *ParseError is what makes the command exit 2 (bad input).
				var pe *ParseError
				if !errors.As(err, &pe) || pe.File != "p.yaml" || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParsePublishers(%s) = %v (%T), want a *ParseError in p.yaml saying %q", tt.name, err, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(p.Servers(), ","); got != tt.wantSrv {
				t.Errorf("ParsePublishers(%s).Servers() = %q, want %q", tt.name, got, tt.wantSrv)
			}
			if got := strings.Join(p.Owners(), ","); got != tt.wantOwners {
				t.Errorf("ParsePublishers(%s).Owners() = %q, want %q", tt.name, got, tt.wantOwners)
			}
		})
	}
}

func TestLoadPublishersErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yaml")
	var ie *InputError
	if _, err := LoadPublishers(missing); !errors.As(err, &ie) || ie.Path != missing || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadPublishers(missing) = %v (%T), want an *InputError naming %s that is fs.ErrNotExist", err, err, missing)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("servers:\n"+strings.Repeat("  - a\n", maxServerFile/6+1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPublishers(big); !errors.As(err, &ie) || !errors.Is(err, ErrTooLarge) {
		t.Errorf("LoadPublishers(over the cap) = %v (%T), want an *InputError that is ErrTooLarge", err, err)
	}
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte("- a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := LoadPublishers(good); err != nil || strings.Join(p.Servers(), ",") != "a" {
		t.Errorf("LoadPublishers(good) = %v, %v; want servers [a]", p, err)
	}
	var nilPubs *Publishers
	if nilPubs.match("x", "y") != "" || len(nilPubs.Servers()) != 0 {
		t.Error("a nil *Publishers must list no one")
	}
}

// The registry's historical allowlist (servers: list, comments) loads and,
// applied to the snapshot, turns listed publisher images and remotes into
// known-publisher entries.
func TestHistoricalPublishers(t *testing.T) {
	dir := snapshotDir(t)
	path := filepath.Join(filepath.Dir(dir), "known-publishers-historical.yaml")
	if _, err := os.Stat(path); err != nil {
		testenv.Missing(t, "%s is not present in the snapshot: %v", path, err)
	}
	p, err := LoadPublishers(path)
	if err != nil {
		t.Fatalf("LoadPublishers(%s) = %v", path, err)
	}
	c := mustLoad(t, dir, WithPublishers(p))
	counts := c.Counts()
	t.Logf("historical list: %d servers; snapshot tiers with it: %v", len(p.Servers()), counts)
	if len(p.Servers()) != wantHistoricalServers || counts[TierKnownPublisher] != wantHistoricalKnown {
		t.Errorf("historical publishers: %d servers, %d known-publisher entries; want %d, %d",
			len(p.Servers()), counts[TierKnownPublisher], wantHistoricalServers, wantHistoricalKnown)
	}
	if counts[TierDockerBuilt] != 224 {
		t.Errorf("docker-built with publishers = %d, want 224 (a list never changes docker-built)", counts[TierDockerBuilt])
	}
	builds, levels := c.BuildCounts(), c.PublisherCounts()
	t.Logf("snapshot axes: %v %v", builds, levels)
	if builds[BuildDockerBuilt] != 224 || levels[PublisherKnown] != wantHistoricalListed || levels[PublisherKnown]+levels[PublisherCommunity] != len(c.Servers) {
		t.Errorf("snapshot axes = %v %v; want docker-built 224, known-publisher %d", builds, levels, wantHistoricalListed)
	}
	// The built-in list is that file's names, with its source and date.
	def := DefaultPublishers()
	if !slices.Equal(def.Servers(), p.Servers()) || len(def.Owners()) != 0 {
		t.Errorf("DefaultPublishers() lists %d servers, %d owners; want the historical file's %d servers", len(def.Servers()), len(def.Owners()), len(p.Servers()))
	}
}

func TestDefaultPublishers(t *testing.T) {
	p := DefaultPublishers()
	if p == nil || len(p.Servers()) != wantHistoricalServers || p.Origin != BuiltinPublishersOrigin ||
		!strings.Contains(p.Source, "docker/mcp-registry") || p.Date != "2026-02-25" {
		t.Fatalf("DefaultPublishers() = %+v; want %d servers, origin built-in, a registry source and date 2026-02-25", p, wantHistoricalServers)
	}
	if DefaultPublishers() == p {
		t.Error("DefaultPublishers() returned the same list twice; callers may not share it")
	}
}

// Measured on the snapshot at docker/mcp-registry 818bf169; a change means
// the matching rules or the data changed.
const (
	wantHistoricalServers = 168
	wantHistoricalKnown   = 76
	// wantHistoricalListed counts the publisher axis: listed entries,
	// docker-built ones included (the one-axis tier hid those).
	wantHistoricalListed = 167
)
