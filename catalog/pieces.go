package catalog

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"

	"gopkg.in/yaml.v3"
)

// errFallback: the fast path declines; the caller parses the whole file.
var errFallback = errors.New("fall back to the whole-file parser")

// parseCut parses the pieces of a cut catalog. Any problem at all returns
// errFallback, so errors are always reported by the whole-file parser with
// its own positions and wording.
func parseCut(data []byte, l layout, file string) (*Catalog, error) {
	c := &Catalog{}
	keys, err := cutHeader(data, l, file, c)
	if err != nil {
		return nil, errFallback
	}
	c.Servers = make([]*Server, len(l.entries))
	if parallel(len(l.entries), func(i int) bool {
		s, err := cutEntry(data, l.entries[i], file)
		c.Servers[i] = s
		return err == nil
	}) {
		return nil, errFallback
	}
	for _, s := range c.Servers {
		if keys[s.Name] {
			return nil, errFallback // duplicate entry: let the full parser name it
		}
		keys[s.Name] = true
	}
	return c, nil
}

// cutHeader parses head and tail, checks the top-level keys are distinct
// and registry is null in the head, and returns a set for entry names.
func cutHeader(data []byte, l layout, file string, c *Catalog) (map[string]bool, error) {
	top := map[string]bool{}
	for _, sp := range []span{l.head, l.tail} {
		if sp.end <= sp.start {
			continue
		}
		root, err := decodeOne(data[sp.start:sp.end], file, sp.line)
		if err != nil {
			return nil, err
		}
		if root.Kind != yaml.MappingNode {
			return nil, errFallback
		}
		for i := 0; i < len(root.Content); i += 2 {
			k := root.Content[i].Value
			if top[k] || (k == "registry" && !isNull(root.Content[i+1])) {
				return nil, errFallback
			}
			top[k] = true
		}
		if err := (&decoder{file: file}).header(c, root); err != nil {
			return nil, err
		}
	}
	return make(map[string]bool, len(l.entries)), nil
}

func cutEntry(data []byte, sp span, file string) (*Server, error) {
	root, err := decodeOne(data[sp.start:sp.end], file, sp.line)
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode || len(root.Content) != 2 {
		return nil, errFallback
	}
	k := root.Content[0]
	return entryFromNode(k.Value, k.Line, root.Content[1], file)
}

// parallel runs fn(0..n-1) on GOMAXPROCS workers, in batches, and reports
// whether any call returned false. After a failure the rest is skipped.
func parallel(n int, fn func(i int) bool) (failed bool) {
	const batch = 64
	var next atomic.Int64
	var bad atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !bad.Load() {
				lo := int(next.Add(batch)) - batch
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+batch, n); i++ {
					if !fn(i) {
						bad.Store(true)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	return bad.Load()
}
