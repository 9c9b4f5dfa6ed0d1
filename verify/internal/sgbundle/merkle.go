package sgbundle

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/bits"
)

// RFC 6962 hashes: a leaf and an interior node of the log's Merkle tree.
func leafHash(data []byte) []byte {
	h := sha256.Sum256(append([]byte{0}, data...))
	return h[:]
}

func nodeHash(l, r []byte) []byte {
	h := sha256.New()
	h.Write([]byte{1})
	h.Write(l)
	h.Write(r)
	return h.Sum(nil)
}

// rootFromProof computes the root of a tree of size leaves from the hash
// of the leaf at index and its audit path (RFC 9162 2.1.3.2): the path's
// first part climbs the subtree the leaf shares with the last leaf, the
// rest joins the complete subtrees on the left.
func rootFromProof(index, size uint64, leaf []byte, path [][]byte) ([]byte, error) {
	if index >= size {
		return nil, fmt.Errorf("index %d is beyond tree size %d", index, size)
	}
	if len(leaf) != sha256.Size {
		return nil, errors.New("leaf hash has the wrong size")
	}
	inner := bits.Len64(index ^ (size - 1))
	border := bits.OnesCount64(index >> uint(inner))
	if len(path) != inner+border {
		return nil, fmt.Errorf("inclusion proof has %d hashes, want %d", len(path), inner+border)
	}
	h := leaf
	for i, p := range path[:inner] {
		if (index>>uint(i))&1 == 0 {
			h = nodeHash(h, p)
		} else {
			h = nodeHash(p, h)
		}
	}
	for _, p := range path[inner:] {
		h = nodeHash(p, h)
	}
	return h, nil
}

// verifyInclusion checks the entry's body is in the tree whose root the
// log signed in the proof's checkpoint. Only Rekor v1 checkpoints (origin
// "<host> - <tree ID>") are taken: sigstore-go would check any other
// against a Rekor v2 entry hash, which no dsse v0.0.1 entry has.
func (e *Entry) verifyInclusion(lk LogKey) error {
	p := e.Proof
	if !rekorV1Checkpoint(p.Checkpoint) {
		return errors.New("checkpoint is not a Rekor v1 signed tree head")
	}
	root, err := rootFromProof(uint64(p.LogIndex), uint64(p.TreeSize), leafHash(e.Body), p.Hashes)
	if err != nil {
		return fmt.Errorf("verifying inclusion proof: %w", err)
	}
	if !bytes.Equal(root, p.RootHash) {
		return errors.New("verifying inclusion proof: calculated root does not match the proof's root hash")
	}
	return verifyCheckpoint(p.Checkpoint, p.RootHash, lk)
}
