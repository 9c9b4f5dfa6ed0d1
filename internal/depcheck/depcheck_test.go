package depcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/mcp-trust/mcp-trust"

var (
	cmdLayer = []string{module + "/cli-plugin", "github.com/spf13/cobra", "github.com/docker/cli"}
	charm    = []string{"charm.land/", "github.com/charmbracelet/"}
	registry = []string{"github.com/google/go-containerregistry", "github.com/sigstore/"}
)

func join(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// rules: package directory (relative to the module root) -> forbidden
// import-path prefixes. Our own packages are checked through the whole
// dependency graph; third-party ones only where our code imports them
// directly, since a library we use may itself use, say, cobra (cosign's
// dependencies do) without our package depending on the command layer.
var rules = map[string][]string{
	"catalog":                 join(cmdLayer, charm, registry, []string{module + "/verify", module + "/reviewer", module + "/tui"}),
	"verify":                  join(cmdLayer, charm, []string{module + "/catalog", module + "/reviewer", module + "/tui"}),
	"reviewer":                join(cmdLayer, charm, registry, []string{module + "/catalog", module + "/verify", module + "/tui"}),
	"tui":                     join(cmdLayer),
	"lock":                    join(cmdLayer, charm, registry, []string{module + "/catalog", module + "/verify", module + "/reviewer", module + "/tui"}),
	"dockerreviews":           join(cmdLayer, charm, registry, []string{module + "/catalog", module + "/verify", module + "/tui"}),
	"dockerreviews/ghfake":    {module + "/", "github.com/", "golang.org/", "gopkg.in/"},
	"internal/sanitize":       {module + "/", "github.com/", "golang.org/", "gopkg.in/"},
	"internal/hashedfile":     {module + "/", "github.com/", "golang.org/", "gopkg.in/"},
	"internal/machinekey":     {module + "/", "github.com/", "golang.org/", "gopkg.in/"},
	"internal/pool":           {module + "/", "github.com/", "golang.org/", "gopkg.in/"},
	"internal/simplesigning":  {module + "/", "github.com/", "golang.org/", "gopkg.in/", "google.golang.org/"},
	"reviewer/risk":           {module + "/", "github.com/", "golang.org/", "gopkg.in/"},
	"reviewer/internal/fsafe": {module + "/", "github.com/", "golang.org/", "gopkg.in/"},
	"reviewer/internal/proc":  {module + "/", "github.com/", "golang.org/", "gopkg.in/"},
	"internal/sarifout":       join(cmdLayer, charm, registry, []string{module + "/tui"}),
	"internal/ghcheck":        join(cmdLayer, charm, registry, []string{module + "/tui", module + "/catalog", module + "/verify"}),
	"internal/trusttext":      join(cmdLayer, charm, []string{module + "/tui"}),
	"internal/ocitest":        join(cmdLayer, charm, []string{"github.com/sigstore/", module + "/verify", module + "/catalog", module + "/reviewer", module + "/tui"}),
	// The sigstore bundle check is our own code with the standard library
	// only: no cosign, sigstore-go, protobuf or rekor.
	"verify/internal/sgbundle": {module + "/", "github.com/", "golang.org/", "gopkg.in/", "google.golang.org/"},
	// The protojson-style JSON reader under sgbundle and sigkeys: the
	// standard library only, no protobuf.
	"verify/internal/pbjson": {module + "/", "github.com/", "golang.org/", "gopkg.in/", "google.golang.org/"},
	"cli-plugin/iostreams": join([]string{
		module + "/catalog", module + "/verify", module + "/reviewer", module + "/tui", "github.com/spf13/cobra", "github.com/docker/cli",
	}, charm),
}

// allowedOwn: our packages a rule's package may import although its rule
// forbids our module as a whole; each is itself under a stdlib-only rule.
var allowedOwn = map[string][]string{
	"verify/internal/sgbundle": {module + "/verify/internal/pbjson"},
}

// schemaValidator validates SARIF in tests; the binary never links it.
const schemaValidator = "github.com/santhosh-tekuri/jsonschema"

// testOnly are packages for tests alone: the JSON-schema validator and its
// wrapper, and our fixture and fake packages (some link cosign, sigstore-go
// or a fake GitHub). internal/ocitest is not among them: the demo, which
// ships, serves its loopback registry with it.
var testOnly = []string{
	schemaValidator,
	module + "/internal/sarifout/sarifcheck",
	module + "/internal/sanitize/sanitizetest",
	module + "/internal/testenv",
	module + "/catalog/catalogtest",
	module + "/cli-plugin/dockerplugin/dockerplugintest",
	module + "/dockerreviews/ghfake",
	module + "/reviewer/engine/enginetest",
	module + "/verify/verifytest",
}

// TestTestPackagesOnlyInTests: the mcptrust program (./cli-plugin, the
// binary alone) links no test-only package.
func TestTestPackagesOnlyInTests(t *testing.T) {
	for dep := range importGraph(t, moduleRoot(t), "./cli-plugin") {
		for _, p := range testOnly {
			if dep == p || strings.HasPrefix(dep, p+"/") {
				t.Errorf("the binary links %s, which is for tests only", dep)
			}
		}
	}
}

// launcherAllowed is everything the docker-mcptrust launcher may link besides
// the standard library: it runs on every `docker --help`.
var launcherAllowed = []string{
	module + "/cli-plugin/launcher", module + "/cli-plugin/pluginmeta", "github.com/docker/cli/cli-plugins/metadata",
}

// imagerefAllowed is everything internal/imageref may link besides the
// standard library: catalog imports it and must not pull in a registry
// client. go-digest is the name package's own digest parser (stdlib only).
var imagerefAllowed = []string{
	module + "/internal/imageref", "github.com/google/go-containerregistry/pkg/name", "github.com/opencontainers/go-digest",
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// deps lists the non-standard dependencies of the packages in dir: with
// all, the whole graph; otherwise the direct imports of dir's own packages.
func deps(t *testing.T, root, dir string, all bool) []string {
	t.Helper()
	args := []string{"list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./" + dir + "/..."}
	if !all {
		args = []string{"list", "-f", `{{join .Imports "\n"}}`, "./" + dir + "/..."}
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ./%s/...: %v", dir, err)
	}
	return strings.Fields(string(out))
}

func hasGoFiles(dir string) bool {
	matches, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	return len(matches) > 0
}

func TestImportRules(t *testing.T) {
	root := moduleRoot(t)
	for dir, forbidden := range rules {
		t.Run(dir, func(t *testing.T) {
			if !hasGoFiles(filepath.Join(root, dir)) {
				t.Logf("%s has no Go package yet; nothing to check", dir)
				return
			}
			check := func(dep string, ours bool) {
				if strings.HasPrefix(dep, module+"/"+dir) || slices.Contains(allowedOwn[dir], dep) {
					return
				}
				for _, bad := range forbidden {
					if strings.HasPrefix(bad, module+"/") == ours && strings.HasPrefix(dep, bad) {
						t.Errorf("%s depends on %s, which STYLE.md forbids (%s)", dir, dep, bad)
					}
				}
			}
			for _, dep := range deps(t, root, dir, true) {
				check(dep, true)
			}
			for _, dep := range deps(t, root, dir, false) {
				check(dep, false)
			}
		})
	}
}

func TestImagerefLinksOnlyName(t *testing.T) {
	root := moduleRoot(t)
	for _, dep := range deps(t, root, "internal/imageref", true) {
		if !slices.Contains(imagerefAllowed, dep) {
			t.Errorf("internal/imageref links %s; it may use the standard library and go-containerregistry/pkg/name only", dep)
		}
	}
}

func TestLauncherLinksOnlyMetadata(t *testing.T) {
	root := moduleRoot(t)
	if _, err := os.Stat(filepath.Join(root, "cli-plugin/launcher")); err != nil {
		t.Fatal(err)
	}
	for _, dep := range deps(t, root, "cli-plugin/launcher", true) {
		ok := false
		for _, a := range launcherAllowed {
			ok = ok || dep == a
		}
		if !ok {
			t.Errorf("the launcher links %s; it must link only the plugin metadata (it runs on every docker --help)", dep)
		}
	}
}

// reviewerLayers: what each part of the reviewer may link from this module
// besides itself (the whole graph). The pre-scan and the engine are
// separate seams: neither knows the review that uses it, nor the other.
var reviewerLayers = map[string][]string{
	"reviewer/prescan": {module + "/reviewer/risk", module + "/reviewer/internal/fsafe"},
	"reviewer/engine":  {module + "/reviewer/internal/proc"},
	"reviewer/risk":    nil,
}

func TestReviewerLayers(t *testing.T) {
	root := moduleRoot(t)
	for dir, allowed := range reviewerLayers {
		t.Run(dir, func(t *testing.T) {
			for _, dep := range deps(t, root, dir, true) {
				if !strings.HasPrefix(dep, module+"/") || strings.HasPrefix(dep, module+"/"+dir) {
					continue
				}
				if !slices.Contains(allowed, dep) {
					t.Errorf("%s links %s; it may use only %v from this module", dir, dep, allowed)
				}
			}
		})
	}
}
