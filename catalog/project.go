package catalog

import (
	"errors"
	"fmt"
	"strings"
)

// ErrBadProject: a source.project that is not a canonical GitHub URL.
var ErrBadProject = errors.New("bad source.project")

// CheckProjectURL accepts only https://github.com/<owner>/<repo>: ASCII,
// no userinfo, port, query, fragment, "..", leading '-', trailing ".git"
// or "/" (THREATS A10). Such a URL is safe to hand to git after "--".
// Every non-nil error wraps ErrBadProject and says what is wrong.
func CheckProjectURL(s string) error {
	if why := projectProblem(s); why != "" {
		return fmt.Errorf("%w: %s", ErrBadProject, why)
	}
	return nil
}

func projectProblem(s string) string {
	switch {
	case s == "":
		return "missing"
	case strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r >= 0x7f }) >= 0:
		return "must be plain ASCII without spaces or control characters"
	case strings.HasPrefix(s, "-"):
		return "must not start with '-' (git would read it as an option)"
	case strings.Contains(s, ".."):
		return "must not contain \"..\""
	case !strings.HasPrefix(s, "https://"):
		return schemeProblem(s)
	}
	rest := strings.TrimPrefix(s, "https://")
	host, path, _ := strings.Cut(rest, "/")
	switch {
	case strings.Contains(host, "@"):
		return "must not carry userinfo (user:token@)"
	case strings.Contains(host, ":"):
		return "must not name a port"
	case host != "github.com":
		return fmt.Sprintf("host must be github.com, not %q", host)
	case strings.ContainsAny(path, "?#"):
		return "must not have a query or fragment"
	case strings.HasSuffix(path, "/"):
		return "must not end with '/'"
	case strings.HasSuffix(path, ".git"):
		return "must not end with .git"
	case strings.Count(path, "/") != 1:
		return "must be exactly https://github.com/<owner>/<repo>"
	case strings.HasPrefix(path, "-") || strings.Contains(path, "/-"):
		return "owner and repository must not start with '-'"
	case !isProjectURL(s):
		return "owner or repository has characters GitHub does not allow"
	}
	return ""
}

func schemeProblem(s string) string {
	if scheme, _, ok := strings.Cut(s, "://"); ok {
		return fmt.Sprintf("scheme %q is not allowed: use https", scheme)
	}
	if strings.Contains(s, "::") {
		return "git transport syntax (\"ext::\", \"fd::\") is not allowed"
	}
	return "must be an https:// URL"
}

// githubOwner returns the owner of a canonical project URL, else "". The
// cheap syntax match runs first: it is necessary for CheckProjectURL.
func githubOwner(project string) string {
	if !isProjectURL(project) || CheckProjectURL(project) != nil {
		return ""
	}
	owner, _, _ := strings.Cut(strings.TrimPrefix(project, "https://github.com/"), "/")
	return owner
}

// splitTreeURL recovers project, commit and directory from a published
// catalog's source, https://github.com/<o>/<r>/tree/<commit>[/<dir>]. A
// bare project URL gives no commit; anything else is kept as the project
// (lint and tiers then see it is not canonical).
func splitTreeURL(src string) Source {
	rest, ok := strings.CutPrefix(src, "https://github.com/")
	if !ok {
		return Source{Project: src}
	}
	parts := strings.SplitN(rest, "/", 5)
	if len(parts) < 4 || parts[2] != "tree" {
		return Source{Project: src}
	}
	out := Source{Project: "https://github.com/" + parts[0] + "/" + parts[1], Commit: parts[3]}
	if len(parts) == 5 {
		out.Directory = parts[4]
	}
	return out
}
