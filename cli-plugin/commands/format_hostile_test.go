package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/testenv"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/verify"
)

// forged is untrusted text that tries to add a record (newline), a column
// (tab), drive the terminal (ESC) and reorder what is shown (bidi).
const forged = "real\nforged-record\tforged-col\x1b[2J\u202Eevil"

// assertRecords checks template output: one line per record, each with the
// escapes visible and nothing raw.
func assertRecords(t *testing.T, out string, records int) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != records || !strings.HasSuffix(out, "\n") {
		t.Fatalf("template output has %d lines, want %d (one per record):\n%s", len(lines), records, out)
	}
	if strings.ContainsAny(out, "\t\x1b\u202E") {
		t.Errorf("template output holds a raw tab, ESC or bidi character: %q", out)
	}
	for _, esc := range []string{`real\nforged-record\tforged-col\x1b[2J\u{202E}evil`} {
		if !strings.Contains(out, esc) {
			t.Errorf("template output lacks the visible escapes %q:\n%s", esc, out)
		}
	}
}

func TestCatalogTemplateOneLinePerServer(t *testing.T) {
	yq := strings.NewReplacer("\n", `\n`, "\t", `\t`, "\x1b", `\e`, "\u202E", `\u202E`).Replace(forged)
	doc := "registry:\n" +
		"  one:\n    type: server\n    image: mcp/one\n    title: \"" + yq + "\"\n    description: \"" + yq + "\"\n" +
		"  two:\n    type: server\n    image: mcp/two\n    title: \"" + yq + "\"\n    description: \"" + yq + "\"\n"
	file := filepath.Join(t.TempDir(), "catalog.yaml")
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCommand(t, false, "catalog", "--catalog", file, "--format", "{{.Name}} {{.Title}} {{.Description}} {{join .Tags \",\"}}")
	if r.err != nil {
		t.Fatalf("catalog --format: %v\n%s", r.err, r.stderr)
	}
	assertRecords(t, r.stdout, 2)
}

// lint problems name their file; a file path is untrusted too (a checkout's
// folder names come from the registry).
func TestLintTemplateOneLinePerProblem(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, forged)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		testenv.Missing(t, "this file system refuses the name: %v", err)
	}
	file := filepath.Join(dir, "server.yaml")
	if err := os.WriteFile(file, []byte("name: x\nimage: mcp/x\ntype: server\nabout:\n  title: \"\\e[2J\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCommand(t, false, "lint", file, "--format", "{{.File}} {{.Field}} {{.Message}}")
	if ExitCode(r.err) != ExitTrust {
		t.Fatalf("lint: exit %d (%v), want %d", ExitCode(r.err), r.err, ExitTrust)
	}
	n := strings.Count(r.stdout, "\n")
	if n < 2 {
		t.Fatalf("lint found %d problems, want several:\n%s", n, r.stdout)
	}
	assertRecords(t, r.stdout, n)
}

func TestVerifyTemplateOneLinePerResult(t *testing.T) {
	io, _, out, _ := iostreams.Test()
	res := func() *verify.Result {
		return &verify.Result{Target: verify.Target{Name: forged, Ref: "mcp/x"}, Verdict: verify.VerdictFailed,
			Checks: []verify.Check{{Name: verify.CheckSignature, Status: verify.StatusFail, Reason: forged,
				Detail: []verify.Detail{{Subject: forged, Reason: forged}}}}}
	}
	f, err := ParseFormat("{{.Target.Name}} {{range .Checks}}{{.Reason}} {{range .Detail}}{{.Subject}}{{end}}{{end}} {{.Verdict}}")
	if err != nil {
		t.Fatal(err)
	}
	if err := printResults(io, f, []*verify.Result{res(), res()}); err != nil {
		t.Fatal(err)
	}
	assertRecords(t, out.String(), 2)
}

func TestReportTemplateOneLine(t *testing.T) {
	io, _, out, _ := iostreams.Test()
	rev := &reviewer.StoredReview{
		Report: []byte("# Review\n" + forged + "\n"), Labels: []byte("security-risk:info\n"),
		Meta: reviewer.Meta{Server: "x", Commit: pinA, Agent: forged, Verdict: reviewer.Verdict{Reasons: []string{forged, forged}}},
	}
	f, err := ParseFormat(`{{.Server}} {{.Agent}} {{.Report}} {{.Labels}} {{join .Verdict.Reasons ","}}`)
	if err != nil {
		t.Fatal(err)
	}
	if err := printReport(io, f, rev); err != nil {
		t.Fatal(err)
	}
	assertRecords(t, out.String(), 1)
	if !strings.Contains(out.String(), `# Review\nreal`) {
		t.Errorf("the report's own lines are not escaped: %q", out.String())
	}
}

func TestPinTemplateOneLinePerServer(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	results := []*pinResult{
		{Server: "a", Project: forged, Branch: forged, State: pinError, Reason: forged},
		{Server: "b", Project: forged, Branch: forged, State: pinBehind, Reason: forged},
	}
	f, err := ParseFormat("{{.Server}}\t{{.Project}} {{.Branch}} {{.State}} {{.Reason}}")
	if err != nil {
		t.Fatal(err)
	}
	if err := printPins(ios, f, results); err != nil {
		t.Fatal(err)
	}
	// The template's own tab is the user's and stays; the fields' are escaped.
	got := strings.ReplaceAll(out.String(), "a\t", "a ")
	got = strings.ReplaceAll(got, "b\t", "b ")
	assertRecords(t, got, 2)
}
