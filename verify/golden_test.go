package verify_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/mcp-trust/mcp-trust/verify"

	"github.com/charmbracelet/x/exp/golden"
)

var digestRE = regexp.MustCompile(`sha256[:-][0-9a-f]{64}`)

// normalise makes a result's JSON stable: the registry's random port and
// the random images' digests are replaced by names in order of appearance.
func normalise(js []byte, host string) []byte {
	js = regexp.MustCompile(regexp.QuoteMeta(host)).ReplaceAll(js, []byte("registry.test:5000"))
	seen := map[string]string{}
	return digestRE.ReplaceAllFunc(js, func(d []byte) []byte {
		hex := string(d[7:])
		n, ok := seen[hex]
		if !ok {
			n = fmt.Sprintf("%064d", len(seen)+1)
			seen[hex] = n
		}
		return append(d[:7:7], n...)
	})
}

// TestResultJSONGolden pins the --format json contract.
func TestResultJSONGolden(t *testing.T) {
	tests := []struct {
		name  string
		setup func(f *fixture) verify.Target
		opts  []verify.Option
	}{
		{name: "verified", setup: func(f *fixture) verify.Target {
			d := f.push("a", pinA)
			f.sign("a", d, pinA)
			tg := f.target("a", pinA)
			tg.CatalogDigest = d
			return tg
		}},
		{name: "failed-index", setup: func(f *fixture) verify.Target {
			d, _ := f.pushIndex("a", platforms(pinA, pinB), true)
			f.sign("a", d, pinA)
			return f.target("a", pinA)
		}},
		{name: "provenance", setup: func(f *fixture) verify.Target {
			d := f.attestedIndex(f.t, "a")
			f.sign("a", d, pinA)
			tg := f.target("a", pinA)
			tg.SourceRepo = sourceRepo
			return tg
		}},
		{name: "not-enforceable", setup: func(f *fixture) verify.Target {
			f.push("a", "")
			tg := f.target("a", "")
			tg.Enforce = false
			return tg
		}, opts: []verify.Option{verify.WithInsecureIgnoreTlog()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			res := run(t, f.verifier(tt.opts...), tt.setup(f))
			js, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got := append(normalise(js, f.reg.Host), '\n')
			golden.RequireEqual(t, got)
		})
	}
}
