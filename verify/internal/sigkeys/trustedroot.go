package sigkeys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/mcp-trust/mcp-trust/verify/internal/pbjson"
)

// trustedRootMediaType is the one trusted_root.json version sigstore-go reads.
const trustedRootMediaType = "application/vnd.dev.sigstore.trustedroot+json;version=0.1"

// The fields of the trusted root's messages, by JSON and proto name.
var (
	rootFields = []string{"mediaType|media_type", "tlogs", "certificateAuthorities|certificate_authorities", "ctlogs",
		"timestampAuthorities|timestamp_authorities"}
	tlogFields = []string{"baseUrl|base_url", "hashAlgorithm|hash_algorithm", "publicKey|public_key", "logId|log_id",
		"checkpointKeyId|checkpoint_key_id", "operator"}
	keyFields   = []string{"rawBytes|raw_bytes", "keyDetails|key_details", "validFor|valid_for"}
	rangeFields = []string{"start", "end"}
	logIDFields = []string{"keyId|key_id"}
	caFields    = []string{"subject", "uri", "certChain|cert_chain", "validFor|valid_for", "operator"}
	dnFields    = []string{"organization", "commonName|common_name"}
	chainFields = []string{"certificates"}
	certFields  = []string{"rawBytes|raw_bytes"}
)

// hashAlgorithms are the HashAlgorithm enum values of protobuf-specs.
var hashAlgorithms = map[string]int32{
	"HASH_ALGORITHM_UNSPECIFIED": 0, "SHA2_256": 1, "SHA2_384": 2, "SHA2_512": 3, "SHA3_256": 4, "SHA3_384": 5,
}

// The PublicKeyDetails values sigstore-go reads a log key under.
const (
	pkcs1RSAPKCS1v5 = 1
	ecdsaP256SHA256 = 5
	ed25519Key      = 7
	rsa2048SHA256   = 9
	rsa3072SHA256   = 10
	rsa4096SHA256   = 11
	ecdsaP384SHA384 = 12
	ecdsaP521SHA512 = 13
)

// keyDetails are the PublicKeyDetails enum values of protobuf-specs.
var keyDetails = map[string]int32{
	"PUBLIC_KEY_DETAILS_UNSPECIFIED": 0, "PKCS1_RSA_PKCS1V5": 1, "PKCS1_RSA_PSS": 2, "PKIX_RSA_PKCS1V5": 3,
	"PKIX_RSA_PSS": 4, "PKIX_ECDSA_P256_SHA_256": 5, "PKIX_ECDSA_P256_HMAC_SHA_256": 6, "PKIX_ED25519": 7,
	"PKIX_ED25519_PH": 8, "PKIX_RSA_PKCS1V15_2048_SHA256": 9, "PKIX_RSA_PKCS1V15_3072_SHA256": 10,
	"PKIX_RSA_PKCS1V15_4096_SHA256": 11, "PKIX_ECDSA_P384_SHA_384": 12, "PKIX_ECDSA_P521_SHA_512": 13,
	"LMS_SHA256": 14, "LMOTS_SHA256": 15, "PKIX_RSA_PSS_2048_SHA256": 16, "PKIX_RSA_PSS_3072_SHA256": 17,
	"PKIX_RSA_PSS_4096_SHA256": 18, "PKIX_ECDSA_P384_SHA_256": 19, "PKIX_ECDSA_P521_SHA_256": 20,
	"ML_DSA_65": 21, "ML_DSA_87": 22, "ML_DSA_44": 23,
}

// LogKeysFromTrustedRoot reads the Rekor logs of a Sigstore
// trusted_root.json with their validity windows. It refuses what
// sigstore-go's root.NewTrustedRootFromJSON refuses: another media type, an
// unknown field, a log (Rekor or CT) whose hash, ID, key or window is
// missing or unsupported, a certificate authority whose chain is empty or
// does not parse.
func LogKeysFromTrustedRoot(jsonBytes []byte) (*LogKeys, error) {
	root, err := pbjson.Parse(jsonBytes)
	if err != nil {
		return nil, fmt.Errorf("parsing trusted root: %w", err)
	}
	f, err := pbjson.Message(root, "root", rootFields...)
	if err != nil {
		return nil, fmt.Errorf("parsing trusted root: %w", err)
	}
	if mt, err := f.Str("mediaType"); err != nil || mt != trustedRootMediaType {
		return nil, fmt.Errorf("parsing trusted root: unsupported media type %q", mt)
	}
	logs, err := parseLogs(f, "tlogs")
	if err != nil {
		return nil, fmt.Errorf("parsing trusted root: %w", err)
	}
	for _, name := range []string{"certificateAuthorities", "timestampAuthorities"} {
		if err := checkAuthorities(f, name); err != nil {
			return nil, fmt.Errorf("parsing trusted root %s: %w", name, err)
		}
	}
	if _, err := parseLogs(f, "ctlogs"); err != nil {
		return nil, fmt.Errorf("parsing trusted root ctlogs: %w", err)
	}
	return &LogKeys{logs: logs}, nil
}

