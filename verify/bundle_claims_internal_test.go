package verify

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	intoto "github.com/in-toto/attestation/go/v1"
	"github.com/sigstore/cosign/v3/pkg/cosign"
	"github.com/sigstore/cosign/v3/pkg/oci/static"
	ctypes "github.com/sigstore/cosign/v3/pkg/types"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/mcp-trust/mcp-trust/verify/internal/sgbundle"
)

// cosignBundleClaims is bundleClaims as it was with cosign's
// IntotoSubjectClaimVerifier: the reference for the claims check.
func (r *run) cosignBundleClaims(payloadType string, payload []byte, digest v1.Hash) (int, error) {
	var st struct {
		PredicateType string `json:"predicateType"`
		Subject       []struct {
			Digest      map[string]string `json:"digest"`
			Annotations map[string]any    `json:"annotations"`
		} `json:"subject"`
	}
	if payloadType != ctypes.IntotoPayloadType || json.Unmarshal(payload, &st) != nil {
		return rankSigned, trustf("bundle payload is not an in-toto statement")
	}
	if st.PredicateType != ctypes.CosignSignPredicateType {
		return rankSigned, trustf("bundle predicate %q is not a cosign signature", st.PredicateType)
	}
	env, _ := json.Marshal(struct {
		PayloadType string `json:"payloadType"`
		Payload     []byte `json:"payload"`
	}{payloadType, payload})
	att, err := static.NewAttestation(env)
	if err != nil {
		return rankSigned, trustf("reading bundle statement: %w", err)
	}
	if err := cosign.IntotoSubjectClaimVerifier(att, digest, nil); err != nil {
		return rankSigned, trustf("bundle is not for %s: %v", digest, err)
	}
	if !r.pinOK {
		return rankAll, nil
	}
	for _, s := range st.Subject {
		if s.Digest[digest.Algorithm] != digest.Hex {
			continue
		}
		rev, ok := s.Annotations[RevisionLabel].(string)
		if !ok {
			return rankReference, trustf("signature has no %s annotation", RevisionLabel)
		}
		if rev != r.p.target.ExpectedCommit {
			return rankReference, trustf("signed revision %q, catalog pins %s", rev, r.p.target.ExpectedCommit)
		}
		return rankAll, nil
	}
	return rankSigned, trustf("bundle is not for %s", digest)
}

// claimStatements are in-toto statements around digest d and revision rev,
// and every value of the first replaced or removed.
func claimStatements(d v1.Hash, rev string) []string {
	subj := func(alg, hex string, ann string) string {
		return fmt.Sprintf(`{"digest":{%q:%q},"annotations":%s}`, alg, hex, ann)
	}
	revAnn := fmt.Sprintf(`{%q:%q}`, RevisionLabel, rev)
	stmt := func(pt string, subjects ...string) string {
		return fmt.Sprintf(`{"_type":"https://in-toto.io/Statement/v1","subject":[%s],"predicateType":%q,"predicate":{}}`,
			strings.Join(subjects, ","), pt)
	}
	const pt = "https://sigstore.dev/cosign/sign/v1"
	base := stmt(pt, subj("sha256", d.Hex, revAnn))
	out := []string{
		base,
		stmt(pt, subj("sha256", d.Hex, `{"`+RevisionLabel+`":"other"}`)),
		stmt(pt, subj("sha256", d.Hex, `{}`)),
		stmt(pt, subj("sha256", d.Hex, `{"`+RevisionLabel+`":1}`)),
		stmt("https://slsa.dev/provenance/v1", subj("sha256", d.Hex, revAnn)),
		strings.Replace(base, `"predicateType"`, `"predicate_type"`, 1),
		stmt(pt, subj("sha256", strings.Repeat("cd", 32), revAnn)),
		stmt(pt, subj("sha256", strings.ToUpper(d.Hex), revAnn)),
		stmt(pt, subj("sha512", d.Hex, revAnn)),
		stmt(pt, subj("sha256", strings.Repeat("cd", 32), revAnn), subj("sha256", d.Hex, `{}`)),
		stmt(pt, subj("sha256", d.Hex, `{}`), subj("sha256", d.Hex, revAnn)),
		stmt(pt),
	}
	var m jsonObj
	_ = json.Unmarshal([]byte(base), &m)
	for _, p := range leafPaths(m, nil)[1:] {
		for _, r := range append([]any{"SHA256", d.Hex, rev}, replacements...) {
			raw, _ := json.Marshal(setPath(m, p, r, false))
			out = append(out, string(raw))
		}
		raw, _ := json.Marshal(setPath(m, p, nil, true))
		out = append(out, string(raw))
	}
	return out
}

// TestBundleClaimsMatchCosign: on every statement a bundle can carry (one
// protojson reads, as the signature stage requires), bundleClaims reaches
// the rank and verdict of the cosign-based check it replaces.
func TestBundleClaimsMatchCosign(t *testing.T) {
	d, err := v1.NewHash("sha256:" + strings.Repeat("ab", 32))
	if err != nil {
		t.Fatal(err)
	}
	const rev = "1111111111111111111111111111111111111111"
	n := 0
	for _, st := range claimStatements(d, rev) {
		if protojson.Unmarshal([]byte(st), &intoto.Statement{}) != nil {
			continue
		}
		n++
		for _, pinOK := range []bool{true, false} {
			r := &run{pinOK: pinOK, p: &plan{target: Target{ExpectedCommit: rev}}}
			b := &sgbundle.Bundle{Envelope: sgbundle.Envelope{PayloadType: sgbundle.InTotoPayloadType, Payload: []byte(st)}}
			gotRank, gotErr := r.bundleClaims(b, d)
			wantRank, wantErr := r.cosignBundleClaims(sgbundle.InTotoPayloadType, []byte(st), d)
			if gotRank != wantRank || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("pinOK %v, %s:\nbundleClaims = %d, %v\ncosign's     = %d, %v", pinOK, st, gotRank, gotErr, wantRank, wantErr)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d statements compared", n)
	}
}
