package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/internal/testenv"
	"github.com/mcp-trust/mcp-trust/reviewer"
)

// nameCatalog writes a registry checkout with one server called name whose
// source is project at commit.
func nameCatalog(t *testing.T, name, project, commit string) string {
	t.Helper()
	dir := t.TempDir()
	yaml := fmt.Sprintf(`name: %s
image: mcp/sqlite
type: server
meta:
  category: database
about:
  title: SQLite
  description: Database interaction.
source:
  project: %s
  commit: %s
`, name, project, commit)
	if err := os.MkdirAll(filepath.Join(dir, "servers", name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "servers", name, "server.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The registry's grandfathered names ("SQLite", "osp_marketing_tools") work
// with review, the store and report (issue 9 item 7: report SQLite exited 2).
func TestReviewAndReportGrandfatheredNames(t *testing.T) {
	repo, shas := gitRepo(t, map[string]string{"index.js": mailBefore})
	for _, name := range []string{"SQLite", "osp_marketing_tools"} {
		t.Run(name, func(t *testing.T) {
			f, _, _ := testFactory(t, false)
			cat := nameCatalog(t, name, repo, shas[0])
			if r := runReport(t, f, name, "--catalog", cat, "--source", "local"); ExitCode(r.err) != ExitTrust || !strings.Contains(r.err.Error(), "no review of "+name) {
				t.Fatalf("report %s before any review: exit %d (%v), want %d, no review", name, ExitCode(r.err), r.err, ExitTrust)
			}
			root := NewRootCmd(f, false)
			root.SetArgs([]string{"review", name, "--catalog", cat, "--agent", "prescan", "--output", t.TempDir()})
			if err := root.Execute(); err != nil {
				t.Fatalf("review %s: exit %d (%v)", name, ExitCode(err), err)
			}
			f.IO.Out.(*bytes.Buffer).Reset()
			r := runReport(t, f, name, "--catalog", cat, "--format", "json")
			var v reportView
			if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || r.err != nil {
				t.Fatalf("report %s --format json = %q, %v / exit %d (%v)", name, r.stdout, err, ExitCode(r.err), r.err)
			}
			if v.Server != name || v.Commit != shas[0] || v.Status != reviewer.StatusReviewed {
				t.Errorf("report %s = %+v", name, v)
			}
			if _, err := os.Stat(filepath.Join(f.Reports().Dir, name)); err == nil {
				t.Errorf("the store used the raw name %q as a path", name)
			}
		})
	}
}

// A store whose labels.txt says critical while meta.json says info does not
// pass, and says why (issue 9 item 6).
func TestReportTamperedLabelsFail(t *testing.T) {
	f, _, _ := testFactory(t, false)
	saveReview(t, f, reviewer.Verdict{Risk: risk.Info}, "# ok\n")
	labels := filepath.Join(f.Reports().Path("notes-demo", notesPin), reviewer.LabelsFile)
	if err := os.WriteFile(labels, []byte("security-risk:critical\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runReport(t, f, "notes-demo", "--commit", notesPin, "--format", "json")
	var v reportView
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("report --format json: %v\n%s", err, r.stdout)
	}
	if ExitCode(r.err) != ExitTrust || v.Verdict.Risk != risk.Critical || !v.Verdict.Inconsistent ||
		len(v.Disagreements) != 1 || !strings.Contains(v.Disagreements[0], "security-risk:critical") {
		t.Errorf("report of a tampered store: exit %d, verdict %+v, disagreements %q; want exit 1, critical, the disagreement", ExitCode(r.err), v.Verdict, v.Disagreements)
	}
}

// registrySnapshot is the real registry snapshot beside the module root
// (a skip locally when absent, a failure in CI).
func registrySnapshot(t *testing.T) string {
	t.Helper()
	return testenv.SharedPath(t, "mcp-registry")
}

// Every server of the real registry snapshot can be stored and read back
// under its own name, each in its own directory.
func TestStoreTakesEveryRegistryName(t *testing.T) {
	snap := registrySnapshot(t)
	f, _, _ := testFactory(t, false)
	cat, err := f.LoadCatalog(context.Background(), snap)
	if err != nil {
		t.Fatal(err)
	}
	store := f.Reports()
	dirs := map[string]string{}
	for _, s := range cat.Servers {
		r := reviewer.StoredReview{Report: []byte("# " + s.Name + "\n"), Labels: []byte("security-risk:info\n"),
			Meta: reviewer.Meta{Verdict: reviewer.Verdict{Risk: risk.Info}}}
		if err := store.Save(s.Name, notesPin, r); err != nil {
			t.Errorf("Save(%q) = %v", s.Name, err)
			continue
		}
		got, err := store.Latest(s.Name, notesPin)
		if err != nil || string(got.Report) != "# "+s.Name+"\n" {
			t.Errorf("Latest(%q) = %v", s.Name, err)
		}
		p := strings.ToLower(store.Path(s.Name, notesPin))
		if other, dup := dirs[p]; dup {
			t.Errorf("%q and %q share the store directory %s (case-insensitively)", s.Name, other, p)
		}
		dirs[p] = s.Name
	}
	if len(dirs) < 300 {
		t.Errorf("stored %d servers of the snapshot, want all (over 300)", len(dirs))
	}
}
