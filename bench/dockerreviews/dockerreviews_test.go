// Package dockerreviewsbench measures Docker-review lookups against the
// loopback GitHub fake (ghfake) with an injected round-trip time, so the
// figures reflect request counts and concurrency, not the machine.
//
//	go test ./bench/dockerreviews -run '^$' -bench . -benchtime 5x
//
// BenchmarkReportWarm runs the real report command for one server of the
// registry snapshot (/work/shared/mcp-registry, else the catalog test
// checkout) on a warm cache and fails if it makes any request;
// BenchmarkReportLocal is the baseline in the same run (today's report of a
// local review). BenchmarkLookupAll328Cold fetches Docker's reviews of 328
// servers on a cold cache at 20 ms RTT, 16 at a time, and reports the
// ratio to the sequential lower bound (requests x RTT).
package dockerreviewsbench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"

	"github.com/mcp-trust/mcp-trust/cli-plugin/commands"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/dockerreviews"
	"github.com/mcp-trust/mcp-trust/dockerreviews/ghfake"
	"github.com/mcp-trust/mcp-trust/reviewer"
	"github.com/mcp-trust/mcp-trust/tui"
)

const rtt = 20 * time.Millisecond

var commitRE = regexp.MustCompile(`(?m)^\s+commit:\s*"?([0-9a-f]{40})"?\s*$`)

// targets are the pinned servers of the registry snapshot, else 328
// synthetic ones; dir is the catalog to give report.
func targets(b *testing.B) ([]dockerreviews.Target, string) {
	b.Helper()
	dir := "/work/shared/mcp-registry"
	files, _ := filepath.Glob(filepath.Join(dir, "servers", "*", "server.yaml"))
	var out []dockerreviews.Target
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if m := commitRE.FindSubmatch(data); m != nil {
			out = append(out, dockerreviews.Target{Server: filepath.Base(filepath.Dir(f)), Pin: string(m[1])})
		}
	}
	if len(out) == 0 {
		dir = "../../catalog/testdata/checkout"
		out = append(out, dockerreviews.Target{Server: "alpha", Pin: "1111111111111111111111111111111111111111"})
	}
	for i, t := range out { // the local store takes lower-case names only
		if regexp.MustCompile(`^[a-z0-9-]+$`).MatchString(t.Server) {
			out[0], out[i] = out[i], out[0]
			break
		}
	}
	for i := 0; len(out) < 328; i++ {
		out = append(out, dockerreviews.Target{Server: fmt.Sprintf("synthetic-%03d", i), Pin: ghfake.Sha(fmt.Sprint(i))})
	}
	return out[:max(328, len(out))], dir
}

// fake serves a reviewed pin bump for every target.
func fake(b *testing.B, ts []dockerreviews.Target) *ghfake.Server {
	gh := ghfake.New()
	b.Cleanup(gh.Close)
	for i, t := range ts {
		old := ghfake.Sha("old" + t.Server)
		gh.Add(t.Server, ghfake.PinBump(t.Server, old, t.Pin, i+1, ghfake.PinRun(int64(i+1), t.Server, "claude", old, t.Pin, "success", "security-risk:low")))
	}
	return gh
}

func reportCmd(b *testing.B, f *commands.Factory, args ...string) {
	b.Helper()
	f.IO.Out.(*bytes.Buffer).Reset()
	root := commands.NewRootCmd(f, false)
	root.SetArgs(append([]string{"report"}, args...))
	if err := root.ExecuteContext(context.Background()); err != nil {
		b.Fatalf("report %v: %v\n%s", args, err, f.IO.ErrOut)
	}
}

func factory(b *testing.B, gh *ghfake.Server) *commands.Factory {
	ios, _, _, _ := iostreams.Test()
	f := commands.NewFactory(ios)
	cfg := b.TempDir()
	f.ConfigDir = func() string { return cfg }
	f.GitHubTransport = ghfake.LoopbackTransport()
	f.Getenv = func(k string) string {
		if k == "MCPTRUST_GITHUB_API" {
			return gh.URL()
		}
		return ""
	}
	return f
}

// small is the catalog test checkout: report without the 328-file parse.
var small = dockerreviews.Target{Server: "alpha", Pin: "1111111111111111111111111111111111111111"}

