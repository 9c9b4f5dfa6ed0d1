//go:build !unix

package catalog

import "os"

// openRegular is the portable fallback: Lstat before opening when nofollow,
// then check the opened file is regular.
func openRegular(path string, nofollow bool) (*os.File, error) {
	if nofollow {
		st, err := os.Lstat(path)
		if err != nil {
			return nil, fsError(path, err)
		}
		if !st.Mode().IsRegular() {
			return nil, notRegular(path, st.Mode())
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fsError(path, err)
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, fsError(path, err)
		}
		return nil, notRegular(path, st.Mode())
	}
	return f, nil
}
