package sigkeys

import (
	"crypto"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// LogKeys are the transparency-log keys whose signed entry timestamps are
// accepted, by log ID, each with the window of integration times it signs
// for.
type LogKeys struct {
	logs map[string]logKey // by hex log ID
}

type logKey struct {
	key        *PublicKey
	start, end time.Time   // a zero end: no end
	sigHash    crypto.Hash // what the log's checkpoint signatures hash with
}

// pemLogStart starts the window of a log key given as PEM, which carries
// none: sigstore-go refuses a window without a start, so trust.go gave these
// keys the first second after the epoch.
var pemLogStart = time.Unix(1, 0)

// LogKeysFromPEMs trusts each PEM key, named by its LogID, for any
// integration time after the epoch.
func LogKeysFromPEMs(pems ...[]byte) (*LogKeys, error) {
	l := &LogKeys{logs: map[string]logKey{}}
	for _, p := range pems {
		k, err := ParsePEM(p)
		if err != nil {
			return nil, err
		}
		l.logs[hex.EncodeToString(k.LogID())] = logKey{key: k, start: pemLogStart, sigHash: crypto.SHA256}
	}
	return l, nil
}

// Lookup returns the key of the log named logID, as sigstore-go's VerifySET
// finds it: unknown logs, a window without a start, and an integration time
// before the start or after a set end are refused; the bounds themselves are
// inside the window.
func (l *LogKeys) Lookup(logID []byte, integrated time.Time) (*PublicKey, error) {
	lk, ok := l.logs[hex.EncodeToString(logID)]
	switch {
	case !ok:
		return nil, errors.New("transparency log key not found for the entry's log ID")
	case lk.start.IsZero():
		return nil, errors.New("transparency log key has no validity start")
	case lk.start.After(integrated), !lk.end.IsZero() && lk.end.Before(integrated):
		return nil, fmt.Errorf("transparency log key not valid at integrated time %s", integrated.UTC().Format(time.RFC3339))
	}
	return lk.key, nil
}

// IntegratedTime is the time Lookup judges a Rekor entry's integratedTime
// (Unix seconds) at, as sigstore-go reads it: 0 is no time at all, the
// zero time, which no validity window contains.
func IntegratedTime(unix int64) time.Time {
	if unix == 0 {
		return time.Time{}
	}
	return time.Unix(unix, 0)
}
