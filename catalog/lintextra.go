package catalog

import "strings"

// extraRules are mcp-trust's own rules (OriginMCPTrust), beyond the
// registry's; secret-prefix, remote-url, pin-canonical and the hidden-text
// rules live with the fields they check.
func (l *linter) extraRules() {
	l.sourceRules()
	l.hiddenText()
	for _, k := range l.s.UnknownKeys {
		l.add("unknown-field", k, "unknown field: not part of server.yaml")
	}
}

func (l *linter) sourceRules() {
	s := l.s
	if s.Type == TypeServer {
		if s.Image == "" {
			l.add("image", "image", "type server needs an image")
		} else if _, err := parseImageRef(s.Image); err != nil {
			l.add("image", "image", "%q: %v", s.Image, err)
		}
	}
	if s.Type == TypeServer || s.Source.Project != "" {
		if err := CheckProjectURL(s.Source.Project); err != nil {
			l.add("project-url", "source.project", "%q: %s", s.Source.Project, strings.TrimPrefix(err.Error(), ErrBadProject.Error()+": "))
		}
	}
}
