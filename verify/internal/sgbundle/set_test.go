package sgbundle

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math"
	"testing"

	"github.com/cyberphone/json-canonicalization/go/src/webpki.org/jsoncanonicalizer"
)

// TestSETPayload compares the signed entry timestamp's payload with what
// sigstore-go signs over: json.Marshal of its RekorPayload, canonicalized.
func TestSETPayload(t *testing.T) {
	ints := []int64{0, 1, -1, 1700000000, 1 << 53, 1<<53 + 1, 1<<60 + 12345, math.MaxInt64, math.MinInt64, 999999999999999999}
	for _, n := range ints {
		e := &Entry{Body: []byte(`{"kind":"dsse"}`), IntegratedTime: n, LogIndex: n / 3, LogID: []byte{0xab, 0x01}}
		raw, err := json.Marshal(struct {
			Body           any    `json:"body"`
			IntegratedTime int64  `json:"integratedTime"`
			LogIndex       int64  `json:"logIndex"`
			LogID          string `json:"logID"`
		}{base64.StdEncoding.EncodeToString(e.Body), e.IntegratedTime, e.LogIndex, hex.EncodeToString(e.LogID)})
		if err != nil {
			t.Fatal(err)
		}
		want, err := jsoncanonicalizer.Transform(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.setPayload(); string(got) != string(want) {
			t.Errorf("setPayload(%d) = %s, want %s", n, got, want)
		}
	}
}
