package catalog

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// The hand-written matchers against the regular expressions they replace,
// on edge cases and on random strings over each pattern's alphabet.
func TestMatchersAgreeWithRegexps(t *testing.T) {
	tests := []struct {
		name     string
		re       *regexp.Regexp
		fn       func(string) bool
		alphabet string
		prefix   string
	}{
		{"pin", regexp.MustCompile(`^[0-9a-f]{40}$`), isCanonicalPin, "0123456789abcdefAF g", ""},
		{"digest", regexp.MustCompile(`^sha256:[0-9a-f]{64}$`), isRefDigest, "0123456789abcdefA:", "sha256:"},
		{"tag", regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`), isRefTag, "aZ9_.-:/ ", ""},
		{"host", regexp.MustCompile(`^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$`), isRefHost, "aZ9.-:_/", ""},
		{"component", regexp.MustCompile(`^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$`), isRefComponent, "ab9._-A/", ""},
		{"project", regexp.MustCompile(`^https://github\.com/[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$`), isProjectURL, "aZ9-._/:@", "https://github.com/"},
	}
	edges := []string{"", "a", "-", ".", "_", "a__b", "a___b", "a._b", "a--b", "a-", "a.b.c", "x:", "x:123456", "x:0",
		strings.Repeat("a", 40), strings.Repeat("a", 128), strings.Repeat("a", 129), "https://github.com/a/b", "https://github.com//b"}
	rng := rand.New(rand.NewSource(1))
	for _, tt := range tests {
		inputs := append([]string{}, edges...)
		for i := 0; i < 20000; i++ {
			b := []byte(tt.prefix)
			for n := rng.Intn(70); n > 0; n-- {
				b = append(b, tt.alphabet[rng.Intn(len(tt.alphabet))])
			}
			inputs = append(inputs, string(b))
		}
		inputs = append(inputs, tt.prefix+strings.Repeat("a", 40), tt.prefix+strings.Repeat("0", 64), tt.prefix+"o/r")
		for _, in := range inputs {
			if got, want := tt.fn(in), tt.re.MatchString(in); got != want {
				t.Errorf("%s matcher(%q) = %v, regexp says %v", tt.name, in, got, want)
			}
		}
	}
}
