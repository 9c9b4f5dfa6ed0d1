package catalog

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// lintRule is one rule lint reports: whose it is and what it asks.
type lintRule struct {
	origin RuleOrigin
	doc    string
}

// lintRules lists every rule by id. The registry's are the offline rules
// of docker/mcp-registry's validator (cmd/validate, read at 818bf169),
// with its semantics; read, parse and skipped are input failures, which
// the registry's validator cannot pass either. Not checked here because
// they need the network or other tools: prettier formatting, the
// project's license, the icon, fetching a remote's tool list (a
// tools.json is checked), pulling poci images.
var lintRules = map[string]lintRule{
	"read":             {OriginRegistry, "the file is a readable regular file (links in a checkout are not followed)"},
	"skipped":          {OriginRegistry, "a server directory or server.yaml that is a link or not a regular file is not read"},
	"parse":            {OriginRegistry, "the file is one YAML document of the server.yaml shape"},
	"name-format":      {OriginRegistry, "name matches ^[a-z0-9-]+$"},
	"name-folder":      {OriginRegistry, "name equals the folder of server.yaml"},
	"title-words":      {OriginRegistry, `about.title contains neither "MCP" nor "Server" (case-sensitive)`},
	"title-case":       {OriginRegistry, `every word of about.title starts upper-case, except "and" and "for"`},
	"pin-required":     {OriginRegistry, "type server has source.commit"},
	"pin-format":       {OriginRegistry, "type server: source.commit, lower-cased, matches ^[a-f0-9]{40}$"},
	"secret-name":      {OriginRegistry, "every config.secrets name matches <prefix>.<name>"},
	"config-env":       {OriginRegistry, "a config.env value starting with {{ uses this server's parameters, {{<name>."},
	"remote-transport": {OriginRegistry, "with remote.url, remote.transport_type is stdio, sse or streamable-http"},
	"oauth-dynamic":    {OriginRegistry, "a server with oauth has dynamic.tools: true"},
	"remote-tools":     {OriginRegistry, "with remote.url and no dynamic tools, a tools.json beside server.yaml decodes and every argument has a desc"},
	"pin-canonical":    {OriginMCPTrust, "any source.commit is exactly lowercase 40-hex (the registry lower-cases first and ignores other types)"},
	"image":            {OriginMCPTrust, "type server names an image that parses as an image reference"},
	"project-url":      {OriginMCPTrust, "source.project is exactly https://github.com/<owner>/<repo> (required for type server)"},
	"remote-url":       {OriginMCPTrust, "type remote has remote.url"},
	"secret-prefix":    {OriginMCPTrust, "a secret's prefix is the server's name (the registry dropped this rule)"},
	"unknown-field":    {OriginMCPTrust, "no keys outside the server.yaml model"},
	"hidden-text":      {OriginMCPTrust, "no control, bidi, tag or zero-width characters in any key or value"},
	"mixed-script":     {OriginMCPTrust, "no word mixes Latin with Cyrillic or Greek letters (homoglyphs)"},
}

// grade sets a problem's origin and severity from its rule: registry
// breaks are errors, ours warnings unless strict, grandfathered breaks
// notices. A rule missing from lintRules is a registry error (fail closed).
func grade(p *Problem, strict bool) {
	rule, ok := lintRules[p.Rule]
	if !ok {
		rule.origin = OriginRegistry
	}
	p.Origin = rule.origin
	switch {
	case p.Exception != "":
		p.Severity = SeverityNotice
	case rule.origin == OriginMCPTrust && !strict:
		p.Severity = SeverityWarning
	default:
		p.Severity = SeverityError
	}
}

func (l *linter) run() {
	l.nameRules()
	l.titleRules()
	l.pinRules()
	l.secretRules()
	l.configEnvRule()
	l.remoteRules()
	l.oauthRule()
	l.toolsRule()
	l.extraRules()
}