// parseLogs reads transparency log instances by hex log ID; a later
// instance with the same ID replaces an earlier one, as in sigstore-go.
func parseLogs(f pbjson.Msg, field string) (map[string]logKey, error) {
	items, err := f.List(field)
	if err != nil {
		return nil, err
	}
	logs := map[string]logKey{}
	for _, it := range items {
		id, lk, err := parseLog(it)
		if err != nil {
			return nil, err
		}
		logs[id] = lk
	}
	return logs, nil
}

func parseLog(n *pbjson.Node) (string, logKey, error) {
	f, err := pbjson.Message(n, "tlog", tlogFields...)
	if err != nil {
		return "", logKey{}, err
	}
	for _, s := range []string{"baseUrl", "operator"} {
		if _, err := f.Str(s); err != nil {
			return "", logKey{}, err
		}
	}
	if _, err := logKeyID(f, "checkpointKeyId"); err != nil {
		return "", logKey{}, err
	}
	if h, err := f.Enum("hashAlgorithm", hashAlgorithms); err != nil || h != 1 {
		return "", logKey{}, fmt.Errorf("unsupported tlog hash algorithm %d: %v", h, err)
	}
	if f["logId"] == nil {
		return "", logKey{}, errors.New("tlog missing log ID")
	}
	id, err := logKeyID(f, "logId")
	if err != nil {
		return "", logKey{}, err
	}
	if len(id) == 0 { // proto3 bytes: empty is unset
		return "", logKey{}, errors.New("tlog missing log ID key ID")
	}
	lk, err := parseLogKey(f)
	return hex.EncodeToString(id), lk, err
}

// logKeyID reads a LogId message field; unset is nil.
func logKeyID(f pbjson.Msg, field string) ([]byte, error) {
	id, err := f.Sub(field, logIDFields...)
	if err != nil {
		return nil, err
	}
	return id.Bytes("keyId")
}

// parseLogKey reads a log's public key and its validity window.
func parseLogKey(tlog pbjson.Msg) (logKey, error) {
	if tlog["publicKey"] == nil {
		return logKey{}, errors.New("tlog missing public key")
	}
	f, err := tlog.Sub("publicKey", keyFields...)
	if err != nil {
		return logKey{}, err
	}
	der, err := f.Bytes("rawBytes")
	if err != nil {
		return logKey{}, err
	}
	if der == nil {
		return logKey{}, errors.New("tlog missing public key raw bytes")
	}
	details, err := f.Enum("keyDetails", keyDetails)
	if err != nil {
		return logKey{}, err
	}
	k, err := logPublicKey(details, der)
	if err != nil {
		return logKey{}, err
	}
	if f["validFor"] == nil {
		return logKey{}, errors.New("tlog missing public key validity period")
	}
	start, end, err := timeRange(f, "validFor")
	if err != nil {
		return logKey{}, err
	}
	if start == nil {
		return logKey{}, errors.New("tlog missing public key validity period start time")
	}
	lk := logKey{key: k, start: *start, sigHash: signatureHash(k.Public())}
	if end != nil {
		lk.end = *end
	}
	return lk, nil
}

// logPublicKey parses a log key as its details say, refusing a key of
// another type than they name.
func logPublicKey(details int32, der []byte) (*PublicKey, error) {
	var pub any
	var err error
	var ok bool
	switch details {
	case ecdsaP256SHA256, ecdsaP384SHA384, ecdsaP521SHA512:
		pub, err = x509.ParsePKIXPublicKey(der)
		_, ok = pub.(*ecdsa.PublicKey)
	case rsa2048SHA256, rsa3072SHA256, rsa4096SHA256:
		pub, err = x509.ParsePKIXPublicKey(der)
		_, ok = pub.(*rsa.PublicKey)
	case ed25519Key:
		pub, err = x509.ParsePKIXPublicKey(der)
		_, ok = pub.(ed25519.PublicKey)
	case pkcs1RSAPKCS1v5:
		pub, err = x509.ParsePKCS1PublicKey(der)
		ok = err == nil
	default:
		return nil, fmt.Errorf("unsupported tlog public key type %d", details)
	}
	if err != nil {
		return nil, fmt.Errorf("parsing tlog public key: %w", err)
	}
	if !ok {
		return nil, fmt.Errorf("tlog public key is a %T, not the type its details name", pub)
	}
	return fromPublic(pub)
}

// timeRange reads a TimeRange field; an unset bound is nil.
func timeRange(f pbjson.Msg, field string) (start, end *time.Time, err error) {
	r, err := f.Sub(field, rangeFields...)
	if err != nil {
		return nil, nil, err
	}
	if start, err = r.Timestamp("start"); err != nil {
		return nil, nil, err
	}
	if end, err = r.Timestamp("end"); err != nil {
		return nil, nil, err
	}
	return start, end, nil
}
