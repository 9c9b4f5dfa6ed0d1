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
	groups := groupSpans(l.entries, pieceBytes)
	parts := make([][]*Server, len(groups))
	if parallel(len(groups), func(i int) bool {
		var err error
		parts[i], err = cutEntries(data, groups[i], file)
		return err == nil
	}) {
		return nil, errFallback
	}
	c.Servers = make([]*Server, 0, len(l.entries))
	for _, p := range parts {
		c.Servers = append(c.Servers, p...)
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

// pieceBytes is the target size of one parse: big enough that the
// parser's set-up cost is amortised, small enough to spread over cores
// and keep each node tree short-lived.
const pieceBytes = 32 << 10

// groupSpans joins consecutive entry spans into pieces of about size bytes;
func groupSpans(entries []span, size int) []group {
	var out []group
	for i := 0; i < len(entries); {
		g := group{sp: entries[i], n: 1}
		for i+g.n < len(entries) && g.sp.end-g.sp.start < size {
			g.sp.end = entries[i+g.n].end
			g.n++
		}
		out = append(out, g)
		i += g.n
	}
	return out
}

// group is a run of n consecutive registry entries parsed together.
type group struct {
	sp span
	n  int
}

func cutEntries(data []byte, g group, file string) ([]*Server, error) {
	root, err := decodePiece(data[g.sp.start:g.sp.end], file, g.sp.line)
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode || len(root.Content) != 2*g.n {
		return nil, errFallback
	}
	out := make([]*Server, 0, g.n)
	for i := 0; i < len(root.Content); i += 2 {
		k := root.Content[i]
		s, err := entryFromNode(k.Value, k.Line, root.Content[i+1], file)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// parallel runs fn(0..n-1) on GOMAXPROCS workers, in batches, and reports
// whether any call returned false. After a failure the rest is skipped.
func parallel(n int, fn func(i int) bool) (failed bool) {
	workers := runtime.GOMAXPROCS(0)
	batch := max(1, min(64, n/(workers*16)))
	var next atomic.Int64
	var bad atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !bad.Load() {
				lo := int(next.Add(int64(batch))) - batch
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
