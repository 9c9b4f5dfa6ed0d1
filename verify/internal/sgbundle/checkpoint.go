package sgbundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// rekorV1Checkpoint reports whether a checkpoint has at least four lines
// and an origin ending in " - <tree ID>" (sigstore-go's ".* - [0-9]+$").
func rekorV1Checkpoint(cp string) bool {
	lines := strings.Split(cp, "\n")
	if len(lines) < 4 {
		return false
	}
	i := strings.LastIndex(lines[0], " - ")
	if i < 0 || i+3 == len(lines[0]) {
		return false
	}
	for _, c := range []byte(lines[0][i+3:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// noteSig is one signature line of a signed note: "— <name> <base64>",
// the base64 holding a 4-byte key hint and the signature.
type noteSig struct {
	hint []byte
	sig  []byte
}

// parseNote splits a signed note into its text (through the newline
// before the blank line) and its signature lines, as rekor reads it.
func parseNote(data string) (string, []noteSig, error) {
	split := strings.LastIndex(data, "\n\n")
	if split < 0 {
		return "", nil, errors.New("malformed note")
	}
	text, rest := data[:split+1], data[split+2:]
	if rest == "" || !strings.HasSuffix(rest, "\n") {
		return "", nil, errors.New("malformed note")
	}
	var sigs []noteSig
	for _, line := range strings.Split(strings.TrimSuffix(rest, "\n"), "\n") {
		s, err := parseNoteSig(line)
		if err != nil {
			return "", nil, err
		}
		sigs = append(sigs, s)
	}
	return text, sigs, nil
}

func parseNoteSig(line string) (noteSig, error) {
	body, ok := strings.CutPrefix(line, "\u2014 ")
	name, b64, ok2 := strings.Cut(body, " ")
	if !ok || !ok2 || name == "" || strings.ContainsAny(b64, " \r\t") || strings.ContainsAny(name, "\r\t") {
		return noteSig{}, fmt.Errorf("malformed note signature line %q", line)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return noteSig{}, fmt.Errorf("decoding note signature: %w", err)
	}
	if len(raw) < 5 {
		return noteSig{}, errors.New("note signature is too small")
	}
	return noteSig{hint: raw[:4], sig: raw[4:]}, nil
}

// checkpointRoot reads the root hash from a checkpoint's text: origin,
// decimal size, base64 root hash, each on its own line.
func checkpointRoot(text string) ([]byte, error) {
	l := strings.Split(text, "\n")
	if len(l) < 4 {
		return nil, errors.New("invalid checkpoint - too few newlines")
	}
	if l[0] == "" {
		return nil, errors.New("invalid checkpoint - empty ecosystem")
	}
	if _, err := strconv.ParseUint(l[1], 10, 64); err != nil {
		return nil, fmt.Errorf("invalid checkpoint - size invalid: %w", err)
	}
	h, err := base64.StdEncoding.DecodeString(l[2])
	if err != nil {
		return nil, fmt.Errorf("invalid checkpoint - invalid hash: %w", err)
	}
	return h, nil
}

// verifyCheckpoint requires every signature on the checkpoint to be the
// log key's (by hint) and to verify, and the checkpoint to commit to root.
func verifyCheckpoint(cp string, root []byte, lk LogKey) error {
	text, sigs, err := parseNote(cp)
	if err != nil {
		return fmt.Errorf("reading checkpoint: %w", err)
	}
	signed, err := checkpointRoot(text)
	if err != nil {
		return fmt.Errorf("reading checkpoint: %w", err)
	}
	sum := sha256.Sum256(lk.DER)
	for _, s := range sigs {
		if !bytes.Equal(s.hint, sum[:4]) || lk.Verify([]byte(text), s.sig) != nil {
			return errors.New("signature on checkpoint did not verify")
		}
	}
	if !bytes.Equal(signed, root) {
		return fmt.Errorf("proof root hash does not match signed tree head")
	}
	return nil
}
