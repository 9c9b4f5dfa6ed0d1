package catalog

import "strings"

// Hand-written matchers for the hot syntax checks. Each is equivalent to
// the regular expression in its comment; match_test.go checks that against
// the regexp package on generated strings. They exist because classifying
// 50,000 entries through regexp cost a tenth of a load.

func allBytes(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

func isLowerHexByte(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }
func isLowerAlnum(c byte) bool   { return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' }
func isAlnum(c byte) bool        { return isLowerAlnum(c) || c >= 'A' && c <= 'Z' }

// isCanonicalPin: ^[0-9a-f]{40}$
func isCanonicalPin(s string) bool { return len(s) == 40 && allBytes(s, isLowerHexByte) }

// isRefDigest: ^sha256:[0-9a-f]{64}$
func isRefDigest(s string) bool {
	hex, ok := strings.CutPrefix(s, "sha256:")
	return ok && len(hex) == 64 && allBytes(hex, isLowerHexByte)
}

// isRefTag: ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$
func isRefTag(s string) bool {
	return len(s) >= 1 && len(s) <= 128 && s[0] != '.' && s[0] != '-' &&
		allBytes(s, func(c byte) bool { return isAlnum(c) || c == '_' || c == '.' || c == '-' })
}

// isRefHost: ^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$
func isRefHost(s string) bool {
	host, port, hasPort := strings.Cut(s, ":")
	if hasPort && (len(port) < 1 || len(port) > 5 || !allBytes(port, func(c byte) bool { return c >= '0' && c <= '9' })) {
		return false
	}
	return len(host) > 0 && allBytes(host, func(c byte) bool { return isAlnum(c) || c == '.' || c == '-' })
}

// isRefComponent: ^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$
func isRefComponent(s string) bool {
	if s == "" || !isLowerAlnum(s[0]) || !isLowerAlnum(s[len(s)-1]) {
		return false
	}
	sep := 0 // start of the current separator run, or -1 inside a word
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isLowerAlnum(c):
			if sep >= 0 && i > 0 && !validSeparator(s[sep:i]) {
				return false
			}
			sep = -1
		case c == '.' || c == '_' || c == '-':
			if sep < 0 {
				sep = i
			}
		default:
			return false
		}
	}
	return true
}

func validSeparator(sep string) bool {
	return sep == "." || sep == "_" || sep == "__" || strings.Trim(sep, "-") == ""
}

// isProjectURL: ^https://github\.com/[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$
func isProjectURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://github.com/")
	if !ok {
		return false
	}
	owner, repo, ok := strings.Cut(rest, "/")
	return ok && len(owner) >= 1 && len(owner) <= 39 && len(repo) >= 1 && len(repo) <= 100 &&
		allBytes(owner, func(c byte) bool { return isAlnum(c) || c == '-' }) &&
		allBytes(repo, func(c byte) bool { return isAlnum(c) || c == '.' || c == '_' || c == '-' })
}
