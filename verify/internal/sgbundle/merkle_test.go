package sgbundle

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"

	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

// TestRootFromProof checks every leaf of trees up to 33 leaves against
// the recursive RFC 6962 definitions (verifytest) and transparency-dev's
// verifier (what sigstore-go uses), with the proof intact and tampered.
func TestRootFromProof(t *testing.T) {
	for size := 1; size <= 33; size++ {
		leaves := make([][]byte, size)
		for i := range leaves {
			leaves[i] = make([]byte, 8)
			_, _ = rand.Read(leaves[i])
		}
		root := verifytest.MerkleRoot(leaves)
		for i := range size {
			path := verifytest.AuditPath(i, leaves)
			leaf := leafHash(leaves[i])
			got, err := rootFromProof(uint64(i), uint64(size), leaf, path)
			if err != nil || !bytes.Equal(got, root) {
				t.Fatalf("rootFromProof(%d, %d) = %x, %v, want %x", i, size, got, err, root)
			}
			for _, v := range proofVariants(i, size, leaf, path) {
				ours := inclusionOK(v.index, v.size, v.leaf, v.path, root)
				ref := proof.VerifyInclusion(rfc6962.DefaultHasher, v.index, v.size, v.leaf, v.path, root) == nil
				if ours != ref {
					t.Errorf("size %d leaf %d, %s: ours %v, transparency-dev %v", size, i, v.name, ours, ref)
				}
			}
		}
	}
}

func inclusionOK(index, size uint64, leaf []byte, path [][]byte, root []byte) bool {
	got, err := rootFromProof(index, size, leaf, path)
	return err == nil && bytes.Equal(got, root)
}

type proofVariant struct {
	name        string
	index, size uint64
	leaf        []byte
	path        [][]byte
}

func proofVariants(i, size int, leaf []byte, path [][]byte) []proofVariant {
	idx, sz := uint64(i), uint64(size)
	vs := []proofVariant{
		{"intact", idx, sz, leaf, path},
		{"index+1", idx + 1, sz, leaf, path},
		{"size+1", idx, sz + 1, leaf, path},
		{"size-1", idx, sz - 1, leaf, path},
		{"huge size", idx, ^uint64(0), leaf, path},
		{"other leaf", idx, sz, leafHash([]byte("other")), path},
		{"short leaf", idx, sz, leaf[:31], path},
		{"extra hash", idx, sz, leaf, append(append([][]byte{}, path...), leaf)},
	}
	if len(path) > 0 {
		vs = append(vs, proofVariant{"missing hash", idx, sz, leaf, path[1:]})
	}
	for j := range path {
		p := append([][]byte{}, path...)
		p[j] = append([]byte{}, p[j]...)
		p[j][0] ^= 1
		vs = append(vs, proofVariant{fmt.Sprintf("hash %d flipped", j), idx, sz, leaf, p})
	}
	return vs
}
