package verify

import (
	"bytes"
	_ "embed" // the public keys below are facts compiled into the binary
)

// The keys are embedded so verification never fetches its trust root at run
// time (THREATS C8). They stay unexported: callers get copies, so nothing can
// change what every later Verifier trusts.
var (
	//go:embed keys/docker-mcp-latest.pub
	dockerMCPKey []byte

	//go:embed keys/sigstore-rekor-public-good.pub
	rekorPublicGoodKey []byte

	//go:embed keys/sigstore-trusted-root-public-good.json
	sigstoreTrustedRoot []byte
)

// DockerMCPKey returns the PEM public key that signs Docker's mcp/* images
// (docker/keyring public/mcp/latest.pub).
func DockerMCPKey() []byte { return bytes.Clone(dockerMCPKey) }

// RekorPublicGoodKey returns the PEM public key of the Sigstore public-good
// Rekor log (rekor.sigstore.dev).
func RekorPublicGoodKey() []byte { return bytes.Clone(rekorPublicGoodKey) }

// SigstoreTrustedRoot returns the Sigstore public-good trusted_root.json. Its
// Rekor entry carries the log key's validity window, which the tlog check
// enforces; it is the default trust root for transparency-log proofs.
func SigstoreTrustedRoot() []byte { return bytes.Clone(sigstoreTrustedRoot) }
