package reviewer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/fsafe"
)

// MaxFinalReportSize caps a stored final report: the agent's report plus
// the verdict and pre-scan sections.
const MaxFinalReportSize = 4 << 20

const metaFile = "meta.json"

// ErrNoReview means the store holds no review for a server and commit.
var ErrNoReview = errors.New("no stored review")

// Store keeps final reviews on disk by server and commit:
// <Dir>/<server dir>/<commit>/report.md, labels.txt and meta.json. The
// server's directory is its encoded name (see storeName) and commits must be
// 40-hex lowercase, so a key can never name a path outside Dir, whatever the
// catalog calls the server. Writes are atomic, meta.json last. Reads refuse
// symlinks and hard links, and cross-check meta.json against labels.txt and
// report.md (see crossCheck).
type Store struct {
	Dir string
}

// Meta describes a stored review; it is meta.json.
type Meta struct {
	Server    string    `json:"server"`
	Commit    string    `json:"commit"`
	Base      string    `json:"base,omitempty"`
	Repo      string    `json:"repo,omitempty"`
	Agent     string    `json:"agent,omitempty"`
	Verdict   Verdict   `json:"verdict"`
	CreatedAt time.Time `json:"created_at"`
}

// StoredReview is one review as stored.
type StoredReview struct {
	Report []byte
	// Labels is nil for a failed review, which has none.
	Labels []byte
	// Meta is meta.json, with its Verdict raised to the worst of what
	// labels.txt and report.md state when they disagree (crossCheck).
	Meta Meta
	// Disagreements lists each way the stored files contradict meta.json;
	// empty when they agree. Set by Latest.
	Disagreements []string
}

func storeKey(server, commit string) (string, error) {
	dir, err := storeName(server)
	if err != nil {
		return "", err
	}
	if err := validateCommit("commit", commit); err != nil {
		return "", err
	}
	return path.Join(dir, commit), nil
}

// Path is the directory that holds (or would hold) the review of server at
// commit, for messages; "" when the key is invalid.
func (s Store) Path(server, commit string) string {
	key, err := storeKey(server, commit)
	if err != nil {
		return ""
	}
	return filepath.Join(s.Dir, filepath.FromSlash(key))
}

// Save stores r as the review of server at commit, replacing any earlier
// one. Meta.Server and Meta.Commit are set from the key.
func (s Store) Save(server, commit string, r StoredReview) error {
	key, err := storeKey(server, commit)
	if err != nil {
		return err
	}
	if err := checkStoredLabels(r.Labels, r.Meta.Verdict.Failed); err != nil {
		return fmt.Errorf("saving review: %w", err)
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("creating reports store: %w", err)
	}
	root, err := os.OpenRoot(s.Dir)
	if err != nil {
		return fmt.Errorf("opening reports store: %w", err)
	}
	defer root.Close()
	if err := root.MkdirAll(key, 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", key, err)
	}
	r.Meta.Server, r.Meta.Commit = server, commit
	return writeReview(root, key, r)
}

// writeReview replaces the files under key: meta.json goes first (so a
// half-written review has none and reads as absent) and comes back last.
func writeReview(root *os.Root, key string, r StoredReview) error {
	meta, err := json.MarshalIndent(r.Meta, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding review metadata: %w", err)
	}
	if err := removeIfExists(root, path.Join(key, metaFile)); err != nil {
		return fmt.Errorf("replacing review: %w", err)
	}
	if r.Labels == nil {
		err = removeIfExists(root, path.Join(key, LabelsFile))
	} else {
		err = fsafe.WriteAtomic(root, path.Join(key, LabelsFile), r.Labels, 0o600)
	}
	if err == nil {
		err = fsafe.WriteAtomic(root, path.Join(key, ReportFile), r.Report, 0o600)
	}
	if err == nil {
		err = fsafe.WriteAtomic(root, path.Join(key, metaFile), append(meta, '\n'), 0o600)
	}
	return err
}

func removeIfExists(root *os.Root, name string) error {
	if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Latest returns the stored review of server at commit, or an error that
// errors.Is ErrNoReview. Files are read without following links and with
// size caps; labels.txt must be present exactly when the review did not
// fail, and must parse.
func (s Store) Latest(server, commit string) (*StoredReview, error) {
	key, err := storeKey(server, commit)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading review of %s at %s: %w", server, commit, ErrNoReview)
	} else if err != nil {
		return nil, fmt.Errorf("opening reports store: %w", err)
	}
	defer root.Close()
	raw, err := fsafe.ReadRegular(root, path.Join(key, metaFile), 64<<10, true)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading review of %s at %s: %w", server, commit, ErrNoReview)
	} else if err != nil {
		return nil, fmt.Errorf("reading review metadata: %w", err)
	}
	r := &StoredReview{}
	if err := json.Unmarshal(raw, &r.Meta); err != nil {
		return nil, fmt.Errorf("decoding review metadata: %w", err)
	}
	if r.Meta.Server != server || r.Meta.Commit != commit {
		return nil, fmt.Errorf("reading review of %s at %s: metadata names %s at %s", server, commit, r.Meta.Server, r.Meta.Commit)
	}
	if err := r.readFiles(root, key); err != nil {
		return nil, err
	}
	if err := r.crossCheck(); err != nil {
		return nil, fmt.Errorf("checking the review of %s at %s: %w", server, commit, err)
	}
	return r, nil
}

func (r *StoredReview) readFiles(root *os.Root, key string) error {
	var err error
	if r.Report, err = fsafe.ReadRegular(root, path.Join(key, ReportFile), MaxFinalReportSize, true); err != nil {
		return fmt.Errorf("reading stored report: %w", err)
	}
	r.Labels, err = fsafe.ReadRegular(root, path.Join(key, LabelsFile), MaxLabelsSize, true)
	if errors.Is(err, fs.ErrNotExist) {
		r.Labels, err = nil, nil
	}
	if err == nil {
		err = checkStoredLabels(r.Labels, r.Meta.Verdict.Failed)
	}
	if err != nil {
		return fmt.Errorf("reading stored labels: %w", err)
	}
	return nil
}

// checkStoredLabels keeps the store's invariant: a failed review has no
// labels, any other has valid ones.
func checkStoredLabels(labels []byte, failed bool) error {
	switch {
	case failed && labels != nil:
		return errors.New("a failed review has no labels")
	case !failed && labels == nil:
		return errors.New("labels missing")
	case failed:
		return nil
	}
	_, err := ParseLabels(labels)
	return err
}
