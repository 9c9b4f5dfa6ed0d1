package catalog

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The lint rules. Upstream's offline CI rules (docker/mcp-registry
// cmd/validate) with upstream's semantics, minus its grandfather lists:
//
//	name-format       error  name matches ^[a-z0-9-]+$
//	name-folder       error  name equals the folder of server.yaml
//	title-words       error  title contains neither "MCP" nor "Server" (case-sensitive substrings, as upstream)
//	title-case        error  every title word starts upper-case, except "and" and "for"
//	pin-required      error  type server has source.commit
//	pin-format        error  source.commit is ^[a-f0-9]{40}$; upper case is "not canonical" (upstream lower-cases first)
//	secret-name       error  secret names look like <prefix>.<name>
//	config-env        error  {{...}} env values use this server's parameters
//	remote-url        error  type remote has remote.url
//	remote-transport  error  remote transport_type is stdio, sse or streamable-http
//	oauth-dynamic     error  a server with oauth has dynamic.tools: true
//
// and mcp-trust's own:
//
//	image             error  type server names an image, and it parses as an image reference
//	project-url       error  source.project is exactly https://github.com/<owner>/<repo> (required for type server)
//	hidden-text       error  no control, bidi or tag characters in any key or value (warning: zero-width only)
//	mixed-script      warning no word mixes Latin with Cyrillic or Greek letters (homoglyphs)
//	secret-prefix     warning secret prefix is the server name (SPEC; upstream dropped this)
//	unknown-field     warning keys the model does not know
func (l *linter) run() {
	l.nameRules()
	l.titleRules()
	l.pinRules()
	l.sourceRules()
	l.remoteRules()
	l.secretRules()
	l.configEnvRule()
	l.oauthRule()
	l.hiddenText()
	for _, k := range l.s.UnknownKeys {
		l.add(SeverityWarning, "unknown-field", k, "unknown field: not part of server.yaml")
	}
}

var lintName = regexp.MustCompile(`^[a-z0-9-]+$`)

func (l *linter) nameRules() {
	s := l.s
	if !lintName.MatchString(s.Name) {
		l.add(SeverityError, "name-format", "name", "%q must be lowercase letters, digits and hyphens", s.Name)
	}
	if l.folder != "" && s.Name != l.folder {
		l.add(SeverityError, "name-folder", "name", "%q must equal its folder name %q", s.Name, l.folder)
	}
}

func (l *linter) titleRules() {
	t := l.s.Title
	for _, w := range []string{"MCP", "Server"} {
		if strings.Contains(t, w) {
			l.add(SeverityError, "title-words", "about.title", "%q must not contain %q", t, w)
		}
	}
	for _, w := range strings.Fields(t) {
		r, _ := utf8.DecodeRuneInString(w)
		if w != "and" && w != "for" && unicode.ToUpper(r) != r {
			l.add(SeverityError, "title-case", "about.title", "%q: every word must start upper-case (word %q)", t, w)
			return
		}
	}
}

func (l *linter) pinRules() {
	s := l.s
	if s.Type != TypeServer && s.Source.Commit == "" {
		return
	}
	if err := CheckPin(s.Source.Commit); err != nil {
		rule := "pin-format"
		if s.Source.Commit == "" {
			rule = "pin-required"
		}
		l.add(SeverityError, rule, "source.commit", "%s", strings.TrimPrefix(err.Error(), ErrBadPin.Error()+": "))
	}
}

func (l *linter) sourceRules() {
	s := l.s
	if s.Type == TypeServer {
		if s.Image == "" {
			l.add(SeverityError, "image", "image", "type server needs an image")
		} else if _, err := parseImageRef(s.Image); err != nil {
			l.add(SeverityError, "image", "image", "%q: %v", s.Image, err)
		}
	}
	if s.Type == TypeServer || s.Source.Project != "" {
		if err := CheckProjectURL(s.Source.Project); err != nil {
			l.add(SeverityError, "project-url", "source.project", "%q: %s", s.Source.Project, strings.TrimPrefix(err.Error(), ErrBadProject.Error()+": "))
		}
	}
}

func (l *linter) remoteRules() {
	s := l.s
	if s.Type == TypeRemote && (s.Remote == nil || s.Remote.URL == "") {
		l.add(SeverityError, "remote-url", "remote.url", "type remote needs remote.url")
	}
	if s.Remote == nil || (s.Type != TypeRemote && s.Remote.URL == "") {
		return
	}
	switch s.Remote.TransportType {
	case "stdio", "sse", "streamable-http":
	default:
		l.add(SeverityError, "remote-transport", "remote.transport_type", "%q must be stdio, sse or streamable-http", s.Remote.TransportType)
	}
}

var lintSecret = regexp.MustCompile(`^[A-Za-z0-9_-]+\.[A-Za-z0-9._-]+$`)

func (l *linter) secretRules() {
	items := mapGet(mapGet(l.root, "config"), "secrets")
	for i, name := range l.s.Secrets {
		field, line := fmt.Sprintf("config.secrets[%d]", i), l.lineOf("config.secrets")
		if items != nil && i < len(items.Content) {
			line = items.Content[i].Line
		}
		switch {
		case !lintSecret.MatchString(name):
			l.addAt(line, SeverityError, "secret-name", field, "%q must look like <server>.<name>", name)
		case !strings.HasPrefix(name, l.s.Name+"."):
			l.addAt(line, SeverityWarning, "secret-prefix", field, "%q should start with %q", name, l.s.Name+".")
		}
	}
}

func (l *linter) configEnvRule() {
	env := mapGet(mapGet(l.root, "config"), "env")
	if env == nil || env.Kind != yaml.SequenceNode {
		return
	}
	for i, item := range env.Content {
		v := mapGet(item, "value")
		if v == nil || v.Kind != yaml.ScalarNode || !strings.HasPrefix(v.Value, "{{") {
			continue
		}
		if !strings.HasPrefix(v.Value, "{{"+l.s.Name+".") {
			l.addAt(v.Line, SeverityError, "config-env", fmt.Sprintf("config.env[%d].value", i),
				"%q uses a parameter of another server: want {{%s.<parameter>}}", v.Value, l.s.Name)
		}
	}
}

func (l *linter) oauthRule() {
	if len(l.s.OAuth) == 0 {
		return
	}
	t := mapGet(mapGet(l.root, "dynamic"), "tools")
	if t == nil || t.Tag != "!!bool" || !strings.EqualFold(t.Value, "true") {
		l.add(SeverityError, "oauth-dynamic", "oauth", "a server with oauth needs dynamic: {tools: true}")
	}
}

// splitField splits "a.b[2].c" into its keys, dropping list indexes.
func splitField(field string) []string {
	if field == "" {
		return nil
	}
	parts := strings.Split(field, ".")
	for i, p := range parts {
		if j := strings.IndexByte(p, '['); j >= 0 {
			parts[i] = p[:j]
		}
	}
	return parts
}