var lintName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9-]+$`) })

func (l *linter) nameRules() {
	s := l.s
	if !lintName().MatchString(s.Name) {
		l.add("name-format", "name", "%q must be lowercase letters, digits and hyphens", s.Name)
		if legacyNames[s.Name] {
			l.grandfather(ExceptionLegacyName)
		}
	}
	if l.folder != "" && s.Name != l.folder {
		l.add("name-folder", "name", "%q must equal its folder name %q", s.Name, l.folder)
	}
}

func (l *linter) titleRules() {
	t := l.s.Title
	for _, w := range []string{"MCP", "Server"} {
		if strings.Contains(t, w) {
			l.add("title-words", "about.title", "%q must not contain %q", t, w)
		}
	}
	for _, w := range strings.Fields(t) {
		r, _ := utf8.DecodeRuneInString(w)
		if w != "and" && w != "for" && unicode.ToUpper(r) != r {
			l.add("title-case", "about.title", "%q: every word must start upper-case (word %q)", t, w)
			return
		}
	}
}

var registryPin = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-f0-9]{40}$`) })

// pinRules: the registry's pin rules for type server, then ours for any
// commit it let through (upper case, or a bad commit on another type).
func (l *linter) pinRules() {
	c := l.s.Source.Commit
	if l.s.Type == TypeServer {
		switch {
		case c == "":
			l.add("pin-required", "source.commit", "missing: type server needs source.commit")
			return
		case !registryPin().MatchString(strings.ToLower(c)):
			l.add("pin-format", "source.commit", "%s", pinReason(c))
			return
		}
	}
	if c != "" && CheckPin(c) != nil {
		l.add("pin-canonical", "source.commit", "%s", pinReason(c))
	}
}

// pinReason is CheckPin's explanation without its "bad pin: " prefix.
func pinReason(commit string) string {
	return strings.TrimPrefix(CheckPin(commit).Error(), ErrBadPin.Error()+": ")
}

var lintSecret = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]+\.[A-Za-z0-9._-]+$`) })

// secretRules: the registry's shape rule (any prefix), then ours (the
// prefix is the server's name).
func (l *linter) secretRules() {
	items := mapGet(mapGet(l.root, "config"), "secrets")
	for i, name := range l.s.Secrets {
		field, line := fmt.Sprintf("config.secrets[%d]", i), l.lineOf("config.secrets")
		if items != nil && i < len(items.Content) {
			line = items.Content[i].Line
		}
		switch {
		case !lintSecret().MatchString(name):
			l.addAt(line, "secret-name", field, "%q must look like <prefix>.<name>", name)
			if legacySecretNames[l.s.Name][name] {
				l.grandfather(ExceptionLegacySecretName)
			}
		case !strings.HasPrefix(name, l.s.Name+"."):
			l.addAt(line, "secret-prefix", field, "%q should start with %q", name, l.s.Name+".")
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
			l.addAt(v.Line, "config-env", fmt.Sprintf("config.env[%d].value", i),
				"%q uses a parameter of another server: want {{%s.<parameter>}}", v.Value, l.s.Name)
		}
	}
}

// remoteRules: the registry checks the transport of any entry with a
// remote URL; ours asks a type remote entry for its URL.
func (l *linter) remoteRules() {
	s := l.s
	if s.Type == TypeRemote && (s.Remote == nil || s.Remote.URL == "") {
		l.add("remote-url", "remote.url", "type remote needs remote.url")
	}
	if s.Remote == nil || s.Remote.URL == "" {
		return
	}
	switch s.Remote.TransportType {
	case "stdio", "sse", "streamable-http":
	default:
		l.add("remote-transport", "remote.transport_type", "%q must be stdio, sse or streamable-http", s.Remote.TransportType)
	}
}

func (l *linter) oauthRule() {
	if len(l.s.OAuth) == 0 {
		return
	}
	if !l.dynamicTools() {
		l.add("oauth-dynamic", "oauth", "a server with oauth needs dynamic: {tools: true}")
		if oauthStaticTools[l.s.Name] {
			l.grandfather(ExceptionOAuthDynamicTools)
		}
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
