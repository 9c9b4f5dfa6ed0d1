package verify

import (
	"strings"
	"testing"

	"github.com/sigstore/sigstore-go/pkg/root"
)

func setField(path []string, v any) func(*testing.T, *diffEnv, jsonObj) {
	return func(_ *testing.T, _ *diffEnv, m jsonObj) {
		en := entry(m)
		obj(en, path[:len(path)-1]...)[path[len(path)-1]] = v
	}
}

func tlogCases() []diffCase {
	return []diffCase{
		{name: "entry in a tree of 7 at index 5", make: inTree(5, 7, nothing), want: pass},
		{name: "entry in a tree of 8 at index 0", make: inTree(0, 8, nothing), want: pass},
		{name: "entry in a tree of 2 at index 1", make: inTree(1, 2, nothing), want: pass},
		{name: "SET by another log key", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			relog(t, m, e.otherLog)
		}), want: sigOnly},
		{name: "logged by another log", make: func(t *testing.T, e *diffEnv) jsonObj {
			return e.bundle(t, e.key, e.otherLog, 0, 1)
		}, want: sigOnly},
		{name: "wrong logID", make: valid(setField([]string{"logId", "keyId"}, b64(make([]byte, 32)))), want: sigOnly},
		{name: "wrong logID, re-signed by the log", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			obj(entry(m), "logId")["keyId"] = b64(make([]byte, 32))
			relog(t, m, e.rekor)
		}), want: sigOnly},
		{name: "tampered canonicalized body", make: valid(func(t *testing.T, _ *diffEnv, m jsonObj) {
			editBody(t, m, func(spec jsonObj) { spec["envelopeHash"].(jsonObj)["value"] = strings.Repeat("0", 64) })
		}), want: sigOnly},
		{name: "tampered integratedTime", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			entry(m)["integratedTime"] = "1"
		}), want: sigOnly},
		{name: "integratedTime changed, re-signed by the log", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			entry(m)["integratedTime"] = "1700000000"
			relog(t, m, e.rekor)
		}), want: pass},
		{name: "tampered logIndex", make: valid(setField([]string{"logIndex"}, "1")), want: sigOnly},
		{name: "log names another key", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			editBody(t, m, func(spec jsonObj) {
				spec["signatures"].([]any)[0].(jsonObj)["verifier"] = b64(e.other.PublicPEM())
			})
			relog(t, m, e.rekor)
		}), want: sigOnly},
		{name: "log names another payload", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			editBody(t, m, func(spec jsonObj) { spec["payloadHash"].(jsonObj)["value"] = strings.Repeat("ab", 32) })
			relog(t, m, e.rekor)
		}), want: sigOnly},
		{name: "log names another signature", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			editBody(t, m, func(spec jsonObj) {
				s := spec["signatures"].([]any)[0].(jsonObj)
				s["signature"] = flip(t, s["signature"])
			})
			relog(t, m, e.rekor)
		}), want: sigOnly},
		{name: "log entry envelope hash changed (not compared)", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			editBody(t, m, func(spec jsonObj) { spec["envelopeHash"].(jsonObj)["value"] = strings.Repeat("0", 64) })
			relog(t, m, e.rekor)
		}), want: pass},
		{name: "proof hash flipped", make: inTree(5, 7, func(t *testing.T, _ *diffEnv, m jsonObj) {
			hs := obj(entry(m), "inclusionProof")["hashes"].([]any)
			hs[1] = flip(t, hs[1])
		}), want: sigOnly},
		{name: "proof hash missing", make: inTree(5, 7, func(_ *testing.T, _ *diffEnv, m jsonObj) {
			p := obj(entry(m), "inclusionProof")
			p["hashes"] = p["hashes"].([]any)[1:]
		}), want: sigOnly},
		{name: "proof index changed", make: inTree(5, 7, setField([]string{"inclusionProof", "logIndex"}, "4")), want: sigOnly},
		{name: "proof index beyond size", make: inTree(5, 7, setField([]string{"inclusionProof", "logIndex"}, "7")), want: sigOnly},
		{name: "proof tree size changed", make: inTree(5, 7, setField([]string{"inclusionProof", "treeSize"}, "6")), want: sigOnly},
		// RFC 6962 proofs do not bind the tree size where the path has the
		// same shape; the signed root does. Both accept.
		{name: "proof tree size changed, same path shape", make: inTree(5, 7, setField([]string{"inclusionProof", "treeSize"}, "8")), want: pass},
		{name: "proof root changed", make: inTree(5, 7, setField([]string{"inclusionProof", "rootHash"}, b64(make([]byte, 32)))), want: sigOnly},
		{name: "checkpoint signature tampered", make: valid(func(t *testing.T, _ *diffEnv, m jsonObj) {
			cp := obj(entry(m), "inclusionProof", "checkpoint")
			s := cp["envelope"].(string)
			i := strings.LastIndex(s, " ") + 10
			cp["envelope"] = s[:i] + string(rune(s[i]^1)) + s[i+1:]
		}), want: sigOnly},
		{name: "checkpoint signed by another log", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			p := obj(entry(m), "inclusionProof")
			cp, err := e.otherLog.Checkpoint(1, unb64(t, p["rootHash"]))
			if err != nil {
				t.Fatal(err)
			}
			obj(p, "checkpoint")["envelope"] = cp
		}), want: sigOnly},
		{name: "checkpoint for another root", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			cp, err := e.rekor.Checkpoint(1, make([]byte, 32))
			if err != nil {
				t.Fatal(err)
			}
			obj(entry(m), "inclusionProof", "checkpoint")["envelope"] = cp
		}), want: sigOnly},
		{name: "checkpoint without a Rekor v1 origin", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			cp := obj(entry(m), "inclusionProof", "checkpoint")
			cp["envelope"] = strings.Replace(cp["envelope"].(string), "rekor.localhost - 1\n", "rekor.localhost\n", 1)
		}), want: sigOnly},
		{name: "inclusion promise removed", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			delete(entry(m), "inclusionPromise")
		}), want: pass},
		{name: "inclusion promise null", make: valid(setField([]string{"inclusionPromise"}, nil)), want: pass},
		{name: "inclusion proof removed (v0.3 needs one)", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			delete(entry(m), "inclusionProof")
		}), want: reject},
		{name: "no tlog entry", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			delete(obj(m, "verificationMaterial"), "tlogEntries")
		}), want: sigOnly},
		{name: "entry twice", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			vm := obj(m, "verificationMaterial")
			es := vm["tlogEntries"].([]any)
			vm["tlogEntries"] = append(es, es[0])
		}), want: sigOnly},
		{name: "second entry from an unknown log", make: func(t *testing.T, e *diffEnv) jsonObj {
			m := e.bundle(t, e.key, e.rekor, 0, 1)
			o := e.bundle(t, e.key, e.otherLog, 0, 1)
			vm := obj(m, "verificationMaterial")
			vm["tlogEntries"] = append(vm["tlogEntries"].([]any), entry(o))
			return m
		}, want: pass},
		{name: "log key window starts after the entry", make: valid(nothing), want: sigOnly,
			trust: func(t *testing.T, e *diffEnv) root.TrustedMaterial { return e.shiftedTrust(t) }},
		// sigstore-go checks the window only with the SET; we always do.
		{name: "log key window starts after a proof-only entry", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			delete(entry(m), "inclusionPromise")
		}), want: sigOnly, cosign: &pass,
			trust: func(t *testing.T, e *diffEnv) root.TrustedMaterial { return e.shiftedTrust(t) }},
		{name: "kindVersion that disagrees with the body", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			entry(m)["kindVersion"] = jsonObj{"kind": "intoto", "version": "0.0.2"}
		}), want: reject, cosign: &pass},
	}
}
