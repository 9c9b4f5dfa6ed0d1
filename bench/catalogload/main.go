//go:build unix

// Command catalogload measures catalog.Load: wall time, CPU time and peak
// RSS of one load (parse, classify, index) in a fresh process. It is
// driven by bench/catalog-load.sh.
//
//	catalogload -gen FILE [-n 50000]   write a generated published catalog
//	catalogload -load SPEC             load SPEC once and print one result line
//	catalogload -load FILE -cache DIR  load FILE as if downloaded from a URL,
//	                                   with the URL cache in DIR: cold when
//	                                   DIR is empty, warm after one load
//
// The URL mode never touches the network: its fetcher reads FILE.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/catalog/catalogtest"
)

func main() {
	gen := flag.String("gen", "", "write a generated catalog to this file and exit")
	n := flag.Int("n", 50000, "entries to generate")
	load := flag.String("load", "", "catalog source to load and measure")
	cache := flag.String("cache", "", "load -load FILE through the URL cache in this directory")
	flag.Parse()
	var err error
	switch {
	case *gen != "":
		err = generate(*gen, *n)
	case *load != "":
		err = measure(*load, *cache)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "catalogload:", err)
		os.Exit(1)
	}
}

func generate(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := catalogtest.WriteCatalog(f, n); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// measure prints: entries=N bytes=B wall_ms=W cpu_ms=C maxrss_mb=R
func measure(spec, cache string) error {
	size := int64(0)
	if st, err := os.Stat(spec); err == nil && !st.IsDir() {
		size = st.Size()
	}
	var opts []catalog.Option
	if cache != "" {
		file := spec
		spec = benchURL
		opts = append(opts, catalog.WithCacheDir(cache), catalog.WithFetcher(catalog.FetcherFunc(
			func(context.Context, string) (io.ReadCloser, error) { return os.Open(file) })))
	}
	before := cpuTime()
	start := time.Now()
	c, err := catalog.Load(context.Background(), spec, opts...)
	if err != nil {
		return err
	}
	if len(c.Servers) > 0 {
		if _, ok := c.Lookup(c.Servers[len(c.Servers)/2].Name); !ok {
			return fmt.Errorf("index lookup failed")
		}
	}
	wall := time.Since(start)
	cpu := cpuTime() - before
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return err
	}
	fmt.Printf("entries=%d bytes=%d wall_ms=%.1f cpu_ms=%.1f maxrss_mb=%.1f problems=%d from_cache=%v\n",
		len(c.Servers), size, ms(wall), ms(cpu), float64(ru.Maxrss)/1024, len(c.Problems), c.FromCache)
	return nil
}

// benchURL names the catalog in URL mode; nothing is fetched from it.
const benchURL = "https://catalog.bench.invalid/catalog.yaml"

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
