package sarifcheck

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// uriReference replaces the validator's "uri-reference" check, which takes
// whatever net/url parses (a space, a raw non-ASCII letter), with RFC 3986's
// grammar of characters: unreserved, reserved, and '%' with two hex digits.
// A SARIF artifact location is such a reference, and a file name that
// reaches it unescaped is a bug these tests must catch.
var uriReference = &jsonschema.Format{Name: "uri-reference", Validate: validateURIReference}

const uriChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;="

func validateURIReference(v any) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return fmt.Errorf("%q: '%%' at %d is not followed by two hex digits", s, i)
			}
		case strings.IndexByte(uriChars, c) < 0:
			return fmt.Errorf("%q: byte %#x at %d is not allowed in a URI reference (RFC 3986)", s, c, i)
		}
	}
	_, err := url.Parse(s)
	return err
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
