package tui

import (
	"runtime"

	"github.com/mcp-trust/mcp-trust/internal/pool"
)

// parallelMatchMin is the number of rows from which matchAll splits the
// work across cores: a 50,000-row catalog re-filtered from scratch (a
// backspace) takes about 8 ms on one core here (BenchmarkFilterFromScratch).
const parallelMatchMin = 4096

// matchPart is one core's share of a match: the rows that passed, with
// their quality, in source order.
type matchPart struct {
	idx []int32
	q   []uint8
}

// matchAll appends to dst and q the rows of src that pass the facets and
// the query, and their match quality, in src order. dst may share src's
// array (narrowing reuses the last matches): every part is read before dst
// is written.
func (f *finder) matchAll(rows []row, src, dst []int32, q []uint8) ([]int32, []uint8) {
	n := f.cores
	if n == 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if n == 1 || len(src) < parallelMatchMin {
		return f.matchRange(rows, src, dst, q)
	}
	if len(f.parts) != n {
		f.parts = make([]matchPart, n)
	}
	size := (len(src) + n - 1) / n
	pool.Run(n, n, func(p int) {
		lo, hi := min(p*size, len(src)), min((p+1)*size, len(src))
		part := &f.parts[p]
		part.idx, part.q = f.matchRange(rows, src[lo:hi], part.idx[:0], part.q[:0])
	})
	for _, part := range f.parts {
		dst, q = append(dst, part.idx...), append(q, part.q...)
	}
	return dst, q
}

// matchRange is matchAll on one core.
func (f *finder) matchRange(rows []row, src, dst []int32, q []uint8) ([]int32, []uint8) {
	for _, i := range src {
		r := &rows[i]
		if !f.passFacets(r) {
			continue
		}
		if qual, ok := matchQuality(r.key, r.nameLen, f.terms); ok {
			dst, q = append(dst, i), append(q, qual)
		}
	}
	return dst, q
}
