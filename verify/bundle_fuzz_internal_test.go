package verify

import (
	"encoding/json"
	"testing"
)

// FuzzBundleNeverLaxer: whatever the bundle bytes, sgbundle accepts no
// more than cosign's VerifyNewBundle, at the signature stage and with the
// transparency log. (It may accept less: see sgbundle's doc.)
func FuzzBundleNeverLaxer(f *testing.F) {
	e := newDiffEnv(f)
	for _, size := range []int64{1, 3} {
		raw, err := json.Marshal(e.bundle(f, e.key, e.rekor, size-1, size))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		ours, ourErr := ourVerdict(raw, e.sv, e.tm, e.digest)
		ref, refErr := cosignVerdict(raw, e.sv, e.tm, e.digest)
		if (ours.sig && !ref.sig) || (ours.tlog && !ref.tlog) {
			t.Errorf("sgbundle accepts %+v where cosign gives %+v: %v / %v\n%s", ours, ref, ourErr, refErr, raw)
		}
	})
}
