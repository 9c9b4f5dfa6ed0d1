package render

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// Limits on what is parsed as Markdown (THREATS B9): hey-cli measured
// glamour's cost doubling with each level of nesting; the limit stays as a
// bound on the renderer's recursion.
const (
	// MaxBytes is the largest report rendered; a larger one is shown raw,
	// cut to this size.
	MaxBytes = 256 << 10
	// MaxDepth is the deepest nesting of block quotes and lists rendered.
	MaxDepth = 16
)

// Options says how to render.
type Options struct {
	// Width is the wrap width in cells; 0 means 80.
	Width int
	// NoColor removes every escape sequence, SGR included.
	NoColor bool
	// Light picks colours for a light background.
	Light bool
}

// Result is a rendered report.
type Result struct {
	// Text is safe to print: sanitised, with at most SGR sequences.
	Text string
	// Raw is true when the report was not parsed as Markdown (see Notice).
	Raw bool
	// Notice says why the report is shown raw or cut; empty otherwise.
	Notice string
}

// Markdown renders untrusted Markdown safely. It never returns an error:
// a report over the limits is shown raw with a notice, since the reader
// still needs to see it.
func Markdown(md string, opts Options) Result {
	if opts.Width <= 0 {
		opts.Width = 80
	}
	if len(md) > MaxBytes {
		return raw(cut(md, MaxBytes), fmt.Sprintf(
			"report is %s, over the %s limit: shown raw (not rendered) and cut at %s",
			size(len(md)), size(MaxBytes), size(MaxBytes)))
	}
	if d := Depth(md); d > MaxDepth {
		return raw(md, fmt.Sprintf("report nests quotes or lists %d deep, over the limit of %d: shown raw (not rendered)", d, MaxDepth))
	}
	out := renderTerminal(NeutraliseEntities(sanitize.Text(md)), opts.Width, opts.Light)
	return Result{Text: restoreAmpersands(Filter(out, !opts.NoColor))}
}

// Raw returns md sanitised for display as plain text, tabs as spaces.
func Raw(md string) string {
	return strings.ReplaceAll(sanitize.Text(md), "\t", "    ")
}

func raw(md, notice string) Result {
	return Result{Text: Raw(md), Raw: true, Notice: notice}
}

// cut shortens s to at most n bytes without splitting a UTF-8 sequence.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
