package fsafe

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// ErrSymlinkDestination is returned when a destination directory is a
// symbolic link (THREATS E5): results are never written through a link.
var ErrSymlinkDestination = errors.New("destination is a symbolic link")

// OpenDestDir opens dir for writing results, creating it (0700) if it does
// not exist. A symlink, or a directory swapped for one while it is opened,
// is refused.
func OpenDestDir(dir string) (*os.Root, error) {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, fmt.Errorf("creating destination: %w", err)
		}
		if err := os.Mkdir(dir, 0o700); err != nil {
			return nil, fmt.Errorf("creating destination: %w", err)
		}
		fi, err = os.Lstat(dir)
	}
	if err != nil {
		return nil, fmt.Errorf("checking destination: %w", err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("checking destination %s: %w", dir, ErrSymlinkDestination)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("checking destination %s: not a directory", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("opening destination: %w", err)
	}
	if rfi, err := root.Stat("."); err != nil || !os.SameFile(fi, rfi) {
		root.Close()
		return nil, fmt.Errorf("opening destination %s: %w", dir, ErrChanged)
	}
	return root, nil
}

// WriteAtomic writes data to name (a slash path inside root): a fresh temp
// file beside it, created with O_CREATE|O_EXCL|O_NOFOLLOW so no existing
// file or link is ever written through, synced, then renamed over name.
// Rename replaces a link at name instead of following it.
func WriteAtomic(root *os.Root, name string, data []byte, perm fs.FileMode) error {
	var rnd [8]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".tmp-"+hex.EncodeToString(rnd[:]))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|openNoFollow, perm)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		_ = root.Remove(tmp)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
