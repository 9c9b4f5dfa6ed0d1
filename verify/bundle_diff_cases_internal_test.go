package verify

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sigstore/sigstore-go/pkg/root"
	"golang.org/x/crypto/ssh"
)

type diffCase struct {
	name  string
	make  func(t *testing.T, e *diffEnv) jsonObj
	raw   func(t *testing.T, e *diffEnv) []byte // instead of make, for JSON a map cannot hold
	trust func(t *testing.T, e *diffEnv) root.TrustedMaterial
	want  verdict
	// cosign, when set, is cosign's verdict where ours is deliberately
	// stricter (documented in sgbundle's doc).
	cosign *verdict
}

var (
	pass    = verdict{sig: true, tlog: true}
	sigOnly = verdict{sig: true}
	reject  = verdict{}
)

// valid is a one-leaf bundle by e's key and log, edited by f.
func valid(f func(t *testing.T, e *diffEnv, m jsonObj)) func(t *testing.T, e *diffEnv) jsonObj {
	return func(t *testing.T, e *diffEnv) jsonObj {
		m := e.bundle(t, e.key, e.rekor, 0, 1)
		f(t, e, m)
		return m
	}
}

// inTree is a bundle whose entry is leaf index of size, edited by f.
func inTree(index, size int64, f func(t *testing.T, e *diffEnv, m jsonObj)) func(t *testing.T, e *diffEnv) jsonObj {
	return func(t *testing.T, e *diffEnv) jsonObj {
		m := e.bundle(t, e.key, e.rekor, index, size)
		f(t, e, m)
		return m
	}
}

func nothing(*testing.T, *diffEnv, jsonObj) {}

func envelopeCases() []diffCase {
	return []diffCase{
		{name: "valid", make: valid(nothing), want: pass},
		{name: "flipped DSSE signature byte", make: valid(func(t *testing.T, _ *diffEnv, m jsonObj) {
			s := obj(m, "dsseEnvelope")["signatures"].([]any)[0].(jsonObj)
			s["sig"] = flip(t, s["sig"])
		}), want: reject},
		{name: "signed by another key", make: func(t *testing.T, e *diffEnv) jsonObj {
			return e.bundle(t, e.other, e.rekor, 0, 1)
		}, want: reject},
		{name: "other payload type", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			obj(m, "dsseEnvelope")["payloadType"] = "application/json"
		}), want: reject},
		{name: "other payload type, re-signed", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			obj(m, "dsseEnvelope")["payloadType"] = "application/json"
			resignEnvelope(t, m, e.key)
		}), want: reject},
		{name: "payload changed", make: valid(func(t *testing.T, _ *diffEnv, m jsonObj) {
			env := obj(m, "dsseEnvelope")
			env["payload"] = b64([]byte(strings.Replace(string(unb64(t, env["payload"])), "abc", "abd", 1)))
		}), want: reject},
		{name: "payload changed and re-signed: log entry is for the old payload", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			env := obj(m, "dsseEnvelope")
			env["payload"] = b64([]byte(strings.Replace(string(unb64(t, env["payload"])), "abc", "abd", 1)))
			resignEnvelope(t, m, e.key)
		}), want: sigOnly},
		{name: "statement with an unknown field, signed", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			env := obj(m, "dsseEnvelope")
			var st jsonObj
			_ = json.Unmarshal(unb64(t, env["payload"]), &st)
			st["extra"] = 1
			raw, _ := json.Marshal(st)
			env["payload"] = b64(raw)
			resignEnvelope(t, m, e.key)
		}), want: reject},
		{name: "two signatures", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			env := obj(m, "dsseEnvelope")
			sigs := env["signatures"].([]any)
			env["signatures"] = append(sigs, sigs[0])
		}), want: reject},
		{name: "key ID that is not the key's", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			obj(m, "dsseEnvelope")["signatures"].([]any)[0].(jsonObj)["keyid"] = "SHA256:somebodyelse"
		}), want: reject},
		{name: "key ID that is the key's SSH fingerprint", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			pub, err := e.sv.PublicKey()
			if err != nil {
				t.Fatal(err)
			}
			sk, err := ssh.NewPublicKey(pub)
			if err != nil {
				t.Fatal(err)
			}
			obj(m, "dsseEnvelope")["signatures"].([]any)[0].(jsonObj)["keyid"] = ssh.FingerprintSHA256(sk)
		}), want: pass},
		{name: "statement for another digest", make: valid(func(t *testing.T, e *diffEnv, m jsonObj) {
			env := obj(m, "dsseEnvelope")
			env["payload"] = b64([]byte(strings.Replace(string(unb64(t, env["payload"])), e.digest.Hex, strings.Repeat("cd", 32), 1)))
			resignEnvelope(t, m, e.key)
		}), want: sigOnly},
		{name: "public key hint set", make: valid(func(_ *testing.T, _ *diffEnv, m jsonObj) {
			obj(m, "verificationMaterial", "publicKey")["hint"] = "anything"
		}), want: pass},
		{name: "certificate instead of public key", make: valid(func(t *testing.T, _ *diffEnv, m jsonObj) {
			vm := obj(m, "verificationMaterial")
			delete(vm, "publicKey")
			vm["certificate"] = jsonObj{"rawBytes": b64([]byte("not a certificate"))}
		}), want: reject},
	}
}
