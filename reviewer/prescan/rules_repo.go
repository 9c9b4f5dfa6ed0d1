package prescan

import (
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

func obfuscationRules() []Rule {
	return []Rule{{
		ID: "blob-encoded", Severity: risk.Medium,
		Description: "long base64 or hex blob (over 200 characters)",
		Skip:        append(lockGlobs(), "*.svg", "*.pem", "*.crt"),
		Pattern:     `[A-Za-z0-9+/]{200,}={0,2}|(?:[0-9a-fA-F]{2}){100,}|(?:\\x[0-9a-fA-F]{2}){50,}`,
		MinLineLen:  200,
	}, {
		ID: "decode-exec", Severity: risk.Low, Escalate: &Escalation{Tag: tagExec, To: risk.High},
		Description: "decodes base64 or hex (high in a file that evaluates or executes code)",
		Skip:        docGlobs(),
		Pattern: `\batob\s*\(|Buffer\.from\([^)]*["'](?:base64|hex)["']|\bb64decode\s*\(|\bbase64\s+(?:-d|--decode)\b|` +
			`FromBase64String|\bbytes\.fromhex\s*\(|\bcodecs\.decode\([^)]*rot`,
		Needles: []string{"atob", "buffer.from", "b64decode", "base64", "frombase64string", "fromhex", "codecs.decode"},
	}, {
		ID: "obfuscation", Severity: risk.Medium,
		Description: "obfuscated code (obfuscator identifiers, char-code chains, escape runs)",
		Skip:        docGlobs(),
		Pattern:     `\b_0x[0-9a-f]{4,}\b|String\.fromCharCode\((?:\s*\d+\s*,){5,}|(?:\\u00[0-9a-fA-F]{2}){20,}`,
		Needles:     []string{"_0x", "fromcharcode", `\u00`},
	}, {
		ID: "minified-source", Severity: risk.Low,
		Description: "minified single-line source (over 1000 characters)",
		Paths:       []string{"*.js", "*.mjs", "*.cjs", "*.ts", "*.py", "*.go"},
		Pattern:     `^.`,
		MinLineLen:  1000,
	}, {
		ID: "unicode-bidi", Severity: risk.High,
		Description: "bidirectional control character (Trojan Source)",
		Pattern:     `[\x{202A}-\x{202E}\x{2066}-\x{2069}\x{200E}\x{200F}\x{061C}]`,
		Needles: []string{"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
			"\u2069", "\u200e", "\u200f", "\u061c"},
	}, {
		ID: "unicode-invisible", Severity: risk.High,
		Description: "invisible character (zero-width, word joiner, Hangul filler)",
		Pattern:     `[\x{200B}\x{200C}\x{2060}-\x{2064}\x{FEFF}\x{3164}\x{FFA0}\x{115F}\x{1160}\x{180E}]|[\x00-\x7F]\x{200D}|\x{200D}[\x00-\x7F]`,
		Ignore:      `^\x{FEFF}`,
		Needles: []string{"\u200b", "\u200c", "\u200d", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064",
			"\ufeff", "\u3164", "\uffa0", "\u115f", "\u1160", "\u180e"},
	}, {
		ID: "unicode-tag", Severity: risk.High,
		Description: "Unicode tag characters (hidden ASCII smuggling)",
		Pattern:     `[\x{E0000}-\x{E007F}]`,
		Ignore:      `\x{1F3F4}[\x{E0030}-\x{E0039}\x{E0061}-\x{E007A}]{2,6}\x{E007F}`,
		Needles:     []string{"\xf3\xa0\x80", "\xf3\xa0\x81"},
	}}
}

func buildRules() []Rule {
	return []Rule{{
		ID: "npm-install-script", Severity: risk.High,
		Description: "npm install lifecycle script (runs on install)",
		Paths:       []string{"package.json"},
		Pattern:     `"(?:pre|post)?install"\s*:`,
		Needles:     []string{"install"},
	}, {
		ID: "npm-prepare-script", Severity: risk.Medium,
		Description: "npm prepare/prepack lifecycle script",
		Paths:       []string{"package.json"},
		Pattern:     `"(?:prepare|prepublish|prepack|postpack)"\s*:`,
		Needles:     []string{"prep", "postpack"},
	}, {
		ID: "python-cmdclass", Severity: risk.High,
		Description: "custom setuptools command (runs on install/build)",
		Paths:       []string{"setup.py", "setup.cfg", "pyproject.toml"},
		Pattern:     `\bcmdclass\b|\[tool\.setuptools\.cmdclass\]`,
		Needles:     []string{"cmdclass"},
	}, {
		ID: "python-build-hook", Severity: risk.Medium, DiffOnly: true,
		Description: "Python build backend or build hook changed",
		Paths:       []string{"pyproject.toml"},
		Pattern:     `\bbuild-backend\b|\[tool\.hatch\.build\.hooks|\bsetup_requires\b`,
		Needles:     []string{"build-backend", "hatch.build.hooks", "setup_requires"},
	}, {
		ID: "build-script", Severity: risk.Medium, DiffOnly: true,
		Description: "build script changed (build.rs, binding.gyp)",
		Paths:       []string{"build.rs", "binding.gyp"},
	}, {
		ID: "go-generate", Severity: risk.Low,
		Description: "go:generate directive",
		Paths:       []string{"*.go"},
		Pattern:     `^\s*//go:generate\b`,
		Needles:     []string{"go:generate"},
	}, {
		ID: "dockerfile", Severity: risk.Medium, DiffOnly: true,
		Description: "Dockerfile changed",
		Paths:       dockerGlobs(),
	}, {
		ID: "dockerfile-remote-add", Severity: risk.High,
		Description: "Dockerfile ADD from a URL",
		Paths:       dockerGlobs(),
		Pattern:     `(?i)^\s*ADD\s+(?:--\S+\s+)*https?://`,
		Needles:     []string{"add"},
	}, {
		ID: "dockerfile-root", Severity: risk.Medium,
		Description: "Dockerfile switches to root",
		Paths:       dockerGlobs(),
		Pattern:     `(?i)^\s*USER\s+(?:root|0)(?::\S*)?\s*$`,
		Needles:     []string{"user"},
	}, {
		ID: "dockerfile-unpinned-base", Severity: risk.Low,
		Description: "Dockerfile base image not pinned by digest",
		Paths:       dockerGlobs(),
		Pattern:     `(?i)^\s*FROM\s+(?:--platform=\S+\s+)?[^\s@]+(?:\s+AS\s+\S+)?\s*$`,
		Ignore:      `(?i)^\s*FROM\s+scratch\b.*`,
		Needles:     []string{"from"},
	}, {
		ID: "dockerfile-secret-mount", Severity: risk.Medium,
		Description: "Dockerfile uses a build secret",
		Paths:       dockerGlobs(),
		Pattern:     `--mount=type=secret`,
		Needles:     []string{"type=secret"},
	}, {
		ID: "binary-file", Severity: risk.Medium,
		Description: "binary executable, library or archive",
		Paths: []string{"*.node", "*.so", "*.so.*", "*.dll", "*.exe", "*.dylib", "*.wasm", "*.jar", "*.class",
			"*.pyc", "*.bin", "*.zip", "*.tar", "*.tgz", "*.gz", "*.xz", "*.bz2", "*.7z", "*.rar", "*.whl",
			"*.deb", "*.rpm", "*.msi", "*.a", "*.o"},
	}}
}

func ciRules() []Rule {
	return []Rule{{
		ID: "ci-workflow", Severity: risk.Medium, DiffOnly: true,
		Description: "CI workflow changed",
		Paths:       workflowGlobs(),
	}, {
		ID: "ci-privileged-trigger", Severity: risk.High,
		Description: "privileged workflow trigger (pull_request_target, workflow_run)",
		Paths:       workflowGlobs(),
		Pattern:     `\b(?:pull_request_target|workflow_run)\b`,
		Needles:     []string{"pull_request_target", "workflow_run"},
	}, {
		ID: "ci-template-injection", Severity: risk.High,
		Description: "untrusted event data expanded in a workflow step",
		Paths:       workflowGlobs(),
		Pattern:     `\$\{\{\s*(?:github\.event\.|github\.head_ref\b)`,
		Ignore:      `^\s*(?:-\s*)?(?:if|name|concurrency|group)\s*:.*$`,
		Needles:     []string{"github.event", "github.head_ref"},
	}, {
		ID: "ci-write-all", Severity: risk.Medium,
		Description: "workflow with write-all permissions",
		Paths:       workflowGlobs(),
		Pattern:     `permissions\s*:\s*write-all`,
		Needles:     []string{"write-all"},
	}, {
		ID: "lockfile", Severity: risk.Low, DiffOnly: true,
		Description: "dependency lockfile changed",
		Paths:       lockGlobs(),
	}, {
		ID: "lockfile-source", Severity: risk.Medium,
		Description: "dependency resolved from git, a tarball URL, plain http or a local path",
		Paths:       lockGlobs(),
		Pattern:     `(?i)git\+(?:ssh|https?|file)://|\bgithub:[\w.-]+/|codeload\.github\.com|"http://|\bfile:\.{0,2}/`,
		Needles:     []string{"git+", "github:", "codeload", `"http://`, "file:"},
	}, {
		ID: "registry-config", Severity: risk.Medium,
		Description: "package registry configuration",
		Paths:       []string{".npmrc", ".yarnrc", ".yarnrc.yml", "pip.conf", "pip.ini", ".pypirc", "bunfig.toml"},
	}, {
		ID: "git-attributes", Severity: risk.Medium, DiffOnly: true,
		Description: ".gitattributes or .gitmodules changed (can hide diffs or pull other code)",
		Paths:       []string{".gitattributes", ".gitmodules"},
	}}
}

func agentRules() []Rule {
	return []Rule{{
		ID: "agent-config", Severity: risk.High, FullSeverity: risk.Medium,
		Description: "AI agent or editor configuration (hooks, MCP servers, tasks)",
		Paths: []string{".claude/**", "**/.claude/**", ".mcp.json", "**/.mcp.json", ".codex/**", ".cursor/**",
			".gemini/**", ".windsurf/**", ".vscode/tasks.json", ".vscode/settings.json", ".vscode/mcp.json"},
	}, {
		ID: "agent-instructions", Severity: risk.Medium, FullSeverity: risk.Low,
		Description: "AI agent instruction file",
		Paths: []string{"CLAUDE.md", "CLAUDE.local.md", "AGENTS.md", "GEMINI.md", ".cursorrules",
			".windsurfrules", ".github/copilot-instructions.md"},
	}, {
		ID: "vscode-folder-open", Severity: risk.High,
		Description: "editor task that runs when the folder is opened",
		Paths:       []string{".vscode/tasks.json"},
		Pattern:     `"runOn"\s*:\s*"folderOpen"`,
		Needles:     []string{"folderopen"},
	}, {
		ID: "reviewer-label", Severity: risk.High,
		Description: "review label vocabulary in the code (text aimed at the reviewer)",
		Pattern:     `(?i)security-risk:|security-blocked`,
		Needles:     []string{"security-risk:", "security-blocked"},
	}, {
		ID: "reviewer-injection", Severity: risk.High,
		Description: "text addressed to an AI reviewer (prompt injection)",
		Pattern: `(?i)\bignore\s+(?:all\s+)?(?:the\s+)?(?:previous|prior|above|earlier)\s+(?:instructions|prompts|rules)|` +
			`\bdisregard\s+(?:all\s+)?(?:the\s+)?(?:previous|prior|above)\s+instructions|` +
			`\byou\s+are\s+(?:an?\s+)?(?:AI|LLM|large\s+language\s+model)\b|\bas\s+an\s+AI\s+(?:code\s+|security\s+)?reviewer|` +
			`</?(?:IMPORTANT|SYSTEM)>|\bpre-?audited\b|\bdo\s+not\s+(?:report|flag)\b`,
		Needles: []string{"ignore", "disregard", "you are", "as an ai", "important>", "system>", "audited", "do not"},
	}, {
		ID: "markdown-hidden-comment", Severity: risk.Medium, FullSeverity: risk.Low,
		Description: "hidden HTML comment in Markdown",
		Paths:       []string{"*.md", "*.markdown", "*.mdx"},
		Pattern:     `<!--`,
		Needles:     []string{"<!--"},
	}, {
		ID: "persistence", Severity: risk.Medium,
		Description: "writes shell startup files, cron, services or git hooks",
		Skip:        docGlobs(),
		Pattern: `(?i)\.(?:bashrc|zshrc|bash_profile|zprofile)\b|(?:~|\$HOME|homedir\(\))[^\n]{0,12}\.profile\b|\bcrontab\b|` +
			`/etc/cron|/etc/systemd|systemctl\s+enable|LaunchAgents|LaunchDaemons|core\.hooksPath|/etc/rc\.local|\.config/autostart`,
		Needles: []string{".bashrc", ".zshrc", ".bash_profile", ".zprofile", ".profile", "crontab", "/etc/cron",
			"/etc/systemd", "systemctl", "launchagents", "launchdaemons", "hookspath", "rc.local", "autostart"},
	}, {
		ID: "destructive", Severity: risk.Medium,
		Description: "destructive command (rm -rf of / or home, shutdown, mkfs)",
		Skip:        docGlobs(),
		Pattern: `(?i)\brm\s+-[a-z]*\s+(?:/|~/?|\$HOME/?|/\*)(?:\s|["'\x60]|$)|\bshutdown\s+(?:-[hr]|now)\b|\bmkfs\.|` +
			`\bdd\s+if=[^\n]*of=/dev/`,
		Needles: []string{"rm -", "shutdown", "mkfs", "dd if"},
	}, {
		ID: "dormant-trigger", Severity: risk.Low,
		Description: "environment, time or chance gate (CI, Docker, date, random)",
		Skip:        docGlobs(),
		Pattern: `(?i)process\.env\.CI\b|(?:environ|getenv)[^\n]{0,20}["']CI["']|Math\.random\(\)\s*[<>]|` +
			`\brandom\.random\(\)\s*[<>]|new\s+Date\(\)\s*[<>]|Date\.now\(\)\s*[<>]|/\.dockerenv|\bGITHUB_ACTIONS\b`,
		Needles: []string{"process.env.ci", `"ci"`, "'ci'", "math.random", "random.random", "new date", "date.now",
			"dockerenv", "github_actions"},
	}}
}
