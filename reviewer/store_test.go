package reviewer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

func TestStoreRoundTrip(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "reports")}
	when := time.Date(2026, 11, 26, 5, 0, 0, 0, time.UTC)
	in := StoredReview{
		Report: []byte("# report\n"),
		Labels: []byte("security-risk:high\n"),
		Meta:   Meta{Agent: "claude", Verdict: Verdict{Risk: risk.High, Reasons: []string{}}, CreatedAt: when},
	}
	if err := s.Save("postmark", testHead, in); err != nil {
		t.Fatalf("Save = %v", err)
	}
	got, err := s.Latest("postmark", testHead)
	if err != nil {
		t.Fatalf("Latest = %v", err)
	}
	if string(got.Report) != "# report\n" || string(got.Labels) != "security-risk:high\n" ||
		got.Meta.Server != "postmark" || got.Meta.Commit != testHead || got.Meta.Verdict.Risk != risk.High || !got.Meta.CreatedAt.Equal(when) {
		t.Errorf("Latest(postmark, head) = %+v, want what was saved", got)
	}

	failed := StoredReview{Report: []byte("# failed\n"), Meta: Meta{Verdict: Verdict{Failed: true}}}
	if err := s.Save("postmark", testHead, failed); err != nil {
		t.Fatalf("Save(failed) = %v", err)
	}
	got, err = s.Latest("postmark", testHead)
	if err != nil || got.Labels != nil || !got.Meta.Verdict.Failed {
		t.Errorf("Latest after saving a failed review = %+v, %v; want no labels, failed", got, err)
	}
	entries, _ := os.ReadDir(filepath.Join(s.Dir, "postmark", testHead))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left in the store", e.Name())
		}
	}
}

func TestStoreRejectsBadKeys(t *testing.T) {
	base := t.TempDir()
	s := Store{Dir: filepath.Join(base, "reports")}
	tests := []struct{ server, commit string }{
		{"", testHead},
		{"new\nline", testHead},
		{"rtl\u202eoverride", testHead},
		{"bad\xffutf8", testHead},
		{strings.Repeat("A", 151), testHead},
		{"ok", "../../../../etc"},
		{"ok", strings.Repeat("A", 40)},
		{"ok", testHead[:7]},
	}
	for _, tt := range tests {
		err := s.Save(tt.server, tt.commit, StoredReview{Report: []byte("x"), Labels: []byte("security-risk:info\n")})
		var se *SourceError
		if !errors.As(err, &se) {
			t.Errorf("Save(%q, %q) = %v, want *SourceError", tt.server, tt.commit, err)
		}
		if _, err := s.Latest(tt.server, tt.commit); !errors.As(err, &se) {
			t.Errorf("Latest(%q, %q) = %v, want *SourceError", tt.server, tt.commit, err)
		}
	}
	if entries, _ := os.ReadDir(base); len(entries) != 0 {
		t.Errorf("rejected keys created %d entries", len(entries))
	}
}

// Every name a catalog accepts is a key (issue 9 item 7: "SQLite" is a
// real registry entry); the name is encoded, never used as a path.
func TestStoreEncodesServerNames(t *testing.T) {
	base := t.TempDir()
	s := Store{Dir: filepath.Join(base, "reports")}
	tests := []struct{ server, dir string }{
		{"postmark", "postmark"},
		{"SQLite", "_kniuy2lumu"},
		{"sqlite", "sqlite"},
		{"osp_marketing_tools", "_n5zxax3nmfzgwzlunfxgox3un5xwy4y"},
		{"../escape", "_fyxc6zltmnqxazi"},
		{"..", "_fyxa"},
		{"a/b", "_mexwe"},
		{"-dash", "_fvsgc43i"},
		{strings.Repeat("A", 150), "_" + strings.Repeat("ifaucqkb", 30)},
	}
	for i, tt := range tests {
		report := fmt.Sprintf("# review %d\n", i)
		in := StoredReview{Report: []byte(report), Labels: []byte("security-risk:info\n"), Meta: Meta{Verdict: Verdict{Risk: risk.Info}}}
		if err := s.Save(tt.server, testHead, in); err != nil {
			t.Errorf("Save(%q) = %v", tt.server, err)
			continue
		}
		want := filepath.Join(s.Dir, tt.dir, testHead)
		if got := s.Path(tt.server, testHead); got != want {
			t.Errorf("Path(%q) = %s, want %s", tt.server, got, want)
		}
		if _, err := os.Stat(filepath.Join(want, ReportFile)); err != nil {
			t.Errorf("Save(%q) did not write under %s: %v", tt.server, want, err)
		}
		got, err := s.Latest(tt.server, testHead)
		if err != nil || string(got.Report) != report || got.Meta.Server != tt.server {
			t.Errorf("Latest(%q) = %+v, %v; want report %q", tt.server, got, err, report)
		}
	}
	if entries, _ := os.ReadDir(base); len(entries) != 1 {
		t.Errorf("the store wrote %d entries beside its directory, want only reports/", len(entries))
	}
}

func TestStoreLatestMissingAndTampered(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "reports")}
	if _, err := s.Latest("postmark", testHead); !errors.Is(err, ErrNoReview) {
		t.Errorf("Latest(empty store) = %v, want ErrNoReview", err)
	}
	ok := StoredReview{Report: []byte("# r\n"), Labels: []byte("security-risk:info\n"), Meta: Meta{Verdict: Verdict{Risk: risk.Info}}}
	if err := s.Save("postmark", testHead, ok); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Latest("postmark", testBase); !errors.Is(err, ErrNoReview) {
		t.Errorf("Latest(other commit) = %v, want ErrNoReview", err)
	}
	dir := filepath.Join(s.Dir, "postmark", testHead)
	outside := sentinelFile(t)
	os.Remove(filepath.Join(dir, ReportFile))
	if err := os.Symlink(outside, filepath.Join(dir, ReportFile)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Latest("postmark", testHead)
	if err == nil || strings.Contains(err.Error(), sentinel) {
		t.Errorf("Latest(report.md is a symlink) = %+v, %v; want an error without the target's content", got, err)
	}
	if err := s.Save("postmark", testHead, ok); err != nil {
		t.Fatalf("Save over a planted symlink = %v", err)
	}
	if got := readFileT(t, outside); got != sentinel {
		t.Errorf("Save wrote through a planted symlink: target now %q", got)
	}
	mustWrite(t, filepath.Join(dir, metaFile), `{"server":"other","commit":"`+testHead+`"}`)
	if _, err := s.Latest("postmark", testHead); err == nil {
		t.Error("Latest(meta.json naming another server) = nil error, want an error")
	}
}

func TestStoreSaveKeepsLabelInvariant(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	tests := map[string]StoredReview{
		"failed with labels": {Report: []byte("r"), Labels: []byte("security-risk:info\n"), Meta: Meta{Verdict: Verdict{Failed: true}}},
		"passed, no labels":  {Report: []byte("r"), Meta: Meta{Verdict: Verdict{Risk: risk.Info}}},
		"passed, bad labels": {Report: []byte("r"), Labels: []byte("lgtm\n"), Meta: Meta{Verdict: Verdict{Risk: risk.Info}}},
	}
	for name, r := range tests {
		if err := s.Save("srv", testHead, r); err == nil {
			t.Errorf("Save(%s) = nil error, want an error", name)
		}
	}
}
