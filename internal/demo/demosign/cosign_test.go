package demosign_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/internal/demo/demosign"
	"github.com/mcp-trust/mcp-trust/internal/ocitest"
)

// TestCosignAcceptsDemoSignatures: cosign's own verifier accepts what
// demosign signs and rejects every tampered variant, with the same keys.
func TestCosignAcceptsDemoSignatures(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		name string
		// sign makes the layer (and the digest it is attached to).
		sign func(t *testing.T) (string, ocitest.SigLayer)
		// trusted signing and log keys; nil means w's own.
		signer *demosign.Key
		log    *demosign.Log
		ok     bool
	}{
		{name: "valid", sign: w.honest, ok: true},
		{name: "valid without revision", ok: true, sign: func(t *testing.T) (string, ocitest.SigLayer) {
			return w.digest, w.layer(t, w.key, demosign.Claims{Digest: w.digest, Reference: w.repo}, w.log)
		}},
		{name: "valid, other image", ok: true, sign: func(t *testing.T) (string, ocitest.SigLayer) {
			return w.other, w.layer(t, w.key, demosign.Claims{Digest: w.other, Reference: w.repo, Revision: w.revision}, w.log)
		}},
		{name: "flipped signature byte", sign: w.tampered(func(l *ocitest.SigLayer, _ *demosign.Bundle) {
			l.Signature = flipB64(l.Signature)
		})},
		{name: "flipped signature byte, logged as such", sign: w.relogged(func(l *ocitest.SigLayer) {
			l.Signature = flipB64(l.Signature)
		})},
		{name: "signed with another key", sign: func(t *testing.T) (string, ocitest.SigLayer) {
			return w.digest, w.layer(t, w.otherKey, w.claims(), w.log)
		}},
		{name: "checked under another key", sign: w.honest, signer: w.otherKey},
		{name: "other payload", sign: w.tampered(func(l *ocitest.SigLayer, _ *demosign.Bundle) {
			l.Payload = []byte(strings.Replace(string(l.Payload), w.revision, w.revOther, 1))
		})},
		{name: "other payload, logged as such", sign: w.relogged(func(l *ocitest.SigLayer) {
			l.Payload = []byte(strings.Replace(string(l.Payload), w.revision, w.revOther, 1))
		})},
		{name: "signature for another digest", sign: func(t *testing.T) (string, ocitest.SigLayer) {
			c := w.claims()
			c.Digest = w.other
			return w.digest, w.layer(t, w.key, c, w.log)
		}},
		{name: "no bundle", sign: func(t *testing.T) (string, ocitest.SigLayer) {
			return w.digest, w.layer(t, w.key, w.claims(), nil)
		}},
		{name: "logged by another log", sign: func(t *testing.T) (string, ocitest.SigLayer) {
			return w.digest, w.layer(t, w.key, w.claims(), w.otherLog)
		}},
		{name: "checked under another log key", sign: w.honest, log: w.otherLog},
		{name: "flipped SET byte", sign: w.tampered(func(_ *ocitest.SigLayer, b *demosign.Bundle) {
			b.SignedEntryTimestamp[len(b.SignedEntryTimestamp)/2] ^= 1
		})},
		{name: "integratedTime changed", sign: w.tampered(func(_ *ocitest.SigLayer, b *demosign.Bundle) {
			b.Payload.IntegratedTime++
		})},
		{name: "logIndex changed", sign: w.tampered(func(_ *ocitest.SigLayer, b *demosign.Bundle) {
			b.Payload.LogIndex++
		})},
		{name: "logID of another log, SET re-signed", sign: w.reSET(func(_ *ocitest.SigLayer, b *demosign.Bundle) {
			b.Payload.LogID = w.otherLog.LogID()
		})},
		{name: "body changed", sign: w.tampered(func(_ *ocitest.SigLayer, b *demosign.Bundle) {
			b.Payload.Body = editBody(t, b, withKey(w.otherKey))
		})},
		{name: "body of another key, SET re-signed", sign: w.reSET(func(_ *ocitest.SigLayer, b *demosign.Bundle) {
			b.Payload.Body = editBody(t, b, withKey(w.otherKey))
		})},
		{name: "body hashing another payload, SET re-signed", sign: w.reSET(func(_ *ocitest.SigLayer, b *demosign.Bundle) {
			b.Payload.Body = editBody(t, b, func(spec map[string]any) {
				spec["data"].(map[string]any)["hash"].(map[string]any)["value"] = strings.Repeat("ab", 32)
			})
		})},
		{name: "body of another signature, SET re-signed", sign: w.reSET(func(_ *ocitest.SigLayer, b *demosign.Bundle) {
			other := w.layer(t, w.key, w.claims(), w.log)
			b.Payload.Body = bundleOf(t, other).Payload.Body
		})},
		{name: "bundle of another signature", sign: func(t *testing.T) (string, ocitest.SigLayer) {
			a, b := w.layer(t, w.key, w.claims(), w.log), w.layer(t, w.key, w.claims(), w.log)
			a.Bundle = b.Bundle
			return w.digest, a
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			signer, log := w.key, w.log
			if c.signer != nil {
				signer = c.signer
			}
			if c.log != nil {
				log = c.log
			}
			digest, layer := c.sign(t)
			for way, err := range w.cosignVerify(t, digest, []ocitest.SigLayer{layer}, signer.PublicPEM(), log.PublicPEM()) {
				if (err == nil) != c.ok {
					t.Errorf("cosign verify (%s) = %v, want ok %v", way, err, c.ok)
				}
				if err != nil {
					t.Logf("%s: %v", way, err)
				}
			}
		})
	}
}

