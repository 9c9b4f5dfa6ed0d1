package catalog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

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

func (r *LintReport) count(sev Severity) int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == sev {
			n++
		}
	}
	return n
}

// Lint checks server.yaml files against the registry's rules (see
// lintrules.go for the list). Each path is a server.yaml (any file name),
// one server's directory, a servers/ directory or a registry checkout. A
// file that cannot be read or parsed is a Problem, not an error; an error
// (*InputError) means a path is unusable: missing, not a file or directory,
// or a directory without any server.yaml.
func Lint(ctx context.Context, paths ...string) (*LintReport, error) {
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
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			r.Checked++
			r.Problems = append(r.Problems, lintFile(f, !named)...)
		}
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
	return r, nil
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

func (l *linter) add(sev Severity, rule, field, format string, args ...any) {
	l.addAt(l.lineOf(field), sev, rule, field, format, args...)
}

func (l *linter) addAt(line int, sev Severity, rule, field, format string, args ...any) {
	l.problems = append(l.problems, Problem{
		File: l.file, Line: line, Field: field, Rule: rule,
		Severity: sev, Message: fmt.Sprintf(format, args...),
	})
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
