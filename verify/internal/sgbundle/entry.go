package sgbundle

import (
	"errors"
	"fmt"

	"github.com/mcp-trust/mcp-trust/verify/internal/pbjson"
)

// Entry is one Rekor v1 transparency-log entry of a bundle.
type Entry struct {
	LogIndex       int64
	LogID          []byte
	Kind, Version  string
	IntegratedTime int64
	SET            []byte // the inclusion promise; empty if none
	Proof          *Proof
	Body           []byte // the canonicalized body, as logged
	body           dsseBody
}

// Proof is an entry's inclusion proof and the checkpoint it ends in.
type Proof struct {
	LogIndex, TreeSize int64
	RootHash           []byte
	Hashes             [][]byte
	Checkpoint         string
}

// errNil is a required part of a log entry missing (sigstore-go's
// ErrNilValue).
var errNil = errors.New("nil value in transparency log entry")

// HasPromise reports whether the entry carries a signed entry timestamp.
func (e *Entry) HasPromise() bool { return len(e.SET) > 0 }

// parseEntry reads a TransparencyLogEntry as sigstore-go's
// ParseTransparencyLogEntry does, and its body as a dsse v0.0.1 entry.
func parseEntry(n *pbjson.Node) (Entry, error) {
	m, err := pbjson.Message(n, "tlog entry", "logIndex|log_index", "logId|log_id", "kindVersion|kind_version",
		"integratedTime|integrated_time", "inclusionPromise|inclusion_promise", "inclusionProof|inclusion_proof",
		"canonicalizedBody|canonicalized_body")
	if err != nil {
		return Entry{}, err
	}
	var e Entry
	if err := e.readFields(m); err != nil {
		return Entry{}, err
	}
	if e.body, err = parseDSSEBody(e.Body); err != nil {
		return Entry{}, fmt.Errorf("reading entry body: %w", err)
	}
	if e.Kind != "dsse" || e.Version != dsseVersion {
		return Entry{}, fmt.Errorf("kind and version %s/%s do not match the body's dsse/%s", e.Kind, e.Version, dsseVersion)
	}
	return e, nil
}

func (e *Entry) readFields(m pbjson.Msg) error {
	var err error
	if e.LogIndex, err = m.Int64("logIndex"); err != nil {
		return err
	}
	if e.IntegratedTime, err = m.Int64("integratedTime"); err != nil {
		return err
	}
	if e.Body, err = m.Bytes("canonicalizedBody"); err != nil {
		return err
	}
	id, err := m.Sub("logId", "keyId|key_id")
	if err != nil {
		return err
	}
	kv, err := m.Sub("kindVersion", "kind", "version")
	if err != nil {
		return err
	}
	if e.Body == nil || e.LogIndex < 0 || id == nil || kv == nil {
		return errNil
	}
	if e.LogID, err = id.Bytes("keyId"); err != nil {
		return err
	}
	if len(e.LogID) == 0 { // protojson leaves empty bytes unset
		return errNil
	}
	if e.Kind, err = kv.Str("kind"); err != nil {
		return err
	}
	if e.Version, err = kv.Str("version"); err != nil {
		return err
	}
	if err := e.readPromise(m); err != nil {
		return err
	}
	return e.readProof(m)
}

func (e *Entry) readPromise(m pbjson.Msg) error {
	p, err := m.Sub("inclusionPromise", "signedEntryTimestamp|signed_entry_timestamp")
	if err != nil || p == nil {
		return err
	}
	e.SET, err = p.Bytes("signedEntryTimestamp")
	return err
}

func (e *Entry) readProof(m pbjson.Msg) error {
	p, err := m.Sub("inclusionProof", "logIndex|log_index", "rootHash|root_hash", "treeSize|tree_size", "hashes", "checkpoint")
	if err != nil || p == nil {
		return err
	}
	pr := &Proof{}
	if pr.LogIndex, err = p.Int64("logIndex"); err != nil {
		return err
	}
	if pr.TreeSize, err = p.Int64("treeSize"); err != nil {
		return err
	}
	if pr.RootHash, err = p.Bytes("rootHash"); err != nil {
		return err
	}
	hashes, err := p.List("hashes")
	if err != nil {
		return err
	}
	for _, h := range hashes {
		if h.Kind != pbjson.String {
			return errors.New("inclusion proof hash is not a string")
		}
		b, err := pbjson.DecodeBytes(h.Str)
		if err != nil {
			return err
		}
		pr.Hashes = append(pr.Hashes, b)
	}
	cp, err := p.Sub("checkpoint", "envelope")
	if err != nil {
		return err
	}
	if cp == nil {
		return errors.New("inclusion proof missing required checkpoint")
	}
	if pr.Checkpoint, err = cp.Str("envelope"); err != nil {
		return err
	}
	if pr.Checkpoint == "" {
		return errors.New("inclusion proof checkpoint empty")
	}
	e.Proof = pr
	return nil
}
