package sgbundle

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
)

// setPayload is what a signed entry timestamp signs: the RFC 8785
// canonical JSON of the entry's body (base64), integrated time, log index
// and log ID (hex). The keys are in canonical order; the strings hold only
// base64 and hex characters, so need no escaping; the integers are written
// as RFC 8785 writes numbers, through a float64 as the canonicalizer
// sigstore-go uses reads them.
func (e *Entry) setPayload() []byte {
	return fmt.Appendf(nil, `{"body":"%s","integratedTime":%s,"logID":"%s","logIndex":%s}`,
		base64.StdEncoding.EncodeToString(e.Body), jcsInt(e.IntegratedTime), hex.EncodeToString(e.LogID), jcsInt(e.LogIndex))
}

// jcsInt writes an int64 as RFC 8785 (ECMAScript) writes the float64
// nearest it: below 1e21 that is its shortest round-trip digits, padded
// with zeros, never an exponent.
func jcsInt(n int64) string {
	return strconv.FormatFloat(float64(n), 'f', -1, 64)
}

// verifySET checks the inclusion promise under the log's key.
func (e *Entry) verifySET(lk LogKey) error {
	if err := lk.Verify(e.setPayload(), e.SET); err != nil {
		return fmt.Errorf("verifying signed entry timestamp: %w", err)
	}
	return nil
}