const smallDir = "../../catalog/testdata/checkout"

func BenchmarkReportWarm(b *testing.B) {
	ts, dir := targets(b)
	b.Run("registry", func(b *testing.B) { reportWarm(b, ts[0], dir) })
	b.Run("small", func(b *testing.B) { reportWarm(b, small, smallDir) })
}

func BenchmarkReportLocal(b *testing.B) {
	ts, dir := targets(b)
	b.Run("registry", func(b *testing.B) { reportLocal(b, ts[0], dir) })
	b.Run("small", func(b *testing.B) { reportLocal(b, small, smallDir) })
}

func reportWarm(b *testing.B, t dockerreviews.Target, dir string) {
	ts := []dockerreviews.Target{t}
	gh := fake(b, ts[:1])
	gh.Delay = rtt
	f := factory(b, gh)
	reportCmd(b, f, ts[0].Server, "--catalog", dir, "--source", "docker") // warms the cache
	before := gh.Requests.Load()
	b.ResetTimer()
	for b.Loop() {
		reportCmd(b, f, ts[0].Server, "--catalog", dir, "--source", "docker")
	}
	if n := gh.Requests.Load() - before; n != 0 {
		b.Fatalf("warm report made %d GitHub requests, want 0", n)
	}
}

func reportLocal(b *testing.B, t dockerreviews.Target, dir string) {
	ts := []dockerreviews.Target{t}
	gh := fake(b, nil)
	f := factory(b, gh)
	r := reviewer.StoredReview{Report: []byte("# ok\n"), Labels: []byte("security-risk:low\n"),
		Meta: reviewer.Meta{Agent: "claude", Verdict: reviewer.Verdict{Risk: risk.Low}, CreatedAt: time.Now()}}
	if err := f.Reports().Save(ts[0].Server, ts[0].Pin, r); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		reportCmd(b, f, ts[0].Server, "--catalog", dir, "--source", "local")
	}
}

func BenchmarkLookupAll328Cold(b *testing.B) {
	b.Run("workers=16", func(b *testing.B) { lookupAll(b, dockerreviews.DefaultWorkers) })
	b.Run("workers=8-as-the-UI", func(b *testing.B) { lookupAll(b, tui.DefaultConcurrency) })
}

func lookupAll(b *testing.B, workers int) {
	ts, _ := targets(b)
	ts = ts[:328]
	gh := fake(b, ts)
	gh.Delay = rtt
	var requests int64
	for b.Loop() {
		src, err := dockerreviews.New(dockerreviews.Options{BaseURL: gh.URL(), Transport: ghfake.LoopbackTransport(), CacheDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		before := gh.Requests.Load()
		for _, o := range src.LookupAll(context.Background(), ts, workers, nil) {
			if o.Err != nil || len(o.Result.Reviews) != 1 || !o.Result.Covers {
				b.Fatalf("%s: %+v, %v", o.Server, o.Result, o.Err)
			}
		}
		requests = gh.Requests.Load() - before
	}
	perOp := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(requests), "requests/op")
	b.ReportMetric(float64(perOp)/float64(time.Duration(requests)*rtt), "x-sequential")
}

func BenchmarkLookupWarm(b *testing.B) {
	ts, _ := targets(b)
	gh := fake(b, ts[:1])
	gh.Delay = rtt
	dir := b.TempDir()
	src, err := dockerreviews.New(dockerreviews.Options{BaseURL: gh.URL(), Transport: ghfake.LoopbackTransport(), CacheDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := src.Lookup(context.Background(), ts[0].Server, ts[0].Pin); err != nil {
		b.Fatal(err)
	}
	before := gh.Requests.Load()
	for b.Loop() {
		src, _ := dockerreviews.New(dockerreviews.Options{BaseURL: gh.URL(), Transport: ghfake.LoopbackTransport(), CacheDir: dir})
		if _, err := src.Lookup(context.Background(), ts[0].Server, ts[0].Pin); err != nil {
			b.Fatal(err)
		}
	}
	if n := gh.Requests.Load() - before; n != 0 {
		b.Fatalf("warm lookup made %d requests", n)
	}
}
