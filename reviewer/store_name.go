package reviewer

import (
	"encoding/base32"
	"errors"
	"fmt"
	"regexp"
	"sync"

	"github.com/mcp-trust/mcp-trust/internal/sanitize"
)

// maxStoreServerName caps a server name in the store; encoded, it still
// fits one path component (255 bytes).
const maxStoreServerName = 150

// plainServerName is a name stored as itself: the registry's usual
// lowercase form, as every store before encoding used it.
var plainServerName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,127}$`) }) // compiled on first use (issue 11)

var nameEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// storeName is the store directory of a server. A plain lowercase name
// (^[a-z0-9][a-z0-9-]*$, at most 128 bytes) is its own directory, so stores
// written before encoding stay readable; any other name the catalog
// accepts ("SQLite", "osp_marketing_tools") is "_" followed by the
// lowercase base32 of its bytes. A plain name never starts with "_", so the
// two forms never meet, and the encoded form is lowercase letters and
// digits only: it is never a path, never "." or "..", and two names that
// differ only in case never share a directory on a case-insensitive
// filesystem. A "/" or ".." in a name is only data. Empty names, names over 150 bytes, and names with control,
// invisible or invalid UTF-8 characters are refused.
func storeName(server string) (string, error) {
	if plainServerName().MatchString(server) {
		return server, nil
	}
	var why string
	switch {
	case server == "":
		why = "empty"
	case len(server) > maxStoreServerName:
		why = fmt.Sprintf("%d bytes, cap %d", len(server), maxStoreServerName)
	case !sanitize.Clean(server):
		why = "contains a control or invisible character, or invalid UTF-8"
	default:
		return "_" + nameEncoding.EncodeToString([]byte(server)), nil
	}
	return "", &SourceError{Field: "server", Value: server, Err: errors.New("not a registry server name: " + why)}
}
