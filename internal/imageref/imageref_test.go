package imageref

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
)

func TestRef(t *testing.T) {
	tests := []struct {
		ref                        string
		repo                       string
		mcp, dockerBuilt, enforced bool
	}{
		{"mcp/x", "index.docker.io/mcp/x", true, true, true},
		{"mcp/x:1.0", "index.docker.io/mcp/x", true, true, true},
		{"docker.io/mcp/x@sha256:" + hex64, "index.docker.io/mcp/x", true, true, true},
		{"index.docker.io/mcp/x:latest@sha256:" + hex64, "index.docker.io/mcp/x", true, true, true},
		{"registry-1.docker.io/mcp/x", "index.docker.io/mcp/x", true, true, true},
		{"127.0.0.1:5000/mcp/x", "127.0.0.1:5000/mcp/x", true, false, true},
		{"127.9.9.9:5000/mcp/x", "127.9.9.9:5000/mcp/x", true, false, true},
		{"localhost:5000/mcp/x", "localhost:5000/mcp/x", true, false, true},
		{"[::1]:5000/mcp/x", "[::1]:5000/mcp/x", true, false, true},
		{"127.example.com/mcp/x", "127.example.com/mcp/x", true, false, false},
		{"ghcr.io/mcp/x", "ghcr.io/mcp/x", true, false, false},
		{"10.0.0.1:5000/mcp/x", "10.0.0.1:5000/mcp/x", true, false, false},
		{"mcp/signatures", "index.docker.io/mcp/signatures", false, false, false},
		{"mcp/x/y", "index.docker.io/mcp/x/y", false, false, false},
		{"mcpx/y", "index.docker.io/mcpx/y", false, false, false},
		{"acme/mcp", "index.docker.io/acme/mcp", false, false, false},
		{"alpine", "index.docker.io/library/alpine", false, false, false},
	}
	for _, tt := range tests {
		r, err := Parse(tt.ref)
		if err != nil {
			t.Errorf("Parse(%q) error = %v", tt.ref, err)
			continue
		}
		if got := r.Repository(); got != tt.repo {
			t.Errorf("Parse(%q).Repository() = %q, want %q", tt.ref, got, tt.repo)
		}
		if got := r.InMCPNamespace(); got != tt.mcp {
			t.Errorf("Parse(%q).InMCPNamespace() = %v, want %v", tt.ref, got, tt.mcp)
		}
		if got := r.DockerBuilt(); got != tt.dockerBuilt {
			t.Errorf("Parse(%q).DockerBuilt() = %v, want %v", tt.ref, got, tt.dockerBuilt)
		}
		if got := r.Enforced(); got != tt.enforced {
			t.Errorf("Parse(%q).Enforced() = %v, want %v", tt.ref, got, tt.enforced)
		}
	}
}

const hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestParseRejects(t *testing.T) {
	for _, ref := range []string{"", "MCP/x", "mcp/x:bad tag", "mcp/x@sha256:abc", "mcp/x@md5:" + hex64} {
		if _, err := Parse(ref); err == nil {
			t.Errorf("Parse(%q) = nil error, want an error", ref)
		}
	}
}

