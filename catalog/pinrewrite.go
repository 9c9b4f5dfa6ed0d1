package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var (
	// ErrNoCommit: a server.yaml has no source.commit scalar to rewrite.
	ErrNoCommit = errors.New("no source.commit to rewrite")
	// ErrPinChanged: the file's pin is no longer the one the caller read.
	ErrPinChanged = errors.New("source.commit changed since it was read")
)

// RewritePin returns a copy of the server.yaml data in which the value of
// source.commit is newCommit and every other byte is as it was: comments,
// quoting style, indentation, line endings. It is a text operation: the
// node tree (decoded with the same refusals as ParseServer: no anchors,
// aliases, merge keys, duplicate keys or custom tags) only locates the
// value, and the result is decoded again to check that it now holds
// newCommit.
//
// Errors: one wrapping ErrBadPin when newCommit is not canonical
// lowercase 40-hex; *ParseError when data is not an acceptable document,
// has no source.commit (wrapping ErrNoCommit), or its commit is not a
// one-line scalar without escapes that can be replaced in place.
func RewritePin(data []byte, file, newCommit string) ([]byte, error) {
	if err := CheckPin(newCommit); err != nil {
		return nil, fmt.Errorf("rewriting pin of %s: new commit: %w", file, err)
	}
	if len(data) > maxServerFile {
		return nil, &InputError{Path: file, Err: ErrTooLarge}
	}
	n, err := commitNode(data, file)
	if err != nil {
		return nil, err
	}
	start, end, err := valueSpan(data, n, file)
	if err != nil {
		return nil, err
	}
	value := newCommit
	if n.Style == 0 && !plainIsString(newCommit) {
		value = `"` + newCommit + `"` // a plain 40-digit pin would read as a number
	}
	out := make([]byte, 0, len(data)-(end-start)+len(value))
	out = append(append(append(out, data[:start]...), value...), data[end:]...)
	if check, err := commitNode(out, file); err != nil || check.Value != newCommit {
		return nil, parseErrorf(file, n.Line, "source.commit", "rewriting pin: the result does not read back as %s", newCommit)
	}
	return out, nil
}

// commitNode decodes data and returns the source.commit scalar node.
func commitNode(data []byte, file string) (*yaml.Node, error) {
	root, err := decodeOne(data, file, 0)
	if err != nil {
		return nil, err
	}
	source := mapGet(root, "source")
	if source == nil {
		return nil, &ParseError{File: file, Line: root.Line, Field: "source", Err: ErrNoCommit}
	}
	n := mapGet(source, "commit")
	switch {
	case n == nil:
		return nil, &ParseError{File: file, Line: source.Line, Field: "source.commit", Err: ErrNoCommit}
	case n.Kind != yaml.ScalarNode || isNull(n) || n.Value == "":
		return nil, &ParseError{File: file, Line: n.Line, Field: "source.commit", Err: ErrNoCommit}
	}
	return n, nil
}

// valueSpan returns the byte range of the scalar's text without its
// quotes. The raw text there must be exactly the decoded value, so a
// value spread over lines, escaped, tagged or in block style is refused
// rather than guessed at.
func valueSpan(data []byte, n *yaml.Node, file string) (int, int, error) {
	refuse := func(why string) (int, int, error) {
		return 0, 0, parseErrorf(file, n.Line, "source.commit", "cannot rewrite in place: %s", why)
	}
	off, ok := offsetOf(data, n.Line, n.Column)
	if !ok {
		return refuse("its position is outside the file")
	}
	switch n.Style {
	case 0:
	case yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		q := byte('\'')
		if n.Style == yaml.DoubleQuotedStyle {
			q = '"'
		}
		end := off + 1 + len(n.Value)
		if off >= len(data) || data[off] != q || end >= len(data) || data[end] != q {
			return refuse("the quoted value is not written as it reads (escapes or line breaks)")
		}
		off++
	default:
		return refuse("block-style or tagged scalars are not supported; write it as commit: <sha>")
	}
	end := off + len(n.Value)
	if end > len(data) || string(data[off:end]) != n.Value {
		return refuse("the value is not written as it reads (a tag, escapes or line breaks)")
	}
	return off, end, nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

// offsetOf turns a yaml.v3 position (1-based line, 1-based column counted
// in characters) into a byte offset. Lines break where YAML breaks them:
// CRLF, CR, LF, NEL, LS and PS; the parser skips a leading BOM.
func offsetOf(data []byte, line, col int) (int, bool) {
	i := 0
	if bytes.HasPrefix(data, utf8BOM) {
		i = len(utf8BOM)
	}
	for l := 1; l < line; l++ {
		n := nextLine(data[i:])
		if n < 0 {
			return 0, false
		}
		i += n
	}
	for c := 1; c < col; c++ {
		if i >= len(data) {
			return 0, false
		}
		_, size := utf8.DecodeRune(data[i:])
		i += size
	}
	return i, true
}

// nextLine returns the offset just past the first line break in b, or -1.
func nextLine(b []byte) int {
	for i := 0; i < len(b); {
		switch {
		case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
			return i + 2
		case b[i] == '\r', b[i] == '\n':
			return i + 1
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == '\u0085' || r == '\u2028' || r == '\u2029' {
			return i + size
		}
		i += size
	}
	return -1
}

// plainIsString reports whether s, written plain, reads back as a string.
func plainIsString(s string) bool {
	var n yaml.Node
	return yaml.Unmarshal([]byte(s), &n) == nil && len(n.Content) == 1 && n.Content[0].Tag == "!!str"
}

// UpdatePinFile rewrites the source.commit of the server.yaml at path
// from oldCommit to newCommit with RewritePin, and replaces the file
// atomically: a temporary file in the same directory, with the same
// permissions, synced and renamed over it. A symlink or special file is
// refused, and so is a file whose pin is no longer oldCommit (wrapping
// ErrPinChanged): it changed since the caller read it.
func UpdatePinFile(path, oldCommit, newCommit string) error {
	data, err := readFileCapped(path, maxServerFile, true)
	if err != nil {
		return err
	}
	st, err := os.Lstat(path)
	if err != nil {
		return fsError(path, err)
	}
	n, err := commitNode(data, path)
	if err != nil {
		return err
	}
	if n.Value != oldCommit {
		return &ParseError{File: path, Line: n.Line, Field: "source.commit",
			Err: fmt.Errorf("%w: want %q, found %q", ErrPinChanged, oldCommit, n.Value)}
	}
	out, err := RewritePin(data, path, newCommit)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, out, st.Mode().Perm())
}

// writeFileAtomic replaces path with data through a fresh temporary file
// beside it, so a crash leaves either the old file or the new one.
func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err == nil {
		if err = tmp.Chmod(perm); err == nil {
			err = tmp.Sync()
		}
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return nil
}
