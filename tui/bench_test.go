package tui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mcp-trust/mcp-trust/catalog"
)

// benchServers is the size of the catalogs in the benchmarks: about 150
// times the real catalog.
const benchServers = 50_000

var benchCatalog = sync.OnceValue(func() *catalog.Catalog { return generated(benchServers) })

// benchModel builds a model over the benchmark catalog at 120x40.
func benchModel() *model {
	m := newModel(context.Background(), Options{Catalog: benchCatalog(), Now: func() time.Time { return fixedNow }})
	m.resize(120, 40)
	return m
}

// BenchmarkFirstFrame measures building the model (sanitising and indexing
// 50,000 servers) and drawing its first frame. Target: <= 0.5 s.
func BenchmarkFirstFrame(b *testing.B) {
	benchCatalog()
	b.ReportAllocs()
	for b.Loop() {
		m := benchModel()
		if len(m.View().Content) == 0 {
			b.Fatal("empty frame")
		}
	}
}

// BenchmarkFilterKeystroke measures one keystroke in the find prompt:
// re-filtering 50,000 servers and drawing the frame. It types queries and
// deletes them again, so it mixes narrowing keystrokes with backspaces,
// which filter from scratch. Target: p95 <= 16 ms.
func BenchmarkFilterKeystroke(b *testing.B) {
	m := benchModel()
	sendKeys(m, "/")
	var keys []string
	for _, q := range []string{"github", "postgres conn", "slk", "org-42", "zzz"} {
		for _, r := range q {
			keys = append(keys, string(r))
		}
		for range q {
			keys = append(keys, "backspace")
		}
	}
	var durations []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		m.Update(keyMsg(keys[i%len(keys)]))
		_ = m.View()
		durations = append(durations, time.Since(start))
		i++
	}
	reportPercentiles(b, durations)
}

func reportPercentiles(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	pct := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(float64(len(d))*p))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(float64(d[len(d)-1].Microseconds())/1000, "max-ms")
}

// BenchmarkScroll moves the cursor one row and draws, at the top and at the
// bottom of 50,000 rows: the cost must not depend on the position.
func BenchmarkScroll(b *testing.B) {
	for _, at := range []string{"top", "bottom"} {
		b.Run(at, func(b *testing.B) {
			m := benchModel()
			if at == "bottom" {
				sendKeys(m, "end", "up")
			} else {
				sendKeys(m, "down")
			}
			keys := []string{"down", "up"}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				m.Update(keyMsg(keys[i%2]))
				_ = m.View()
				i++
			}
		})
	}
}

// rssEnv makes the test binary build the benchmark model and print its peak
// RSS instead of running tests (see TestMain).
const rssEnv = "MCPTRUST_TUI_RSS_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(rssEnv) == "1" {
		os.Exit(printPeakRSS())
	}
	os.Exit(m.Run())
}

// printPeakRSS builds the 50,000-server catalog and model, draws a frame,
// and prints the process's peak resident set in KiB.
func printPeakRSS() int {
	m := benchModel()
	_ = m.View()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(ru.Maxrss) // KiB on Linux
	return 0
}

// TestPeakRSS runs printPeakRSS in a fresh process so nothing else the
// tests did counts. Target: <= 300 MB.
func TestPeakRSS(t *testing.T) {
	if raceEnabled {
		t.Skip("peak RSS is not measured under -race, which multiplies memory use; a plain go test measures it")
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), rssEnv+"=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("measuring peak RSS: %v", err)
	}
	kib, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		t.Fatalf("measuring peak RSS: %q: %v", out, err)
	}
	mb := float64(kib) / 1024
	t.Logf("peak RSS with %d servers: %.0f MiB", benchServers, mb)
	if mb > 300 {
		t.Errorf("peak RSS with %d servers = %.0f MiB, want <= 300", benchServers, mb)
	}
}

// BenchmarkFilterFromScratch re-filters all 50,000 rows for a fuzzy term
// (what a backspace does), on one core and split across GOMAXPROCS: the
// ratio of the two is what matchAll's split buys on this machine.
func BenchmarkFilterFromScratch(b *testing.B) {
	for _, tt := range []struct {
		name  string
		cores int
	}{{"one-core", 1}, {"split", 0}} {
		b.Run(tt.name, func(b *testing.B) {
			m := benchModel()
			m.find.cores = tt.cores
			m.find.terms = []string{"slk"}
			for b.Loop() {
				m.find.matchedQuery = "-" // no narrowing: every row again
				m.visible = m.find.filter(m.rows, m.visible)
			}
			if len(m.visible) == 0 {
				b.Fatal("nothing matched")
			}
		})
	}
}
