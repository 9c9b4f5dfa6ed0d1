// Package simplesigning is the one home of cosign's simple-signing payload
// (sigstore's payload.SimpleContainerImage): its type string, the revision
// annotation, the shape verify reads, and the encoder that writes the
// exact bytes `cosign sign` signs. Standard library only: verify and the
// demo signer both use it.
package simplesigning
