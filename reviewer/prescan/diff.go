package prescan

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
)

// diffSink receives what parseDiff finds: each changed file that exists after
// the change (deleted files are skipped) and its added lines, numbered as in
// the new file. line may be reused after the call returns.
type diffSink interface {
	beginFile(path string, symlink bool) error
	addedLine(no int, line []byte, truncated bool) error
	endFile() error
}

// diffParser reads a unified git diff. Hunk lengths are counted, so an added
// line that itself reads "+++ x" or "diff --git" is never taken for a header.
type diffParser struct {
	sink    diffSink
	maxLine int
	path    string // post-image path from the headers so far
	deleted bool
	symlink bool // the post-image is a symlink (mode 120000)
	inFile  bool // a "diff --git" header was seen
	begun   bool // beginFile was called for the current file
	newLine int
	oldLeft int
	newLeft int
	inHunk  bool
	lineBuf []byte
}

// parseDiff feeds the diff read from r to sink. Lines longer than maxLine
// bytes are cut to maxLine and reported as truncated.
func parseDiff(r io.Reader, maxLine int, sink diffSink) error {
	p := &diffParser{sink: sink, maxLine: maxLine}
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		line, truncated, err := p.readLine(br)
		if len(line) > 0 || (err == nil) {
			if perr := p.handle(line, truncated); perr != nil {
				return perr
			}
		}
		if errors.Is(err, io.EOF) {
			return p.finishFile()
		}
		if err != nil {
			return err
		}
	}
}

// readLine returns the next line without its line ending, cut to maxLine
// bytes; truncated says bytes were dropped.
func (p *diffParser) readLine(br *bufio.Reader) ([]byte, bool, error) {
	p.lineBuf = p.lineBuf[:0]
	total := 0
	for {
		chunk, err := br.ReadSlice('\n')
		total += len(chunk)
		if room := p.maxLine + 2 - len(p.lineBuf); room > 0 {
			p.lineBuf = append(p.lineBuf, chunk[:min(room, len(chunk))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		truncated := total > len(p.lineBuf)
		line := bytes.TrimSuffix(bytes.TrimSuffix(p.lineBuf, []byte("\n")), []byte("\r"))
		if len(line) > p.maxLine {
			line, truncated = line[:p.maxLine], true
		}
		return line, truncated, err
	}
}

func (p *diffParser) handle(line []byte, truncated bool) error {
	if p.inHunk {
		return p.hunkLine(line, truncated)
	}
	s := string(line)
	switch {
	case strings.HasPrefix(s, "diff --git "):
		if err := p.finishFile(); err != nil {
			return err
		}
		p.inFile, p.path, p.deleted, p.symlink = true, headerPath(s[len("diff --git "):]), false, false
	case !p.inFile:
		// Text before the first header (e.g. a commit message) is ignored.
	case strings.HasPrefix(s, "+++ "):
		p.setPath(s[len("+++ "):], "b/")
	case strings.HasPrefix(s, "rename to "), strings.HasPrefix(s, "copy to "):
		_, name, _ := strings.Cut(s, " to ")
		p.setPath(name, "")
	case strings.HasPrefix(s, "deleted file mode"):
		p.deleted = true
	case strings.HasPrefix(s, "new file mode "), strings.HasPrefix(s, "new mode "):
		p.symlink = strings.HasSuffix(s, " 120000")
	case strings.HasPrefix(s, "index "):
		// "index a..b 120000": a symlink whose target changed.
		p.symlink = p.symlink || strings.HasSuffix(s, " 120000")
	case strings.HasPrefix(s, "@@ "):
		return p.startHunk(s)
	}
	return nil
}

func (p *diffParser) setPath(name, prefix string) {
	name = strings.TrimSuffix(name, "\t")
	if name == "/dev/null" {
		p.deleted = true
		return
	}
	name = unquotePath(name)
	p.path = strings.TrimPrefix(name, prefix)
}

// startHunk parses "@@ -a,b +c,d @@" and begins the file if needed.
func (p *diffParser) startHunk(s string) error {
	fields := strings.Fields(s)
	if len(fields) < 3 {
		return errors.New("parsing diff: malformed hunk header")
	}
	_, oldLen, err1 := hunkRange(fields[1], '-')
	newStart, newLen, err2 := hunkRange(fields[2], '+')
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if err := p.begin(); err != nil {
		return err
	}
	p.newLine, p.oldLeft, p.newLeft = newStart, oldLen, newLen
	p.inHunk = p.oldLeft > 0 || p.newLeft > 0
	return nil
}

func (p *diffParser) hunkLine(line []byte, truncated bool) error {
	kind := byte(' ') // an empty line is context whose space was stripped
	if len(line) > 0 {
		kind = line[0]
	}
	var err error
	switch kind {
	case '+':
		if p.begun && !p.deleted {
			err = p.sink.addedLine(p.newLine, line[1:], truncated)
		}
		p.newLine++
		p.newLeft--
	case '-':
		p.oldLeft--
	case '\\':
		// "\\ No newline at end of file"
	case ' ':
		p.newLine++
		p.oldLeft--
		p.newLeft--
	default:
		// Not a hunk line: the hunk was shorter than its header said. End
		// it rather than swallow the next file's header as context.
		p.inHunk = false
		return p.handle(line, truncated)
	}
	p.inHunk = p.oldLeft > 0 || p.newLeft > 0
	return err
}

func (p *diffParser) begin() error {
	if p.begun || p.deleted || p.path == "" {
		return nil
	}
	p.begun = true
	return p.sink.beginFile(p.path, p.symlink)
}

// finishFile ends the current file. A file with no hunks (a rename, a mode
// change, an empty new file) still begins and ends so path rules see it.
func (p *diffParser) finishFile() error {
	if !p.inFile {
		return nil
	}
	err := p.begin()
	if p.begun {
		err = errors.Join(err, p.sink.endFile())
	}
	p.inFile, p.begun, p.inHunk, p.path = false, false, false, ""
	return err
}

// hunkRange parses "-a,b" or "+c" into start and length.
func hunkRange(s string, sign byte) (int, int, error) {
	if len(s) < 2 || s[0] != sign {
		return 0, 0, errors.New("parsing diff: malformed hunk range")
	}
	start, length, hasLen := strings.Cut(s[1:], ",")
	a, err := strconv.Atoi(start)
	if err != nil {
		return 0, 0, errors.New("parsing diff: malformed hunk range")
	}
	n := 1
	if hasLen {
		if n, err = strconv.Atoi(length); err != nil || n < 0 {
			return 0, 0, errors.New("parsing diff: malformed hunk range")
		}
	}
	return a, n, nil
}

// headerPath takes the post-image path from `a/X b/Y`, used only when no
// "+++" or "rename to" line names it (a mode change, an empty file).
func headerPath(s string) string {
	if strings.HasPrefix(s, `"`) {
		if i := strings.Index(s, `" `); i > 0 {
			return strings.TrimPrefix(unquotePath(strings.TrimSpace(s[i+2:])), "b/")
		}
		return ""
	}
	// Unquoted: both halves are the same length when the names are equal.
	if n := len(s); n > 3 && (n-1)%2 == 0 {
		half := (n - 1) / 2
		if s[half] == ' ' && strings.HasPrefix(s[half+1:], "b/") {
			return s[half+3:]
		}
	}
	if i := strings.LastIndex(s, " b/"); i >= 0 {
		return s[i+3:]
	}
	return ""
}

// unquotePath undoes git's C-style quoting of unusual file names.
func unquotePath(s string) string {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return s
	}
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}
