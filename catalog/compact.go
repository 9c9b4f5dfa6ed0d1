package catalog

import (
	"encoding/binary"
	"errors"
)

// The compact form of a parsed catalog: what parseCatalogData returned,
// before finish, as a flat run of uvarint lengths and bytes, so a warm load
// reads it back in a few tens of milliseconds instead of parsing 40 MB of
// YAML. Every field of Server is written; finish runs again on load, so
// tiers follow the current publishers list. Decoding treats the bytes as
// untrusted input: every length is checked against what is left, and
// leftover bytes are an error.

// compactVersion changes whenever the layout (or Server) changes; a file of
// another version is ignored and the catalog parsed again.
const compactVersion = 1

var errCompact = errors.New("compact catalog is corrupt")

type compactWriter struct{ b []byte }

func (e *compactWriter) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *compactWriter) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }

func (e *compactWriter) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *compactWriter) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// strs writes nil as 0 and a slice of n strings as n+1, so nil and empty
// survive the round trip.
func (e *compactWriter) strs(ss []string) {
	if ss == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(ss)) + 1)
	for _, s := range ss {
		e.str(s)
	}
}

// decoder reads from one string: every decoded string is a substring of
// it, so decoding allocates per server, not per field.
type compactReader struct {
	s   string
	p   int
	err error
}

func (d *compactReader) fail() {
	if d.err == nil {
		d.err = errCompact
	}
	d.p = len(d.s)
}

func (d *compactReader) uint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.p >= len(d.s) {
			d.fail()
			return 0
		}
		c := d.s[d.p]
		d.p++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.fail()
	return 0
}

func (d *compactReader) int() int64 {
	u := d.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count reads a length that must fit in what is left (each item takes at
// least one byte), so a corrupt count cannot make a huge allocation.
func (d *compactReader) count() int {
	n := d.uint()
	if n > uint64(len(d.s)-d.p) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *compactReader) str() string {
	n := d.count()
	s := d.s[d.p : d.p+n]
	d.p += n
	return s
}

func (d *compactReader) bool() bool {
	switch d.uint() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail()
	return false
}

func (d *compactReader) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n-1)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}
