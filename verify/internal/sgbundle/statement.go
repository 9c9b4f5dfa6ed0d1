package sgbundle

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/mcp-trust/mcp-trust/verify/internal/pbjson"
)

// Statement is the in-toto statement a bundle's envelope carries, read as
// protojson reads an in_toto.Statement (as sigstore-go does before it
// accepts a bundle).
type Statement struct {
	Type string
	// PredicateType is the value under the key "predicateType"; the proto
	// spelling "predicate_type" leaves it empty, as encoding/json would.
	PredicateType string
	Subjects      []Subject
}

// Subject is one resource descriptor of the statement's subject.
type Subject struct {
	Digest map[string]string
	// Annotations holds the string-valued annotations.
	Annotations map[string]string
}

// Statement reads the envelope's payload as an in-toto statement.
func (b *Bundle) Statement() (*Statement, error) {
	if b.Envelope.PayloadType != InTotoPayloadType {
		return nil, fmt.Errorf("payload type %q is not an in-toto statement", b.Envelope.PayloadType)
	}
	root, err := pbjson.Parse(b.Envelope.Payload)
	if err != nil {
		return nil, fmt.Errorf("parsing in-toto statement: %w", err)
	}
	m, err := pbjson.Message(root, "statement", "_type|type", "subject", "predicateType|predicate_type", "predicate")
	if err != nil {
		return nil, err
	}
	st := &Statement{}
	if st.Type, err = m.Str("_type"); err != nil {
		return nil, err
	}
	if pt, err := m.Str("predicateType"); err != nil {
		return nil, err
	} else if _, ok := root.Obj["predicateType"]; ok {
		st.PredicateType = pt
	}
	if p, ok := m["predicate"]; ok {
		if err := structValue(p); err != nil {
			return nil, fmt.Errorf("statement predicate: %w", err)
		}
	}
	subs, err := m.List("subject")
	if err != nil {
		return nil, err
	}
	for _, n := range subs {
		s, err := readSubject(n)
		if err != nil {
			return nil, err
		}
		st.Subjects = append(st.Subjects, s)
	}
	return st, nil
}

func readSubject(n *pbjson.Node) (Subject, error) {
	m, err := pbjson.Message(n, "subject", "name", "uri", "digest", "content", "downloadLocation|download_location",
		"mediaType|media_type", "annotations")
	if err != nil {
		return Subject{}, err
	}
	for _, f := range []string{"name", "uri", "downloadLocation", "mediaType"} {
		if _, err := m.Str(f); err != nil {
			return Subject{}, err
		}
	}
	if _, err := m.Bytes("content"); err != nil {
		return Subject{}, err
	}
	s := Subject{Digest: map[string]string{}, Annotations: map[string]string{}}
	if d, ok := m["digest"]; ok {
		if d.Kind != pbjson.Object {
			return Subject{}, errors.New("subject digest is not an object")
		}
		for k, v := range d.Obj {
			if v.Kind != pbjson.String {
				return Subject{}, fmt.Errorf("subject digest %q is not a string", k)
			}
			s.Digest[k] = v.Str
		}
	}
	if a, ok := m["annotations"]; ok {
		if err := structValue(a); err != nil {
			return Subject{}, fmt.Errorf("subject annotations: %w", err)
		}
		for k, v := range a.Obj {
			if v.Kind == pbjson.String {
				s.Annotations[k] = v.Str
			}
		}
	}
	return s, nil
}

// structValue checks n is a google.protobuf.Struct as protojson reads
// one: an object whose numbers, at any depth, fit a float64.
func structValue(n *pbjson.Node) error {
	if n.Kind != pbjson.Object {
		return errors.New("not an object")
	}
	return numbersFit(n)
}

func numbersFit(n *pbjson.Node) error {
	switch n.Kind {
	case pbjson.Number:
		if _, err := strconv.ParseFloat(n.Str, 64); err != nil {
			return fmt.Errorf("number %s: %w", n.Str, err)
		}
	case pbjson.Object:
		for _, v := range n.Obj {
			if err := numbersFit(v); err != nil {
				return err
			}
		}
	case pbjson.Array:
		for _, v := range n.Arr {
			if err := numbersFit(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// sigstore-go's bounds on a statement checked against an artifact digest.
const (
	maxSubjects       = 1024
	maxSubjectDigests = 32
)

// VerifyArtifactDigest is sigstore-go's check of a statement against an
// artifact digest: bounded subjects, every subject digest hex, and one of
// them under alg equal to digest.
func (b *Bundle) VerifyArtifactDigest(alg string, digest []byte) error {
	st, err := b.Statement()
	if err != nil {
		return err
	}
	if len(st.Subjects) > maxSubjects {
		return fmt.Errorf("too many subjects: %d > %d", len(st.Subjects), maxSubjects)
	}
	found := false
	for _, s := range st.Subjects {
		if len(s.Digest) > maxSubjectDigests {
			return fmt.Errorf("too many digests: %d > %d", len(s.Digest), maxSubjectDigests)
		}
		for a, h := range s.Digest {
			raw, err := hex.DecodeString(h)
			if err != nil {
				return fmt.Errorf("decoding subject digest: %w", err)
			}
			found = found || (a == alg && bytes.Equal(raw, digest))
		}
	}
	if !found {
		return errors.New("artifact digest does not match any digest in the statement")
	}
	return nil
}