func TestSameRepository(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"mcp/x", "docker.io/mcp/x", true},
		{"mcp/x:1", "index.docker.io/mcp/x@sha256:" + hex64, true},
		{"alpine", "library/alpine", true},
		{"mcp/x", "ghcr.io/mcp/x", false},
		{"mcp/x", "mcp/y", false},
		{"127.0.0.1:5000/mcp/x", "127.0.0.1:5001/mcp/x", false},
		{"MCP/x", "MCP/x", false},
	}
	for _, tt := range tests {
		if got := SameRepository(tt.a, tt.b); got != tt.want {
			t.Errorf("SameRepository(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		host string
		want AddrClass
	}{
		{"localhost", Loopback},
		{"LOCALHOST.", Loopback},
		{"registry.localhost", Loopback},
		{"127.0.0.1", Loopback},
		{"127.255.0.9", Loopback},
		{"::1", Loopback},
		{"[::1]", Loopback},
		{"::ffff:127.0.0.1", Loopback},
		{"10.1.2.3", Private},
		{"172.16.0.1", Private},
		{"192.168.1.1", Private},
		{"fd12::1", Private},
		{"169.254.169.254", Metadata},
		{"fd00:ec2::254", Metadata},
		{"169.254.1.1", LinkLocal},
		{"fe80::1", LinkLocal},
		{"0.0.0.0", Unspecified},
		{"0.1.2.3", Unspecified},
		{"::", Unspecified},
		{"100.64.0.1", Shared},
		{"224.0.0.1", Multicast},
		{"ff02::1", Multicast},
		{"8.8.8.8", Public},
		{"2001:4860::8888", Public},
		{"registry-1.docker.io", Public},
		{"127.example.com", Public},
	}
	for _, tt := range tests {
		if got := Classify(tt.host); got != tt.want {
			t.Errorf("Classify(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
	for host, want := range map[string]bool{
		"localhost": true, "LocalHost": true, "127.0.0.2": true, "[::1]": true, "::ffff:127.0.0.1": true,
		"a.localhost": false, "10.0.0.1": false, "127.example.com": false, "": false,
		"localhost.evil.com": false, "128.0.0.1": false, "192.168.1.1": false, "index.docker.io": false,
	} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", host, got, want)
		}
	}
	if got := ClassifyAddr(netip.MustParseAddr("fe80::1%eth0")); got != LinkLocal {
		t.Errorf("ClassifyAddr(fe80::1%%eth0) = %q, want link-local", got)
	}
}

func TestSplit(t *testing.T) {
	tests := []struct{ in, repo, tag, digest string }{
		{"mcp/x", "mcp/x", "", ""},
		{"mcp/x:1", "mcp/x", "1", ""},
		{"mcp/x@sha256:abc", "mcp/x", "", "sha256:abc"},
		{"h:5000/mcp/x:1@sha256:abc", "h:5000/mcp/x", "1", "sha256:abc"},
		{"h:5000/mcp/x", "h:5000/mcp/x", "", ""},
		{"[::1]:5000/mcp/x:t", "[::1]:5000/mcp/x", "t", ""},
	}
	for _, tt := range tests {
		repo, tag, digest := Split(tt.in)
		if repo != tt.repo || tag != tt.tag || digest != tt.digest {
			t.Errorf("Split(%q) = %q, %q, %q; want %q, %q, %q", tt.in, repo, tag, digest, tt.repo, tt.tag, tt.digest)
		}
	}
}

func TestHostOnly(t *testing.T) {
	for in, want := range map[string]string{"a:5000": "a", "[::1]:80": "::1", "[::1]": "::1", "a": "a", "127.0.0.1:1": "127.0.0.1"} {
		if got := HostOnly(in); got != want {
			t.Errorf("HostOnly(%q) = %q, want %q", in, got, want)
		}
	}
}

// parseByName is Parse as it was, through name.NewTag and name.NewDigest
// every time: the reference for Parse's shortcuts.
func parseByName(s string) (Ref, error) {
	if s == "" {
		return Ref{}, errors.New("empty image reference")
	}
	repo, tag, digest := Split(s)
	r, err := name.NewRepository(repo)
	if err != nil {
		return Ref{}, err
	}
	if tag != "" {
		if _, err := name.NewTag(repo + ":" + tag); err != nil {
			return Ref{}, err
		}
	}
	if strings.Contains(s, "@") {
		if _, err := name.NewDigest(repo + "@" + digest); err != nil {
			return Ref{}, err
		}
	}
	return Ref{repo: r, tag: tag, digest: digest}, nil
}

// parseSeeds are references at the edges of the shortcuts: tag length and
// characters, digest algorithm, length, case and separators.
var parseSeeds = []string{
	"mcp/x", "mcp/x:1.0", "mcp/x:" + strings.Repeat("a", 128), "mcp/x:" + strings.Repeat("a", 129),
	"mcp/x:", "mcp/x:-x", "mcp/x:.x", "mcp/x:_x", "mcp/x:A_b.c-D", "mcp/x:bad tag", "mcp/x:é", "mcp/x:a+b",
	"mcp/x@sha256:" + hex64, "mcp/x:1@sha256:" + hex64, "mcp/x@sha256:" + strings.ToUpper(hex64),
	"mcp/x@sha256:" + hex64[:63], "mcp/x@sha256:" + hex64[:63] + "g", "mcp/x@sha256:" + hex64 + "0", "mcp/x@sha512:" + hex64 + hex64,
	"mcp/x@sha384:" + hex64 + hex64[:32], "mcp/x@md5:" + hex64, "mcp/x@", "mcp/x@@sha256:" + hex64,
	"mcp/x@sha256:" + hex64 + "@sha256:" + hex64, "mcp/x@sha256" + hex64, "mcp/x@SHA256:" + hex64,
	"localhost:5000/mcp/x:1", "[::1]:5000/mcp/x@sha256:" + hex64, "MCP/x:1", "mcp/x:1:2", "host:5000",
	"ghcr.io/a/b:v1.2.3@sha256:" + hex64, "mcp/x:@sha256:" + hex64,
}

// Parse takes the same decisions as parseByName, with the same errors.
func TestParseMatchesName(t *testing.T) {
	for _, s := range parseSeeds {
		checkParseMatchesName(t, s)
	}
}

func FuzzParseMatchesName(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add(s)
	}
	f.Fuzz(checkParseMatchesName)
}

func checkParseMatchesName(t *testing.T, s string) {
	got, err := Parse(s)
	want, wantErr := parseByName(s)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("Parse(%q) error %v, name's %v", s, err, wantErr)
	}
	if err == nil && (got.Repository() != want.Repository() || got.Tag() != want.Tag() || got.Digest() != want.Digest()) {
		t.Fatalf("Parse(%q) = %s %q %q, name's %s %q %q", s, got.Repository(), got.Tag(), got.Digest(),
			want.Repository(), want.Tag(), want.Digest())
	}
}
