package catalog

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Parity with the registry's validator (docker/mcp-registry cmd/validate):
// one table per registry rule, with examples written here from the rule.
// Accepted means the registry's verdict is a pass: no error of any rule
// (ours are warnings unless strict). Rejected means the rule fails the
// file, as a registry-origin error. Grandfathered means the break is a
// notice naming the registry's exception, and the verdict a pass.

const (
	none  = "<none>"  // leaves a field of an entry out
	blank = "<blank>" // writes the field as ""
)

// entry is a server.yaml for the parity tables: a clean local server named
// tide-tables unless a field is set. Type remote drops image and source.
type entry struct {
	name, typ, title, commit, image, project string
	extra                                    string // more top-level YAML
	tools                                    string // tools.json beside server.yaml; "" for none
}

func (e entry) yaml() string {
	def := func(v, d string) string {
		if v == "" {
			return d
		}
		return v
	}
	e.name, e.typ, e.title = def(e.name, "tide-tables"), def(e.typ, "server"), def(e.title, "Tide Tables")
	if e.typ == "server" {
		e.image = def(e.image, "mcp/"+strings.ToLower(e.name))
		e.project = def(e.project, "https://github.com/example/tide-tables")
		e.commit = def(e.commit, "9c2e4b7a1d3f5e6c8b0a2d4f6e8c0b1a3d5f7e9c")
	}
	var b strings.Builder
	b.WriteString("name: " + strconv.Quote(e.name) + "\n")
	if e.image != "" && e.image != none {
		b.WriteString("image: " + e.image + "\n")
	}
	b.WriteString("type: " + e.typ + "\nabout:\n  title: " + strconv.Quote(e.title) + "\n")
	if p, c := e.project != "" && e.project != none, e.commit != "" && e.commit != none; p || c {
		b.WriteString("source:\n")
		if p {
			b.WriteString("  project: " + e.project + "\n")
		}
		if c {
			b.WriteString("  commit: " + strconv.Quote(strings.ReplaceAll(e.commit, blank, "")) + "\n")
		}
	}
	b.WriteString(e.extra)
	return b.String()
}

type parityCase struct {
	desc   string
	folder string // "" means the entry's name
	e      entry
	want   Severity // "" accepted; error rejected; notice grandfathered
}

func checkParity(t *testing.T, rule string, cases []parityCase) {
	t.Helper()
	if lintRules[rule].origin != OriginRegistry {
		t.Fatalf("rule %s is not a registry rule", rule)
	}
	for _, tt := range cases {
		t.Run(tt.desc, func(t *testing.T) {
			folder := tt.folder
			if folder == "" {
				folder = tt.e.name
				if folder == "" {
					folder = "tide-tables"
				}
			}
			dir := t.TempDir()
			writeFile(t, dir, filepath.Join("servers", folder, "server.yaml"), tt.e.yaml())
			if tt.e.tools != "" {
				writeFile(t, dir, filepath.Join("servers", folder, "tools.json"), tt.e.tools)
			}
			r, err := Lint(context.Background(), LintOptions{}, dir)
			if err != nil {
				t.Fatal(err)
			}
			var got []Problem
			for _, p := range r.Problems {
				if p.Rule == rule {
					got = append(got, p)
				}
			}
			switch {
			case tt.want == "" && (len(got) > 0 || r.Errors() > 0):
				t.Errorf("registry accepts it; lint = %v", r.Problems)
			case tt.want != "" && len(got) == 0:
				t.Errorf("want %s %s; lint = %v", tt.want, rule, r.Problems)
			case tt.want == SeverityNotice && r.Errors() > 0:
				t.Errorf("registry grandfathers it; lint = %v", r.Problems)
			}
			for _, p := range got {
				if p.Severity != tt.want || p.Origin != OriginRegistry || (p.Exception != "") != (tt.want == SeverityNotice) {
					t.Errorf("lint = %s %s %s (exception %q), want %s registry", p.Severity, p.Origin, p, p.Exception, tt.want)
				}
			}
		})
	}
}

func TestParityNameFormat(t *testing.T) {
	checkParity(t, "name-format", []parityCase{
		{"lowercase with hyphen", "", entry{}, ""},
		{"digits", "", entry{name: "s3-tools2"}, ""},
		{"upper case", "", entry{name: "Tide-Tables"}, SeverityError},
		{"underscore", "", entry{name: "tide_tables"}, SeverityError},
		{"dot", "", entry{name: "tide.tables"}, SeverityError},
		{"non-ASCII letter", "", entry{name: "tîde"}, SeverityError},
		{"legacy SQLite", "", entry{name: "SQLite"}, SeverityNotice},
		{"legacy osp_marketing_tools", "", entry{name: "osp_marketing_tools"}, SeverityNotice},
		{"legacy youtube_transcript", "", entry{name: "youtube_transcript"}, SeverityNotice},
		{"exceptions are case-sensitive", "", entry{name: "Sqlite"}, SeverityError},
		{"no exception by likeness", "", entry{name: "youtube_transcripts"}, SeverityError},
	})
}

func TestParityNameFolder(t *testing.T) {
	checkParity(t, "name-folder", []parityCase{
		{"same", "tide-tables", entry{}, ""},
		{"other folder", "tides", entry{}, SeverityError},
		{"folder differs in case", "Tide-Tables", entry{}, SeverityError},
	})
}

func TestParityTitleWords(t *testing.T) {
	checkParity(t, "title-words", []parityCase{
		{"plain", "", entry{title: "Tide Tables"}, ""},
		{"Mcp is not MCP", "", entry{title: "Mcp Tides"}, ""},
		{"lower-case server inside a word", "", entry{title: "Observer"}, ""},
		{"MCP", "", entry{title: "Tide MCP"}, SeverityError},
		{"Server", "", entry{title: "Tide Server"}, SeverityError},
		{"MCP inside a word", "", entry{title: "TideMCP"}, SeverityError},
		{"Server inside a word", "", entry{title: "Serverless Tides"}, SeverityError},
	})
}

func TestParityTitleCase(t *testing.T) {
	checkParity(t, "title-case", []parityCase{
		{"every word upper", "", entry{title: "Tide Tables"}, ""},
		{"and, for", "", entry{title: "Tides for Sailors and Divers"}, ""},
		{"digit first", "", entry{title: "3D Tides"}, ""},
		{"punctuation first", "", entry{title: "(Beta) Tides"}, ""},
		{"accented capital", "", entry{title: "Équipe Tides"}, ""},
		{"first word lower", "", entry{title: "tide Tables"}, SeverityError},
		{"other small word", "", entry{title: "Tides with Friends"}, SeverityError},
		{"accented small", "", entry{title: "Tides élégantes"}, SeverityError},
		{"only and and for are allowed", "", entry{title: "Tides or Waves"}, SeverityError},
	})
}

func TestParityPinRequired(t *testing.T) {
	remote := "remote:\n  url: https://tides.example/mcp\n  transport_type: sse\n"
	checkParity(t, "pin-required", []parityCase{
		{"pinned server", "", entry{}, ""},
		{"remote needs no pin", "", entry{typ: "remote", extra: remote}, ""},
		{"server without commit", "", entry{commit: none}, SeverityError},
		{"server with empty commit", "", entry{commit: blank}, SeverityError},
	})
}
