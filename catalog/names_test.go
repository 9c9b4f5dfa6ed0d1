package catalog

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// A server folder cannot take another server's name (THREATS A11): the
// impostor is refused whichever side of the real folder it sorts on, and
// the real entry still loads.
func TestCheckoutFolderCannotTakeAnotherName(t *testing.T) {
	for _, impostor := range []string{"aaa", "zzz"} {
		t.Run(impostor, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "servers/alpha/server.yaml", serverYAML("alpha"))
			writeFile(t, dir, "servers/"+impostor+"/server.yaml", "name: alpha\nimage: evil/alpha\ntype: server\n")
			writeFile(t, dir, "servers/beta/server.yaml", serverYAML("beta"))
			c := mustLoad(t, dir)
			s, ok := c.Lookup("alpha")
			if !ok || s.Image != "mcp/alpha" {
				t.Fatalf("Lookup(alpha) = %+v, %v; want the entry of servers/alpha", s, ok)
			}
			want := []string{"servers/" + impostor + `/server.yaml:1: name: server name "alpha" differs from its folder "` +
				impostor + `"; entry skipped [name-mismatch]`}
			if got := problemStrings(dir, c.Problems); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("Problems = %q, want %q", got, want)
			}
			if got := strings.Join(names(c.Servers), ","); got != "alpha,beta" {
				t.Errorf("servers = %s, want alpha,beta", got)
			}
			if p, ok := c.Refused("alpha"); !ok || p.Rule != "name-mismatch" {
				t.Errorf("Refused(alpha) = %+v, %v; want the impostor's problem", p, ok)
			}
		})
	}
}

// Loading one server's directory is not a checkout: its folder may be
// named anything (a clone, a temp dir).
func TestOneServerDirMayHaveAnyFolderName(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "server.yaml", serverYAML("alpha"))
	if c := mustLoad(t, dir); len(c.Servers) != 1 || len(c.Problems) != 0 {
		t.Errorf("Load(one server dir) = %v, problems %v; want alpha alone", names(c.Servers), c.Problems)
	}
}

// A folder whose name holds ESC (and so the server name too) is refused.
func TestCheckoutRefusesControlCharacterNames(t *testing.T) {
	dir := t.TempDir()
	bad := "ev\x1b[2Jil"
	writeFile(t, dir, "servers/"+bad+"/server.yaml", "name: \"ev\\e[2Jil\"\nimage: mcp/evil\ntype: server\n")
	writeFile(t, dir, "servers/beta/server.yaml", serverYAML("beta"))
	c := mustLoad(t, dir)
	if got := strings.Join(names(c.Servers), ","); got != "beta" {
		t.Fatalf("servers = %q, want beta", got)
	}
	if len(c.Problems) != 1 || c.Problems[0].Rule != "bad-name" || !strings.Contains(c.Problems[0].File, "il/server.yaml") {
		t.Fatalf("Problems = %+v, want one bad-name problem naming the file", c.Problems)
	}
	if s := c.Problems[0].String(); strings.ContainsRune(s, 0x1b) || !strings.Contains(s, `ev\x1b[2Jil`) {
		t.Errorf("Problem = %q, want the name shown escaped", s)
	}
}

// hostileArtifact holds alpha twice, names with control, bidi and tag
// characters, and a good beta.
const hostileArtifact = `title: hostile
servers:
  - name: alpha
    type: server
    image: mcp/alpha
  - name: beta
    type: server
    image: mcp/beta
  - name: alpha
    type: server
    image: evil/alpha
  - name: "new\nline"
    type: server
    image: mcp/x
  - name: "bi\u202Edi"
    type: server
    image: mcp/y
  - name: "ta\U000E0041g"
    type: server
    image: mcp/z
`

