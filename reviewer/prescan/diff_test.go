package prescan

import (
	"fmt"
	"strings"
	"testing"
)

// recordSink records what parseDiff reports, one string per event.
type recordSink struct{ events []string }

func (r *recordSink) beginFile(path string, _ bool) error {
	r.events = append(r.events, "begin "+path)
	return nil
}

func (r *recordSink) addedLine(no int, line []byte, truncated bool) error {
	r.events = append(r.events, fmt.Sprintf("+%d %q %v", no, line, truncated))
	return nil
}

func (r *recordSink) endFile() error {
	r.events = append(r.events, "end")
	return nil
}

func TestParseDiff(t *testing.T) {
	tests := []struct {
		name string
		diff string
		want []string
	}{{
		name: "added lines numbered from the hunk, context counted, removals skipped",
		diff: "diff --git a/x.js b/x.js\nindex 1..2 100644\n--- a/x.js\n+++ b/x.js\n@@ -1,3 +1,4 @@\n keep\n-old\n+new1\n+new2\n keep\n",
		want: []string{"begin x.js", `+2 "new1" false`, `+3 "new2" false`, "end"},
	}, {
		name: "added lines that look like headers stay content",
		diff: "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -0,0 +1,3 @@\n+++ b/evil\n+diff --git a/y b/y\n+@@ -1 +1 @@\n",
		want: []string{"begin x", `+1 "++ b/evil" false`, `+2 "diff --git a/y b/y" false`, `+3 "@@ -1 +1 @@" false`, "end"},
	}, {
		name: "deleted file reports nothing",
		diff: "diff --git a/gone b/gone\ndeleted file mode 100644\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n",
		want: nil,
	}, {
		name: "rename without content change still begins the file",
		diff: "diff --git a/old.yml b/.github/workflows/new.yml\nsimilarity index 100%\nrename from old.yml\nrename to .github/workflows/new.yml\n",
		want: []string{"begin .github/workflows/new.yml", "end"},
	}, {
		name: "quoted path with escapes",
		diff: "diff --git \"a/sp ace\\t.js\" \"b/sp ace\\t.js\"\n--- \"a/sp ace\\t.js\"\n+++ \"b/sp ace\\t.js\"\n@@ -0,0 +1 @@\n+x\n",
		want: []string{"begin sp ace\t.js", `+1 "x" false`, "end"},
	}, {
		name: "mode change only, names from the header",
		diff: "diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n",
		want: []string{"begin run.sh", "end"},
	}, {
		name: "no newline marker and CRLF",
		diff: "diff --git a/w.txt b/w.txt\n--- a/w.txt\n+++ b/w.txt\n@@ -0,0 +1,2 @@\n+one\r\n+two\n\\ No newline at end of file\n",
		want: []string{"begin w.txt", `+1 "one" false`, `+2 "two" false`, "end"},
	}, {
		name: "two files and a multi-hunk file",
		diff: "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n@@ -10,0 +11,1 @@\n+z\ndiff --git a/b b/b\n--- /dev/null\n+++ b/b\n@@ -0,0 +1 @@\n+w\n",
		want: []string{"begin a", `+1 "y" false`, `+11 "z" false`, "end", "begin b", `+1 "w" false`, "end"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec recordSink
			if err := parseDiff(strings.NewReader(tt.diff), 1024, &rec); err != nil {
				t.Fatalf("parseDiff = %v", err)
			}
			if got, want := strings.Join(rec.events, "\n"), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("parseDiff events =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestParseDiffLongLineTruncated(t *testing.T) {
	long := strings.Repeat("A", 200000)
	diff := "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -0,0 +1,2 @@\n+" + long + "\n+short\n"
	var rec recordSink
	if err := parseDiff(strings.NewReader(diff), 100, &rec); err != nil {
		t.Fatal(err)
	}
	want := []string{"begin x", fmt.Sprintf("+1 %q true", strings.Repeat("A", 99)), `+2 "short" false`, "end"}
	if got := strings.Join(rec.events, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("parseDiff(200000-byte line, max 100) =\n%.300s\nwant\n%.300s", got, strings.Join(want, "\n"))
	}
}

func TestParseDiffMalformedHunk(t *testing.T) {
	diff := "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -a,b +c,d @@\n+x\n"
	if err := parseDiff(strings.NewReader(diff), 100, &recordSink{}); err == nil {
		t.Error("parseDiff(malformed hunk header) = nil, want error")
	}
}

func TestParseDiffShortHunkDoesNotSwallowNextFile(t *testing.T) {
	diff := "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,9 +1,9 @@\n+x\ndiff --git a/b b/b\n--- /dev/null\n+++ b/b\n@@ -0,0 +1 @@\n+y\n"
	var rec recordSink
	if err := parseDiff(strings.NewReader(diff), 100, &rec); err != nil {
		t.Fatal(err)
	}
	want := []string{"begin a", `+1 "x" false`, "end", "begin b", `+1 "y" false`, "end"}
	if got := strings.Join(rec.events, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("parseDiff(hunk shorter than its header) =\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}
