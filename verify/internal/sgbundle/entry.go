package sgbundle

import (
	"errors"
	"fmt"
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

// HasPromise reports whether the entry carries a signed entry timestamp.
func (e *Entry) HasPromise() bool { return len(e.SET) > 0 }

// parseEntry reads a TransparencyLogEntry as sigstore-go's
// ParseTransparencyLogEntry does, and its body as a dsse v0.0.1 entry.
func parseEntry(n *node) (Entry, error) {
	m, err := message(n, "tlog entry", "logIndex|log_index", "logId|log_id", "kindVersion|kind_version",
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

func (e *Entry) readFields(m msg) error {
	var err error
	if e.LogIndex, err = m.int64("logIndex"); err != nil {
		return err
	}
	if e.IntegratedTime, err = m.int64("integratedTime"); err != nil {
		return err
	}
	if e.Body, err = m.bytes("canonicalizedBody"); err != nil {
		return err
	}
	id, err := m.sub("logId", "keyId|key_id")
	if err != nil {
		return err
	}
	kv, err := m.sub("kindVersion", "kind", "version")
	if err != nil {
		return err
	}
	if e.Body == nil || e.LogIndex < 0 || id == nil || kv == nil {
		return errNil
	}
	if e.LogID, err = id.bytes("keyId"); err != nil {
		return err
	}
	if len(e.LogID) == 0 { // protojson leaves empty bytes unset
		return errNil
	}
	if e.Kind, err = kv.str("kind"); err != nil {
		return err
	}
	if e.Version, err = kv.str("version"); err != nil {
		return err
	}
	if err := e.readPromise(m); err != nil {
		return err
	}
	return e.readProof(m)
}

func (e *Entry) readPromise(m msg) error {
	p, err := m.sub("inclusionPromise", "signedEntryTimestamp|signed_entry_timestamp")
	if err != nil || p == nil {
		return err
	}
	e.SET, err = p.bytes("signedEntryTimestamp")
	return err
}

func (e *Entry) readProof(m msg) error {
	p, err := m.sub("inclusionProof", "logIndex|log_index", "rootHash|root_hash", "treeSize|tree_size", "hashes", "checkpoint")
	if err != nil || p == nil {
		return err
	}
	pr := &Proof{}
	if pr.LogIndex, err = p.int64("logIndex"); err != nil {
		return err
	}
	if pr.TreeSize, err = p.int64("treeSize"); err != nil {
		return err
	}
	if pr.RootHash, err = p.bytes("rootHash"); err != nil {
		return err
	}
	hashes, err := p.list("hashes")
	if err != nil {
		return err
	}
	for _, h := range hashes {
		if h.kind != 's' {
			return errors.New("inclusion proof hash is not a string")
		}
		b, err := decodeBytes(h.str)
		if err != nil {
			return err
		}
		pr.Hashes = append(pr.Hashes, b)
	}
	cp, err := p.sub("checkpoint", "envelope")
	if err != nil {
		return err
	}
	if cp == nil {
		return errors.New("inclusion proof missing required checkpoint")
	}
	if pr.Checkpoint, err = cp.str("envelope"); err != nil {
		return err
	}
	if pr.Checkpoint == "" {
		return errors.New("inclusion proof checkpoint empty")
	}
	e.Proof = pr
	return nil
}
