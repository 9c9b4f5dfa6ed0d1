package catalog

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

func TestParseServerFields(t *testing.T) {
	c := mustLoad(t, "testdata/checkout/servers/alpha/server.yaml", clock(fixedNow))
	golden.RequireEqual(t, jsonOf(t, c.Servers[0]))
}

// billionLaughs is the classic alias bomb, 9 levels of 9 aliases, < 1 KiB.
const billionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
name: x
`

// hostileAllocCap bounds what refusing one hostile server.yaml may
// allocate (the largest input, a million brackets, is 1 MB).
const hostileAllocCap = 64 << 20

func TestParseServerRejects(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantIs    error  // sentinel, or nil
		wantMsg   string // substring of the message, or ""
		wantLine  int    // 0: not checked
		wantField string // "": not checked
	}{
		{name: "unclosed quote", in: "name: x\nabout:\n  title: \"unclosed\n", wantMsg: "unexpected end of stream", wantLine: 3, wantField: "about.title"},
		{name: "bad indentation", in: "name: x\nsource:\n  project: https://github.com/o/r\n commit: abc\n", wantMsg: "did not find expected key", wantLine: 3, wantField: "source.project"},
		{name: "duplicate commit", in: serverYAML("x", "source:\n  commit: 1111111111111111111111111111111111111111\n  commit: 2222222222222222222222222222222222222222"), wantIs: ErrDuplicateKey, wantLine: 8, wantField: "commit"},
		{name: "duplicate source", in: serverYAML("x", "source:\n  commit: a\nsource:\n  commit: b"), wantIs: ErrDuplicateKey, wantLine: 8, wantField: "source"},
		{name: "duplicate in a big mapping", in: strings.Repeat("", 0) + bigMapping(20, "k7"), wantIs: ErrDuplicateKey, wantField: "k7"},
		{name: "merge key", in: serverYAML("x", "source:\n  <<: {commit: abc}"), wantIs: ErrMergeKey, wantLine: 7},
		{name: "anchor", in: serverYAML("x", "meta: &m {category: a}"), wantIs: ErrAnchor, wantLine: 6},
		{name: "alias bomb", in: billionLaughs, wantMsg: "are not allowed"},
		{name: "two documents", in: serverYAML("x") + "---\n" + serverYAML("y"), wantIs: ErrMultipleDocuments, wantLine: 7},
		{name: "empty", in: "", wantMsg: "empty document"},
		{name: "only a comment", in: "# nothing\n", wantMsg: "empty document"},
		{name: "custom tag", in: "name: !shell x\n", wantMsg: `tag "!shell" is not allowed`, wantLine: 1},
		{name: "binary tag", in: "name: !!binary eA==\n", wantMsg: `tag "!!binary" is not allowed`},
		{name: "complex key", in: "? [a, b]\n: c\nname: x\n", wantMsg: "only plain scalar keys"},
		{name: "not a mapping", in: "- name: x\n", wantMsg: "must be a mapping", wantLine: 1},
		{name: "missing name", in: "image: mcp/x\n", wantMsg: "missing", wantField: "name"},
		{name: "unknown type", in: "name: x\ntype: container\n", wantMsg: `unknown type "container"`, wantLine: 1, wantField: "type"},
		{name: "tags not a list", in: "name: x\nmeta:\n  tags: devops\n", wantMsg: "want a list", wantLine: 3, wantField: "meta.tags"},
		{name: "commit is a list", in: "name: x\nsource:\n  commit: [a]\n", wantMsg: "want a string", wantLine: 3, wantField: "source.commit"},
		{name: "disableNetwork is a string", in: "name: x\nrun:\n  disableNetwork: \"yes\"\n", wantMsg: "want true or false", wantField: "run.disableNetwork"},
		{name: "secret without name", in: "name: x\nconfig:\n  secrets:\n    - env: X\n", wantMsg: "secret without a name", wantLine: 4},
		{name: "tab indentation", in: "name: x\nabout:\n\ttitle: y\n", wantMsg: "cannot start any token"},
		{name: "go-yaml 666", in: "0: [:!00 \xef", wantMsg: "UTF-8"},
		{name: "nesting deeper than 64", in: "name: x\nmeta: " + strings.Repeat("{a: ", 70) + "1" + strings.Repeat("}", 70) + "\n", wantMsg: "nesting deeper than 64"},
		{name: "a million brackets", in: strings.Repeat("[", 1_000_000), wantMsg: "max depth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Hostile input must be refused cheaply. The bound is on memory,
			// which the machine's load does not change; speed is measured
			// by BenchmarkParseHostile, not asserted here.
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			s, err := ParseServer([]byte(tt.in), "f.yaml")
			runtime.ReadMemStats(&after)
			if grew := after.TotalAlloc - before.TotalAlloc; grew > hostileAllocCap {
				t.Errorf("ParseServer(%s) allocated %d bytes, want < %d", tt.name, grew, hostileAllocCap)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseServer(%s) = %v, %v; want a *ParseError", tt.name, s, err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("ParseServer(%s) = %v, want errors.Is %v", tt.name, err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("ParseServer(%s) = %q, want it to contain %q", tt.name, err, tt.wantMsg)
			}
			if tt.wantLine != 0 && pe.Line != tt.wantLine {
				t.Errorf("ParseServer(%s).Line = %d, want %d (%v)", tt.name, pe.Line, tt.wantLine, err)
			}
			if tt.wantField != "" && pe.Field != tt.wantField {
				t.Errorf("ParseServer(%s).Field = %q, want %q (%v)", tt.name, pe.Field, tt.wantField, err)
			}
			if pe.File != "f.yaml" || strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("ParseServer(%s) error %q must name f.yaml on one line", tt.name, err)
			}
		})
	}
}

// A1: the alias bomb is refused before any expansion, with little memory
// (its speed: BenchmarkParseHostile).
func TestAliasBombIsCheap(t *testing.T) {
	if len(billionLaughs) >= 1024 {
		t.Fatalf("billionLaughs is %d bytes, want < 1 KiB", len(billionLaughs))
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ParseServer([]byte(billionLaughs), "bomb.yaml")
	runtime.ReadMemStats(&after)
	// The first anchor stops the parse: a *ParseError (exit 2), ErrAnchor.
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, ErrAnchor) {
		t.Errorf("ParseServer(billion laughs) = %v (%T), want a *ParseError that is ErrAnchor", err, err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("ParseServer(billion laughs) allocated %d bytes, want < 1 MiB: nothing may be expanded", grew)
	}
}

func bigMapping(n int, dup string) string {
	var b strings.Builder
	b.WriteString("name: x\nmeta:\n")
	for i := 0; i < n; i++ {
		b.WriteString("  k" + string(rune('a'+i%26)) + strings.Repeat("x", i) + ": 1\n")
	}
	b.WriteString("  " + dup + ": 1\n  " + dup + ": 2\n")
	return b.String()
}

func TestParseServerOversize(t *testing.T) {
	in := "name: x\ndescription: " + strings.Repeat("a", maxServerFile) + "\n"
	_, err := ParseServer([]byte(in), "big.yaml")
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ParseServer(1 MiB + 1) = %v, want *InputError wrapping ErrTooLarge", err)
	}
}

// A8: scalars are taken from the raw text, never through numbers.
func TestParseServerPinFromRawText(t *testing.T) {
	tests := []struct {
		name       string
		commitLine string
		wantCommit string
		wantPin    PinState
	}{
		{"hex number", "commit: 0x1f", "0x1f", PinMalformed},
		{"float", "commit: 1e10", "1e10", PinMalformed},
		{"quoted 40-hex", `commit: "f98669cc9b81fea7bd27f04b1d03b400f511a9df"`, "f98669cc9b81fea7bd27f04b1d03b400f511a9df", PinPinned},
		{"unquoted 40-hex", "commit: f98669cc9b81fea7bd27f04b1d03b400f511a9df", "f98669cc9b81fea7bd27f04b1d03b400f511a9df", PinPinned},
		{"unquoted all digits", "commit: 1234567890123456789012345678901234567890", "1234567890123456789012345678901234567890", PinPinned},
		{"unquoted all digits with leading zero", "commit: 0123456789012345678901234567890123456789", "0123456789012345678901234567890123456789", PinPinned},
		{"uppercase", "commit: F98669CC9B81FEA7BD27F04B1D03B400F511A9DF", "F98669CC9B81FEA7BD27F04B1D03B400F511A9DF", PinMalformed},
		{"null", "commit: ~", "", PinUnpinned},
		{"empty", "commit:", "", PinUnpinned},
		{"quoted null word", `commit: "null"`, "null", PinMalformed},
		{"boolean word", "commit: yes", "yes", PinMalformed},
		{"trailing space inside quotes", `commit: "f98669cc9b81fea7bd27f04b1d03b400f511a9df "`, "f98669cc9b81fea7bd27f04b1d03b400f511a9df ", PinMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseServer([]byte(serverYAML("x", "source:\n  "+tt.commitLine)), "f.yaml")
			if err != nil {
				t.Fatalf("ParseServer(%s) = %v", tt.commitLine, err)
			}
			if s.Source.Commit != tt.wantCommit || s.Pin != tt.wantPin {
				t.Errorf("ParseServer(%s) commit, pin = %q, %s; want %q, %s", tt.commitLine, s.Source.Commit, s.Pin, tt.wantCommit, tt.wantPin)
			}
		})
	}
}

// A6: a typo hides a missing pin; the key is kept as unknown and the entry
// is unpinned, never silently pinned.
func TestParseServerUnknownKeys(t *testing.T) {
	in := serverYAML("x", "source:\n  comit: f98669cc9b81fea7bd27f04b1d03b400f511a9df", "futureTopLevel: 1", "run:\n  ports: [1]")
	s, err := ParseServer([]byte(in), "f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"futureTopLevel", "run.ports", "source.comit"}
	if strings.Join(s.UnknownKeys, ",") != strings.Join(want, ",") {
		t.Errorf("UnknownKeys = %q, want %q", s.UnknownKeys, want)
	}
	if s.Pin != PinUnpinned || s.Tier == TierDockerBuilt {
		t.Errorf("typo'd commit: pin, tier = %s, %s; want unpinned and not docker-built", s.Pin, s.Tier)
	}
}

func TestParseServerInfersType(t *testing.T) {
	tests := []struct {
		name, in string
		want     ServerType
	}{
		{"image", "name: x\nimage: mcp/x\n", TypeServer},
		{"remote url", "name: x\nremote:\n  url: https://x.example\n", TypeRemote},
		{"nothing", "name: x\n", TypeServer},
	}
	for _, tt := range tests {
		s, err := ParseServer([]byte(tt.in), "f.yaml")
		if err != nil || s.Type != tt.want {
			t.Errorf("ParseServer(%s).Type = %v, %v; want %s", tt.name, s, err, tt.want)
		}
	}
}

func TestErrorFormats(t *testing.T) {
	cause := errors.New("boom\nsecond line")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"parse full", &ParseError{File: "a/server.yaml", Line: 3, Field: "source.commit", Err: errors.New("bad")}, "a/server.yaml:3: source.commit: bad"},
		{"parse no field", &ParseError{File: "f", Line: 2, Err: errors.New("bad")}, "f:2: bad"},
		{"parse no line", &ParseError{File: "f", Field: "name", Err: errors.New("bad")}, "f: name: bad"},
		{"parse multi-line cause", &ParseError{File: "f", Line: 1, Err: cause}, "f:1: boom; second line"},
		{"input", &InputError{Path: "dir", Err: ErrNoServers}, "dir: no server.yaml found"},
		{"fetch status", &FetchError{URL: "https://x", Status: 500}, "fetching https://x: HTTP 500"},
		{"fetch cause", &FetchError{URL: "https://x", Err: cause}, "fetching https://x: boom; second line"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%s: Error() = %q, want %q", tt.name, got, tt.want)
		}
	}
	for _, err := range []error{&ParseError{Err: cause}, &InputError{Err: cause}, &FetchError{Err: cause}} {
		if !errors.Is(err, cause) {
			t.Errorf("errors.Is(%T, cause) = false, want true (Unwrap)", err)
		}
	}
}

func FuzzParseServer(f *testing.F) {
	f.Add([]byte("0: [:!00 \xef"))
	f.Add([]byte(serverYAML("x", "source:\n  commit: f98669cc9b81fea7bd27f04b1d03b400f511a9df")))
	f.Add([]byte(billionLaughs))
	f.Add([]byte("name: x\ntype: remote\nremote:\n  url: https://x\n  headers: {a: b}\noauth:\n  providers: [{provider: p}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseServer(data, "fuzz.yaml")
		if err != nil {
			return
		}
		if s.Name == "" || s.Tier == "" || s.Pin == "" || s.TierReason == "" {
			t.Errorf("ParseServer accepted %q with an incomplete entry: %+v", data, s)
		}
	})
}
