package sgbundle

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"math/big"
)

// keyFingerprint is the key ID the DSSE library sigstore-go uses gives a
// key: the SHA-256 fingerprint of its SSH wire encoding, "SHA256:<base64>".
// It is "" for a key SSH cannot encode, which then matches any key ID.
func keyFingerprint(der []byte) string {
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return ""
	}
	var w []byte
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		name := map[elliptic.Curve]string{elliptic.P256(): "nistp256", elliptic.P384(): "nistp384", elliptic.P521(): "nistp521"}[k.Curve]
		pt, err := k.ECDH()
		if name == "" || err != nil {
			return ""
		}
		w = sshString(sshString(sshString(nil, []byte("ecdsa-sha2-"+name)), []byte(name)), pt.Bytes())
	case ed25519.PublicKey:
		w = sshString(sshString(nil, []byte("ssh-ed25519")), k)
	case *rsa.PublicKey:
		w = sshString(sshString(sshString(nil, []byte("ssh-rsa")), mpint(big.NewInt(int64(k.E)))), mpint(k.N))
	default:
		return ""
	}
	sum := sha256.Sum256(w)
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
}

func sshString(b, s []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// mpint is SSH's encoding of a non-negative integer: big-endian, with a
// leading zero byte when the top bit is set.
func mpint(n *big.Int) []byte {
	b := n.Bytes()
	if len(b) > 0 && b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return b
}
