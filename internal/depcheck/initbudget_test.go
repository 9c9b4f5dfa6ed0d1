package depcheck

import (
	"strings"
	"testing"
)

// initHeavy lists packages whose package initialisation is expensive
// (measured with GODEBUG=inittrace=1) and which the mcptrust program must
// not link: every command, `version` included, would pay for them at start
// (issue 11, goal 1: package init <= 10 ms). bench/init.sh measures the
// budget itself; this list keeps the known offenders from coming back.
var initHeavy = []struct{ prefix, why string }{
	{"github.com/alecthomas/chroma/", "syntax highlighter: registers ~250 lexers and 70 styles at init (~10-30 ms)"},
	{"charm.land/glamour/", "links chroma and bluemonday; tui/render renders Markdown with goldmark instead"},
	{"github.com/charmbracelet/glamour", "links chroma and bluemonday; tui/render renders Markdown with goldmark instead"},
	{"github.com/microcosm-cc/bluemonday", "HTML sanitiser: compiles many regexps and a CSS handler table at init"},
	{"github.com/gorilla/css", "CSS scanner: compiles its token regexps at init"},
	{"github.com/aymerick/douceur", "CSS parser, only linked through bluemonday"},
	{"github.com/dlclark/regexp2", "only linked through chroma"},
	{"github.com/yuin/goldmark-emoji", "emoji table built at init, only linked through glamour"},
	{"github.com/yuin/goldmark/extension", "compiles linkify's URL regexps at init (~1 ms); tui/render parses GFM tables itself"},
	{"github.com/sigstore/cosign/", "with rekor's go-openapi models: govalidator, strfmt, rocacheck, chi, gob (~4.7 ms, 2.3 MB at init); verify checks signatures with verify/internal/{sigkeys,cosignsig,sgbundle}"},
	{"github.com/sigstore/sigstore-go/", "links rekor's models and protobuf-specs (~3.6 ms at init); verify/internal/sgbundle checks bundles"},
	{"github.com/sigstore/sigstore/", "cryptoutils links letsencrypt/boulder and rocacheck (~1 ms at init); verify/internal/sigkeys parses keys"},
	{"github.com/sigstore/rekor/", "go-openapi models: govalidator and strfmt compile regexps and tables at init"},
	{"github.com/sigstore/protobuf-specs/", "registers protobuf descriptors at init; bundles are read with encoding/json"},
	{"github.com/asaskevich/govalidator", "compiles ~40 regexps at init (~0.9 ms, 950 KB)"},
	{"github.com/go-openapi/", "strfmt registers formats and country tables at init"},
	{"github.com/titanous/rocacheck", "builds its ROCA tables at init (~0.3 ms)"},
	{"github.com/docker/cli/cli/command", "links the engine API client, gRPC and OpenTelemetry; cli-plugin/dockerplugin speaks the plugin protocol"},
	{"github.com/distribution/reference", "compiles its reference regexps at init (~0.6 ms)"},
	{"google.golang.org/grpc", "only linked through docker/cli's command layer and sigstore"},
	{"go.opentelemetry.io/", "only linked through docker/cli's command layer and sigstore"},
	{"google.golang.org/protobuf/", "descriptor registry built at init; nothing in the program needs protobuf"},
}

func TestProgramLinksNoInitHeavyPackage(t *testing.T) {
	root := moduleRoot(t)
	for _, dep := range deps(t, root, "cli-plugin", true) {
		for _, h := range initHeavy {
			if strings.HasPrefix(dep, h.prefix) {
				t.Errorf("mcptrust links %s: %s", dep, h.why)
			}
		}
	}
}
