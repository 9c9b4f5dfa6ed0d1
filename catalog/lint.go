package catalog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// LintReport is the result of Lint. Its JSON encoding is the stable
// `lint --format json` contract.
type LintReport struct {
	Checked  int       `json:"checked"`  // server.yaml files examined
	Problems []Problem `json:"problems"` // sorted by file, line, rule
}

// Errors counts the problems of severity error; lint fails when it is > 0.
func (r *LintReport) Errors() int { return r.count(SeverityError) }

// Warnings counts the problems of severity warning.
func (r *LintReport) Warnings() int { return r.count(SeverityWarning) }

// Notices counts the problems of severity notice (grandfathered breaks).
func (r *LintReport) Notices() int { return r.count(SeverityNotice) }

func (r *LintReport) count(sev Severity) int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == sev {
			n++
		}
	}
	return n
}

// LintOptions tune Lint.
type LintOptions struct {
	// Strict makes the problems of mcp-trust's own rules (OriginMCPTrust)
	// errors; otherwise they are warnings and only the registry's rules fail.
	Strict bool
}

// Lint checks server.yaml files against the registry's rules and ours (see
// lintrules.go). Each path is a server.yaml (any file name), one server's
// directory, a servers/ directory or a registry checkout. A file that
// cannot be read or parsed is a Problem, not an error; an error
// (*InputError) means a path is unusable: missing, not a file or directory,
// or a directory without any server.yaml.
func Lint(ctx context.Context, opts LintOptions, paths ...string) (*LintReport, error) {
	if len(paths) == 0 {
		return nil, &InputError{Path: "lint", Err: fmt.Errorf("%w: no paths", ErrUnsupported)}
	}
	r := &LintReport{Problems: []Problem{}}
	for _, path := range paths {
		files, problems, named, err := lintTargets(path)
		if err != nil {
			return nil, err
		}
		r.Problems = append(r.Problems, problems...)
		if err := r.lintFiles(ctx, files, !named); err != nil {
			return nil, err
		}
	}
	r.finish(opts)
	return r, nil
}

// LintServers checks servers/NAME/server.yaml under the registry checkout
// root for each name, the selection `lint --changed` makes (see
// ChangedServers). Links are not followed. A server whose server.yaml is
// missing or not a regular file is an error Problem: the registry's
// validator fails on it too. No names is an empty, passing report.
func LintServers(ctx context.Context, opts LintOptions, root string, names []string) (*LintReport, error) {
	servers := filepath.Join(root, "servers")
	st, err := os.Lstat(servers)
	if err != nil {
		return nil, fsError(servers, err)
	}
	if !st.IsDir() {
		return nil, &InputError{Path: servers, Err: fmt.Errorf("%w: want a real directory", ErrNotRegular)}
	}
	r := &LintReport{Problems: []Problem{}}
	var files []string
	for _, name := range names {
		file, err := changedFile(root, name)
		if err != nil {
			r.Checked++
			r.Problems = append(r.Problems, problemFrom(file, err))
			continue
		}
		files = append(files, file)
	}
	if err := r.lintFiles(ctx, files, true); err != nil {
		return nil, err
	}
	r.finish(opts)
	return r, nil
}

