package prescan

import (
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// allowEntry is one run.allowHosts entry: a host (or "*" or "*.suffix").
type allowEntry struct{ host string }

func parseAllowHosts(hosts []string) []allowEntry {
	if hosts == nil {
		return nil
	}
	out := make([]allowEntry, 0, len(hosts))
	for _, h := range hosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.HasSuffix(h, "]") {
			h = h[:i] // drop ":443" or ":*"
		}
		out = append(out, allowEntry{host: strings.Trim(h, "[]")})
	}
	return out
}

func (r *scanRun) allowed(host string) bool {
	for _, a := range r.allow {
		switch {
		case a.host == "*" || a.host == host:
			return true
		case strings.HasPrefix(a.host, "*.") && strings.HasSuffix(host, a.host[1:]):
			return true
		}
	}
	return false
}

// hostFindings reports each URL host of a line once per file: low, or high
// when run.allowHosts was given and does not cover it. Loopback, example
// and schema hosts are not outbound and are not reported.
func (r *scanRun) hostFindings(f *fileScan, i, no int, text []byte) {
	c := &r.s.rules[i]
	for _, loc := range c.re.FindAllIndex(text, 16) {
		f.tags |= c.tags
		host, ok := urlHost(string(text[loc[0]:loc[1]]))
		key := host
		if !ok {
			key = "\x00computed"
		}
		if f.hosts == nil {
			f.hosts = map[string]bool{}
		}
		if f.hosts[key] || (ok && benignHost(host)) {
			continue
		}
		f.hosts[key] = true
		sev, msg := c.Severity, "URL with a computed host"
		if ok {
			msg = "outbound host " + host
			if r.allow != nil && !r.allowed(host) {
				sev, msg = risk.High, msg+" not in run.allowHosts"
			}
		}
		r.add(f, i, no, text, loc, sev, msg)
	}
}

// urlHost returns the lowercase host of scheme://[user@]host[:port]/...,
// and false when it is not a literal host name or IP (a template).
func urlHost(u string) (string, bool) {
	_, rest, _ := strings.Cut(u, "://")
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	host := rest
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return "", false
		}
		host = host[1:end]
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "" || strings.Trim(host, "abcdefghijklmnopqrstuvwxyz0123456789.-:") != "" {
		return "", false
	}
	return host, true
}

// benignHost reports hosts that are never outbound destinations.
func benignHost(h string) bool {
	switch h {
	case "localhost", "0.0.0.0", "::1", "::", "w3.org", "www.w3.org", "json-schema.org", "schema.org",
		"example.com", "example.org", "example.net":
		return true
	}
	for _, suffix := range []string{".localhost", ".example", ".test", ".invalid", ".example.com", ".example.org", ".example.net"} {
		if strings.HasSuffix(h, suffix) {
			return true
		}
	}
	return strings.HasPrefix(h, "127.")
}
