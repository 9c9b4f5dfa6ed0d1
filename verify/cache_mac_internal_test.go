package verify

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"testing"
)

// The MAC moved to internal/machinekey without changing: an entry sealed
// before (HMAC over the length-prefixed, joined parts) still opens, so an
// upgrade keeps the verdict cache warm.
func TestEntryMACUnchanged(t *testing.T) {
	mk := bytes.Repeat([]byte{9}, 32)
	key, data := "ab12", []byte(`{"verdict":"verified"}`)
	m := hmac.New(sha256.New, mk)
	m.Write(bytesJoin([][]byte{[]byte("mcptrust verdict cache v1"), []byte(key), data}))
	if !hmac.Equal(entryMAC(mk, key, data), m.Sum(nil)) {
		t.Fatal("entryMAC differs from the MAC entries were sealed with")
	}
	if got, ok := openEntry(mk, key, sealEntry(mk, key, data)); !ok || !bytes.Equal(got, data) {
		t.Fatalf("openEntry(sealEntry) = %q, %v", got, ok)
	}
}