// ChangedServers maps paths changed in a registry checkout (relative to
// its root, slash-separated, as git prints them) to the sorted, distinct
// names of the servers they belong to: servers/NAME/anything selects NAME.
// So does servers/NAME itself: a file or link directly in servers/ is not
// a server, and checking it as one fails, as the registry's CI fails on
// it. Paths outside servers/ select nothing.
func ChangedServers(paths []string) []string {
	seen := map[string]bool{}
	var names []string
	for _, p := range paths {
		rest, ok := strings.CutPrefix(p, "servers/")
		name, _, _ := strings.Cut(rest, "/")
		if !ok || name == "" || name == "." || name == ".." || seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// changedFile is servers/NAME/server.yaml under root, or the path that
// cannot be read and why: NAME is not a real directory (a link is not
// followed), or its server.yaml is missing or not a regular file.
func changedFile(root, name string) (string, error) {
	dir := filepath.Join(root, "servers", name)
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return dir, &InputError{Path: dir, Err: fmt.Errorf("%w: %q is not a server folder name", ErrUnsupported, name)}
	}
	file := filepath.Join(dir, "server.yaml")
	for _, p := range []string{dir, file} {
		st, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return p, &InputError{Path: p, Err: fmt.Errorf("a changed server has no server.yaml: %w", fs.ErrNotExist)}
		case err != nil:
			return p, fsError(p, err)
		case p == dir && !st.IsDir():
			return p, &InputError{Path: p, Err: errors.New("a changed path in servers/ must be a server folder, not a file or a link")}
		case p == file && !st.Mode().IsRegular():
			return p, notRegular(p, st.Mode())
		}
	}
	return file, nil
}

func (r *LintReport) lintFiles(ctx context.Context, files []string, nofollow bool) error {
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r.Checked++
		r.Problems = append(r.Problems, lintFile(f, nofollow)...)
	}
	return nil
}

// finish grades every problem by its rule's origin and sorts them.
func (r *LintReport) finish(opts LintOptions) {
	for i := range r.Problems {
		grade(&r.Problems[i], opts.Strict)
	}
	sort.SliceStable(r.Problems, func(i, j int) bool {
		a, b := r.Problems[i], r.Problems[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
}

// lintTargets expands one path; named reports that the path is itself the
// file (so a symlink the user named is followed).
func lintTargets(path string) (files []string, problems []Problem, named bool, err error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, nil, false, fsError(path, err)
	case st.IsDir():
		files, problems, err = findServerFiles(path)
		return files, problems, false, err
	case !st.Mode().IsRegular():
		return nil, nil, false, notRegular(path, st.Mode())
	}
	return []string{path}, nil, true, nil
}

// lintFile reads, parses and checks one file.
func lintFile(path string, nofollow bool) []Problem {
	data, err := readFileCapped(path, maxServerFile, nofollow)
	if err != nil {
		return []Problem{problemFrom(path, err)}
	}
	root, err := decodeOne(data, path, 0)
	if err != nil {
		return []Problem{problemFrom(path, err)}
	}
	s, err := serverFromNode(root, path)
	if err != nil {
		return []Problem{problemFrom(path, err)}
	}
	l := &linter{file: path, root: root, s: s}
	if filepath.Base(path) == "server.yaml" {
		l.folder = filepath.Base(filepath.Dir(path))
	}
	l.run()
	return l.problems
}

// linter holds one parsed file while the rules run.
type linter struct {
	file     string
	folder   string // "" when the file is not named server.yaml
	root     *yaml.Node
	s        *Server
	problems []Problem
}

// add records a break of rule at field's line; finish grades it.
func (l *linter) add(rule, field, format string, args ...any) {
	l.addAt(l.lineOf(field), rule, field, format, args...)
}

func (l *linter) addAt(line int, rule, field, format string, args ...any) {
	l.problems = append(l.problems, Problem{
		File: l.file, Line: line, Field: field, Rule: rule, Message: fmt.Sprintf(format, args...),
	})
}

// grandfather marks the last problem as allowed by a registry exception:
// it becomes a notice naming the exception.
func (l *linter) grandfather(exception string) {
	p := &l.problems[len(l.problems)-1]
	p.Exception = exception
	p.Message += "; allowed by the registry's " + exception + " exception"
}

// lineOf finds the line of a dotted field (list items as "x[3]" are not
// resolved: the list's line is used); the deepest key found wins.
func (l *linter) lineOf(field string) int {
	line, n := l.root.Line, l.root
	for _, k := range splitField(field) {
		found := false
		for i := 0; n != nil && n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				line, n, found = n.Content[i].Line, n.Content[i+1], true
				break
			}
		}
		if !found {
			break
		}
	}
	return line
}
