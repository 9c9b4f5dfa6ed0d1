package verifytest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"

	"github.com/sigstore/rekor/pkg/util"
)

// Merkle trees as RFC 6962 section 2.1 defines them, written from the
// recursive definitions (MTH and PATH) so that they are independent of
// the iterative proof check under test.

// LeafHash is MTH of a one-leaf tree: SHA-256(0x00 || leaf).
func LeafHash(leaf []byte) []byte {
	h := sha256.Sum256(append([]byte{0}, leaf...))
	return h[:]
}

func nodeHash(l, r []byte) []byte {
	h := sha256.Sum256(append(append([]byte{1}, l...), r...))
	return h[:]
}

// split is the largest power of two smaller than n (n > 1).
func split(n int) int {
	k := 1
	for k*2 < n {
		k *= 2
	}
	return k
}

// MerkleRoot is MTH(leaves).
func MerkleRoot(leaves [][]byte) []byte {
	if len(leaves) == 1 {
		return LeafHash(leaves[0])
	}
	k := split(len(leaves))
	return nodeHash(MerkleRoot(leaves[:k]), MerkleRoot(leaves[k:]))
}

// AuditPath is PATH(m, leaves): the inclusion proof of leaf m.
func AuditPath(m int, leaves [][]byte) [][]byte {
	if len(leaves) == 1 {
		return nil
	}
	k := split(len(leaves))
	if m < k {
		return append(AuditPath(m, leaves[:k]), MerkleRoot(leaves[k:]))
	}
	return append(AuditPath(m-k, leaves[k:]), MerkleRoot(leaves[:k]))
}

// treeWith is a log of size leaves holding body at index, the other leaves
// random: a tree with a real audit path.
func treeWith(body []byte, index, size int64) ([][]byte, error) {
	if index < 0 || index >= size {
		return nil, fmt.Errorf("index %d outside tree of size %d", index, size)
	}
	leaves := make([][]byte, size)
	for i := range leaves {
		if int64(i) == index {
			leaves[i] = body
			continue
		}
		leaves[i] = make([]byte, 16)
		if _, err := rand.Read(leaves[i]); err != nil {
			return nil, err
		}
	}
	return leaves, nil
}

// Checkpoint is the log's signed tree head for a tree of size leaves with
// root hash root, as Rekor v1 writes it (origin "rekor.localhost - 1").
func (r *Rekor) Checkpoint(size uint64, root []byte) (string, error) {
	cp, err := util.CreateAndSignCheckpoint(context.Background(), "rekor.localhost", 1, size, root, r.Key.signer)
	if err != nil {
		return "", fmt.Errorf("signing checkpoint: %w", err)
	}
	return string(cp), nil
}