func (w *world) layer(t *testing.T, k *demosign.Key, c demosign.Claims, log *demosign.Log) ocitest.SigLayer {
	t.Helper()
	l, err := k.NewSig(c, log)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func (w *world) honest(t *testing.T) (string, ocitest.SigLayer) {
	return w.digest, w.layer(t, w.key, w.claims(), w.log)
}

// tampered signs honestly, then changes the layer or its bundle.
func (w *world) tampered(f func(*ocitest.SigLayer, *demosign.Bundle)) func(*testing.T) (string, ocitest.SigLayer) {
	return func(t *testing.T) (string, ocitest.SigLayer) {
		l := w.layer(t, w.key, w.claims(), w.log)
		b := bundleOf(t, l)
		f(&l, &b)
		l.Bundle = marshal(t, b)
		return w.digest, l
	}
}

// reSET tampers like tampered, then has the trusted log sign the changed
// bundle payload: only the consistency checks can catch it.
func (w *world) reSET(f func(*ocitest.SigLayer, *demosign.Bundle)) func(*testing.T) (string, ocitest.SigLayer) {
	return w.tampered(func(l *ocitest.SigLayer, b *demosign.Bundle) {
		f(l, b)
		set, err := w.log.SET(b.Payload)
		if err != nil {
			panic(err)
		}
		b.SignedEntryTimestamp = set
	})
}

// relogged signs honestly, changes the layer, then logs the changed layer
// with the trusted log: only the signature check itself can catch it.
func (w *world) relogged(f func(*ocitest.SigLayer)) func(*testing.T) (string, ocitest.SigLayer) {
	return func(t *testing.T) (string, ocitest.SigLayer) {
		l := w.layer(t, w.key, w.claims(), w.log)
		f(&l)
		sig, err := base64.StdEncoding.DecodeString(l.Signature)
		if err != nil {
			t.Fatal(err)
		}
		b, err := w.log.Bundle(sig, l.Payload, w.key.PublicPEM())
		if err != nil {
			t.Fatal(err)
		}
		l.Bundle = marshal(t, b)
		return w.digest, l
	}
}

// editBody is b's entry body after edit has changed its spec.
func editBody(t *testing.T, b *demosign.Bundle, edit func(spec map[string]any)) string {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(b.Payload.Body)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatal(err)
	}
	edit(body["spec"].(map[string]any))
	return base64.StdEncoding.EncodeToString([]byte(marshal(t, body)))
}

// withKey names k as the entry's signing key.
func withKey(k *demosign.Key) func(spec map[string]any) {
	return func(spec map[string]any) {
		spec["signature"].(map[string]any)["publicKey"] = map[string]any{"content": base64.StdEncoding.EncodeToString(k.PublicPEM())}
	}
}

func bundleOf(t *testing.T, l ocitest.SigLayer) demosign.Bundle {
	t.Helper()
	var b demosign.Bundle
	if err := json.Unmarshal([]byte(l.Bundle), &b); err != nil {
		t.Fatal(err)
	}
	return b
}

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func flipB64(s string) string {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	b[len(b)-1] ^= 1
	return base64.StdEncoding.EncodeToString(b)
}