// Every loader that reads many entries refuses a name defined twice (both
// entries: none can be trusted to be the real one) and a name holding a
// control, bidi or invisible character, each with a Problem naming the
// file and line; the other entries load.
func TestLoadersRefuseDuplicateAndBadNames(t *testing.T) {
	cs := newCatalogServer(t)
	cs.set("ok", hostileArtifact)
	file := writeFile(t, t.TempDir(), "catalog.yaml", hostileArtifact)
	pull := WithOCI(func(context.Context, string) ([]byte, error) { return []byte(hostileArtifact), nil })
	loaders := map[string]func() (*Catalog, error){
		"file": func() (*Catalog, error) { return Load(context.Background(), file) },
		"url":  func() (*Catalog, error) { return Load(context.Background(), cs.URL+"/catalog.yaml") },
		"oci":  func() (*Catalog, error) { return Load(context.Background(), "oci://x/y:z", pull) },
		"demo": func() (*Catalog, error) {
			fsys := fstest.MapFS{"demo/catalog.yaml": {Data: []byte(hostileArtifact)}}
			return loadDemoFrom(fsys, &config{now: func() time.Time { return fixedNow }})
		},
	}
	for name, load := range loaders {
		t.Run(name, func(t *testing.T) {
			c, err := load()
			if err != nil {
				t.Fatalf("Load = %v, want the good entries and problems", err)
			}
			if got := strings.Join(names(c.Servers), ","); got != "beta" {
				t.Errorf("servers = %q, want beta alone", got)
			}
			if s, ok := c.Lookup("alpha"); ok {
				t.Errorf("Lookup(alpha) = %s, want no entry: alpha is defined twice", s.Image)
			}
			if p, ok := c.Refused("alpha"); !ok || p.Rule != "duplicate-name" {
				t.Errorf("Refused(alpha) = %+v, %v; want a duplicate-name problem", p, ok)
			}
			assertNameProblems(t, c.Problems)
		})
	}
}

func assertNameProblems(t *testing.T, ps []Problem) {
	t.Helper()
	rules := map[string][]int{}
	for _, p := range ps {
		rules[p.Rule] = append(rules[p.Rule], p.Line)
		if s := p.String(); strings.ContainsAny(s, "\n\u202E\U000E0041") || p.File == "" || p.Line == 0 {
			t.Errorf("problem %q: want a one-line, escaped message naming file and line", s)
		}
	}
	if got := rules["duplicate-name"]; len(got) != 2 || got[0] == got[1] {
		t.Errorf("duplicate-name problems at lines %v, want one for each alpha entry", got)
	}
	if got := rules["bad-name"]; len(got) != 3 {
		t.Errorf("bad-name problems at lines %v, want 3", got)
	}
	if len(ps) != 5 {
		t.Errorf("problems = %v, want 5", ps)
	}
}

// A published catalog is a YAML map: a name given twice is a duplicate key,
// which refuses the whole file, naming the line.
func TestPublishedCatalogDuplicateKeyIsAnError(t *testing.T) {
	doc := "registry:\n  alpha:\n    type: server\n    image: mcp/alpha\n  alpha:\n    type: server\n    image: evil/alpha\n"
	file := writeFile(t, t.TempDir(), "catalog.yaml", doc)
	_, err := Load(context.Background(), file)
	if err == nil || !strings.Contains(err.Error(), "catalog.yaml:5") || !strings.Contains(err.Error(), "already defined") {
		t.Errorf("Load(duplicate key) = %v, want an error at catalog.yaml:5", err)
	}
}

// A published catalog's key holding a control character is refused too.
func TestPublishedCatalogRefusesBadKey(t *testing.T) {
	doc := "registry:\n  \"al\\tpha\":\n    type: server\n    image: mcp/alpha\n  beta:\n    type: server\n    image: mcp/beta\n"
	c := mustLoad(t, writeFile(t, t.TempDir(), "catalog.yaml", doc))
	if got := strings.Join(names(c.Servers), ","); got != "beta" || len(c.Problems) != 1 || c.Problems[0].Line != 2 {
		t.Errorf("Load = %s, %v; want beta and one problem at line 2", got, c.Problems)
	}
}

// The demo catalog itself loads without a refused name.
func TestDemoHasNoRefusedNames(t *testing.T) {
	c := mustLoad(t, DemoSpec)
	for _, p := range c.Problems {
		t.Errorf("demo problem: %s", p)
	}
}

// One server.yaml, or one server's directory, with a hostile name loads no
// entry and says why.
func TestSingleServerRefusesBadName(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "server.yaml", "name: \"al\\u202Epha\"\nimage: mcp/alpha\ntype: server\n")
	for _, spec := range []string{file, dir} {
		c := mustLoad(t, spec)
		if len(c.Servers) != 0 || len(c.Problems) != 1 || c.Problems[0].Rule != "bad-name" || c.Problems[0].File != file {
			t.Errorf("Load(%s) = %v, %+v; want no entry and one bad-name problem naming the file", spec, names(c.Servers), c.Problems)
		}
	}
}
