package catalog

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The registry's exceptions on the real snapshot: each entry they cover has
// no registry-origin error, and each exception it uses is reported as a
// notice naming it.
func TestSnapshotExceptions(t *testing.T) {
	dir := snapshotDir(t)
	covered := map[string]string{
		"SQLite": ExceptionLegacyName, "osp_marketing_tools": ExceptionLegacyName,
		"youtube_transcript": ExceptionLegacyName, "nasdaq-data-link": ExceptionLegacySecretName,
		"github-official": ExceptionOAuthDynamicTools, "sec-edgar": ExceptionLegacySecretName,
	}
	for name, exception := range covered {
		file := filepath.Join(dir, name, "server.yaml")
		if _, err := os.Stat(file); err != nil {
			t.Logf("%s is not in the snapshot", name)
			continue
		}
		r, err := Lint(context.Background(), LintOptions{}, file)
		if err != nil {
			t.Fatal(err)
		}
		noticed := false
		for _, p := range r.Problems {
			if p.Origin == OriginRegistry && p.Severity == SeverityError {
				t.Errorf("Lint(%s) = registry error %s, want none", name, p)
			}
			noticed = noticed || (p.Severity == SeverityNotice && p.Exception == exception && strings.Contains(p.Message, exception))
		}
		if !noticed {
			t.Errorf("Lint(%s) = %v, want a notice naming %s", name, r.Problems, exception)
		}
	}
}

// The title rule still holds on the snapshot: every title with "MCP" or
// "Server" in it, read here straight from the YAML, is a title-words error.
func TestSnapshotTitleRule(t *testing.T) {
	dir := snapshotDir(t)
	r, err := Lint(context.Background(), LintOptions{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	flagged := map[string]int{}
	for _, p := range r.Problems {
		if p.Rule == "title-words" && p.Severity == SeverityError && p.Origin == OriginRegistry {
			flagged[p.File]++
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*", "server.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	titled := 0
	for _, f := range files {
		var doc struct {
			About struct{ Title string } `yaml:"about"`
		}
		data, err := os.ReadFile(f)
		if err != nil || yaml.Unmarshal(data, &doc) != nil {
			t.Fatalf("reading %s: %v", f, err)
		}
		want := 0
		for _, w := range []string{"MCP", "Server"} {
			if strings.Contains(doc.About.Title, w) {
				want++
			}
		}
		if want > 0 {
			titled++
		}
		if flagged[f] != want {
			t.Errorf("%s: title %q has %d title-words errors, want %d", f, doc.About.Title, flagged[f], want)
		}
	}
	if titled == 0 {
		t.Error("no snapshot title contains MCP or Server: the test checks nothing")
	}
}
