package prescan

import (
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// Popular package names for the typosquat rules: a small built-in list of
// names attackers imitate (a name one edit away from one of these, and
// equal to none, is flagged).
func popularNPM() []string {
	return []string{
		"react", "react-dom", "express", "lodash", "axios", "chalk", "commander", "debug", "request",
		"moment", "typescript", "dotenv", "yargs", "uuid", "cors", "body-parser", "jsonwebtoken",
		"mongoose", "webpack", "next", "eslint", "prettier", "jest", "zod", "node-fetch", "undici",
		"socket.io", "nodemailer", "colors", "minimist", "glob", "rimraf", "semver", "inquirer",
		"@modelcontextprotocol/sdk", "@anthropic-ai/sdk", "openai", "ws", "cross-env", "fs-extra",
	}
}

func popularPyPI() []string {
	return []string{
		"requests", "numpy", "pandas", "flask", "django", "urllib3", "setuptools", "boto3", "botocore",
		"pydantic", "fastapi", "httpx", "aiohttp", "cryptography", "pyyaml", "uvicorn", "starlette",
		"beautifulsoup4", "colorama", "python-dateutil", "certifi", "idna", "charset-normalizer",
		"mcp", "fastmcp", "anthropic", "openai", "click", "jinja2", "pillow", "selenium", "scipy",
	}
}

func popularGo() []string {
	return []string{
		"github.com/sirupsen/logrus", "github.com/spf13/cobra", "github.com/spf13/viper",
		"github.com/gorilla/mux", "github.com/stretchr/testify", "github.com/gin-gonic/gin",
		"github.com/mark3labs/mcp-go", "github.com/modelcontextprotocol/go-sdk",
		"golang.org/x/crypto", "golang.org/x/net", "golang.org/x/sys", "google.golang.org/grpc",
		"gopkg.in/yaml.v3", "github.com/google/uuid", "github.com/golang-jwt/jwt/v5",
	}
}

// signalRules are the signals of issue 9 item 8: submodule transports,
// links out of the repository, hidden characters in file names, hosts
// without a scheme and IPv6 literals in outbound calls, secrets near
// network calls, a file's first network import, typosquatted dependencies
// and actions pinned by tag.
func signalRules() []Rule {
	return append(append(repoSignalRules(), netSignalRules()...), depSignalRules()...)
}

func repoSignalRules() []Rule {
	return []Rule{{
		ID: "gitmodules-transport", Severity: risk.High,
		Description: "submodule URL with a transport helper (ext::) or file:// (runs commands or reads local paths)",
		Paths:       []string{".gitmodules"},
		Pattern:     `(?i)^\s*url\s*=\s*["']?(?:[a-z0-9+.-]+::|file:)`,
		Needles:     []string{"::", "file:"},
	}, {
		ID: "gitmodules-insecure-url", Severity: risk.Medium,
		Description: "submodule URL that is not https (ssh, git://, http:// or a local path)",
		Paths:       []string{".gitmodules"},
		Pattern:     `(?i)^\s*url\s*=\s*\S`,
		Ignore:      `(?i)^\s*url\s*=\s*["']?https://\S+$`,
		Needles:     []string{"url"},
	}, {
		ID: "symlink-outside", Severity: risk.High, Symlinks: true,
		Description: "symbolic link that points outside the repository",
		Pattern:     `^(?:/|\\|[A-Za-z]:|\.\.(?:/|$))`,
	}, {
		ID: "filename-unicode", Severity: risk.High,
		Description: "file name with a bidirectional or invisible character",
		PathPattern: `[\x{202A}-\x{202E}\x{2066}-\x{2069}\x{200B}-\x{200F}\x{061C}\x{2060}-\x{2064}\x{FEFF}\x{3164}\x{FFA0}\x{115F}\x{1160}\x{180E}\x{00AD}\x{E0000}-\x{E007F}\x00-\x1F\x7F]`,
	}, {
		ID: "ci-action-tag", Severity: risk.Low,
		Description: "GitHub Action pinned by tag or branch, not by commit SHA",
		Paths:       workflowGlobs(),
		Pattern:     `(?i)^\s*(?:-\s+)?uses\s*:\s*["']?[\w.-]+/[\w./-]+@`,
		Ignore:      `(?i)^\s*(?:-\s+)?uses\s*:\s*["']?[\w.-]+/[\w./-]+@[0-9a-f]{40}\b.*$`,
		Needles:     []string{"uses"},
	}}
}

// netCallNeedles are the calls after which a host literal is an outbound
// target: the host rule runs only on lines that make one.
func netCallNeedles() []string {
	return []string{"fetch(", "axios", "requests.", "httpx.", "urlopen", "http.get", "http.post", "http.head",
		"http.newrequest", "https.get", "http.request", "https.request", "net.dial", "dial(", "dialcontext(",
		"dialtls(", "net.connect", "createconnection", "create_connection", ".connect(", "websocket(", "new url(",
		"got(", "socket.connect"}
}

func netSignalRules() []Rule {
	return []Rule{{
		ID: "net-bare-host", Severity: risk.Medium, Tags: []string{tagNet},
		Description: "outbound call to a host written without a scheme",
		Skip:        docsAndLocks(),
		Pattern:     `["'\x60](?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:/[^"'\x60\s]*)?["'\x60]`,
		Ignore: `["'\x60][\w./-]+\.(?:json|js|mjs|ts|html?|txt|md|css|png|jpe?g|svg|ya?ml|toml|py|go|sh|xml|csv|` +
			`lock|log|env|ini|cfg|conf|pem|key|crt)["'\x60]|["'\x60](?:localhost|[\w-]+\.(?:local|internal|test|example|invalid))(?::\d+)?["'\x60]`,
		Needles: netCallNeedles(),
	}, {
		ID: "net-ipv6", Severity: risk.Medium, Tags: []string{tagNet},
		Description: "hard-coded IPv6 address",
		Skip:        docsAndLocks(),
		Pattern: `["'\x60/]\[?(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}\]?(?::\d{1,5})?["'\x60/%]|` +
			`["'\x60/]\[?(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\]?(?::\d{1,5})?["'\x60/%]`,
		Ignore:  `["'\x60/]\[?::1\]?(?::\d{1,5})?["'\x60/%]`,
		Needles: []string{"::", ":0", ":1", ":2", ":3", ":4", ":5", ":6", ":7", ":8", ":9", ":a", ":b", ":c", ":d", ":e", ":f"},
	}, {
		ID: "secret-high-entropy", Severity: risk.High, OnlyWithTag: tagNet,
		Description: "high-entropy string (a key or token?) in a file that makes network calls",
		Skip:        append(docsAndLocks(), "*.svg", "*.pem", "*.crt", "*.sum"),
		Pattern:     `["'\x60]([A-Za-z0-9+/_=-]{24,})["'\x60]`,
		MinEntropy:  4.3,
		MinLineLen:  26,
	}, {
		ID: "net-first-import", Severity: risk.Medium, DiffOnly: true, FirstInFile: true, Tags: []string{tagNet},
		Description: "first network import in a file that had none",
		Skip:        docsAndLocks(),
		Pattern: `^\s*import\s+(?:requests|httpx|aiohttp|urllib3?|socket|http\.client|websockets?)\b|` +
			`^\s*from\s+(?:requests|httpx|aiohttp|urllib3?|urllib\.request|socket|http\.client|websockets?)\s+import\b|` +
			`(?:require\(\s*|\bfrom\s+|^\s*import\s+)["'](?:node:)?(?:https?|net|dgram|tls|axios|node-fetch|undici|got|ws)["']|` +
			`^\s*(?:import\s+)?(?:\w+\s+)?"net(?:/http|/rpc|/smtp)?"`,
		Needles: []string{"requests", "httpx", "aiohttp", "urllib", "socket", "http.client", "websocket",
			`"http"`, `'http'`, `"https"`, `'https'`, `"net"`, `'net'`, `"net/`, `"node:`, `'node:`, `"dgram"`, `'dgram'`, `"tls"`, `'tls'`,
			"axios", "node-fetch", "undici", `"got"`, `'got'`, `"ws"`, `'ws'`},
	}}
}

func depSignalRules() []Rule {
	return []Rule{{
		ID: "dep-typosquat-npm", Severity: risk.High,
		Description: "npm dependency named like a popular package (typosquat?)",
		Paths:       []string{"package.json"},
		Pattern:     `^\s*"(@?[a-z0-9][\w.-]*(?:/[\w.-]+)?)"\s*:\s*"(?:[~^<>=*\dvx]|latest|npm:|git|https?:|file:|link:|workspace:)`,
		NearNames:   popularNPM(),
		Needles:     []string{`"`},
	}, {
		ID: "dep-typosquat-pypi", Severity: risk.High,
		Description: "Python dependency named like a popular package (typosquat?)",
		Paths:       []string{"requirements*.txt", "requirements/*.txt"},
		Pattern:     `^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[=<>!~;@ ]|$)`,
		NearNames:   popularPyPI(),
	}, {
		ID: "dep-typosquat-go", Severity: risk.High,
		Description: "Go module named like a popular module (typosquat?)",
		Paths:       []string{"go.mod"},
		Pattern:     `^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]{2,}/[\w./-]+)\s+v\d`,
		NearNames:   popularGo(),
		Needles:     []string{" v"},
	}}
}
