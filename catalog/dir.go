package catalog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// loadDir loads a registry checkout (has servers/), a servers/ directory,
// or one server's directory (has server.yaml). A bad file becomes a
// Problem and the others still load.
func loadDir(ctx context.Context, dir string, cfg *config) (*Catalog, error) {
	files, problems, err := findServerFiles(dir)
	if err != nil {
		return nil, err
	}
	c := &Catalog{Source: dir, Kind: KindDir, Name: dirName(dir), DisplayName: dir, FetchedAt: cfg.now(), Problems: problems}
	servers := make([]*Server, len(files))
	errs := make([]error, len(files))
	parallel(len(files), func(i int) bool {
		if errs[i] = ctx.Err(); errs[i] == nil {
			servers[i], errs[i] = loadServerFile(files[i])
		}
		return true
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	single := filepath.Join(dir, "server.yaml")
	for i, s := range servers {
		switch {
		case errs[i] != nil:
			c.Problems = append(c.Problems, problemFrom(files[i], errs[i]))
		case files[i] != single && s.Name != folderOf(files[i]):
			c.refuse(s.Name, folderProblem(s, folderOf(files[i])))
		default:
			c.Servers = append(c.Servers, s)
		}
	}
	c.finish(cfg.publishers, false)
	return c, nil
}

// folderOf names the server folder of servers/NAME/server.yaml.
func folderOf(file string) string { return filepath.Base(filepath.Dir(file)) }

// folderProblem refuses an entry whose name is not its folder's: loading it
// would let servers/aaa/ answer for "alpha" and hide servers/alpha/
// (THREATS A11). The entry is skipped; the folder that really has the name
// still loads.
func folderProblem(s *Server, folder string) Problem {
	return Problem{
		File: s.Origin.File, Line: s.Origin.Line, Field: "name", Rule: "name-mismatch", Severity: SeverityError,
		Message: "server name " + strconv.Quote(s.Name) + " differs from its folder " + strconv.Quote(folder) + "; entry skipped",
	}
}

func dirName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return filepath.Base(abs)
	}
	return filepath.Base(dir)
}

// loadServerFile reads one server.yaml inside a checkout: no symlinks, no
// special files, at most maxServerFile bytes.
func loadServerFile(path string) (*Server, error) {
	data, err := readFileCapped(path, maxServerFile, true)
	if err != nil {
		return nil, err
	}
	root, err := decodeOne(data, path, 0)
	if err != nil {
		return nil, err
	}
	return serverFromNode(root, path)
}

// findServerFiles lists the server.yaml files of a directory. Symlinked
// server directories and non-regular server.yaml files are not listed but
// reported as Problems (THREATS A3, A11). No server.yaml at all is an
// InputError.
func findServerFiles(dir string) ([]string, []Problem, error) {
	if _, err := os.Lstat(filepath.Join(dir, "server.yaml")); err == nil {
		return checkedFiles([]string{filepath.Join(dir, "server.yaml")})
	}
	servers := dir
	if st, err := os.Lstat(filepath.Join(dir, "servers")); err == nil {
		if !st.IsDir() {
			return nil, nil, &InputError{Path: filepath.Join(dir, "servers"), Err: fmt.Errorf("%w: want a real directory", ErrNotRegular)}
		}
		servers = filepath.Join(dir, "servers")
	}
	entries, err := os.ReadDir(servers)
	if err != nil {
		return nil, nil, fsError(servers, err)
	}
	var candidates []string
	var problems []Problem
	for _, e := range entries {
		p := filepath.Join(servers, e.Name())
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			problems = append(problems, skipProblem(p, "server directory is a symlink; not followed"))
		case e.IsDir():
			candidates = append(candidates, filepath.Join(p, "server.yaml"))
		}
	}
	files, more, err := checkedFiles(candidates)
	problems = append(problems, more...)
	if err == nil && len(files) == 0 && len(problems) == 0 {
		err = &InputError{Path: dir, Err: ErrNoServers}
	}
	return files, problems, err
}

// checkedFiles keeps the candidates that exist as regular files; missing
// ones are dropped silently, other kinds are reported.
func checkedFiles(candidates []string) ([]string, []Problem, error) {
	var files []string
	var problems []Problem
	for _, p := range candidates {
		st, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			problems = append(problems, problemFrom(p, fsError(p, err)))
		case !st.Mode().IsRegular():
			problems = append(problems, problemFrom(p, notRegular(p, st.Mode())))
		default:
			files = append(files, p)
		}
	}
	return files, problems, nil
}

func skipProblem(path, msg string) Problem {
	return Problem{File: path, Rule: "skipped", Severity: SeverityError, Message: msg}
}
