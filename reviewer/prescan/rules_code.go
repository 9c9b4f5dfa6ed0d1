package prescan

import (
	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

// hostRules find URL literals and compare their hosts with run.allowHosts.
func hostRules() []Rule {
	return []Rule{{
		ID: "net-url", Severity: risk.Low, Hosts: true, Tags: []string{tagNet},
		Description: "outbound URL",
		Skip:        docsAndLocks(),
		Pattern:     `(?i)\b(?:https?|wss?|ftp)://[^\s"'<>\x60)\]}\\]+`,
		Needles:     []string{"://"},
	}}
}

func networkRules() []Rule {
	return []Rule{{
		ID: "net-ip", Severity: risk.Medium, Tags: []string{tagNet},
		Description: "hard-coded public IPv4 address",
		Skip:        docsAndLocks(),
		Pattern:     `(?:^|[^\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?:[^\w.]|$)`,
		Ignore:      `\b(?:127\.\d+\.\d+\.\d+|0\.0\.0\.0|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|255\.255\.255\.\d+)\b`,
		Needles:     []string{"0.", "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9."},
	}, {
		ID: "net-onion", Severity: risk.High, Tags: []string{tagNet},
		Description: "Tor .onion address",
		Pattern:     `(?i)\b[a-z2-7]{16,56}\.onion\b`,
		Needles:     []string{".onion"},
	}, {
		ID: "exfil-endpoint", Severity: risk.High, Tags: []string{tagNet},
		Description: "known exfiltration or tunnelling endpoint",
		Pattern: `(?i)discord(?:app)?\.com/api/webhooks|hooks\.slack\.com|api\.telegram\.org/bot|webhook\.site|` +
			`requestbin|pipedream\.(?:net|com)|ngrok|interact\.sh|\boast\.(?:pro|live|site|online|fun|me)\b|` +
			`burpcollaborator|pastebin\.com|transfer\.sh|ipinfo\.io|gist\.githubusercontent\.com|hastebin|paste\.ee`,
		Needles: []string{"discord", "hooks.slack", "api.telegram", "webhook.site", "requestbin", "pipedream",
			"ngrok", "interact.sh", "oast.", "burpcollaborator", "pastebin", "transfer.sh", "ipinfo.io",
			"gist.githubusercontent", "hastebin", "paste.ee"},
	}, {
		ID: "net-dns-computed", Severity: risk.Medium, Tags: []string{tagNet},
		Description: "DNS lookup of a computed name (possible DNS exfiltration)",
		Pattern: `(?i)(?:\bdns\.(?:resolve\w*|lookup)|\bnet\.Lookup\w+|gethostbyname|getaddrinfo|Resolve-DnsName|\bnslookup\b)` +
			`[^\n]*(?:\+|\$\{|%s|\bf["']|\.format\(|Sprintf)`,
		Needles: []string{"dns.", "net.lookup", "gethostbyname", "getaddrinfo", "resolve-dnsname", "nslookup"},
	}, {
		ID: "net-sink", Tags: []string{tagNet},
		Description: "network client (signal only)",
		Pattern: `\bfetch\(|\baxios\b|\bhttps?\.(?:request|get)\(|\brequests\.\w+\(|\burllib|\bhttpx\b|\baiohttp\b|` +
			`"net/http"|\bhttp\.(?:NewRequest|Post|Get|Do)\b|XMLHttpRequest|WebSocket|\bnet\.(?:connect|createConnection|Dial)|` +
			`\bsocket\.(?:socket|connect|create_connection)\b|node-fetch|\bundici\b|\bgot\(|superagent|sendBeacon|` +
			`Invoke-WebRequest|\bcurl\s|\bwget\s`,
		Needles: []string{"fetch(", "axios", "http.", "https.", "requests.", "urllib", "httpx", "aiohttp", "net/http",
			"xmlhttprequest", "websocket", "net.", "socket.", "undici", "got(", "superagent", "sendbeacon",
			"invoke-webrequest", "curl ", "wget "},
	}, {
		ID: "mail-sink", Tags: []string{tagMail, tagNet},
		Description: "mail client (signal only)",
		Pattern: `(?i)nodemailer|smtplib|postmark|sendgrid|mailgun|\bsmtp\b|sendMail|sendEmail|send_email|send_mail|` +
			`\bmailer\b|SESClient|\bses\.send`,
		Needles: []string{"nodemailer", "smtp", "postmark", "sendgrid", "mailgun", "sendmail", "sendemail",
			"send_email", "send_mail", "mailer", "sesclient", "ses.send"},
	}, {
		ID: "mail-bcc", Severity: risk.High, Tags: []string{tagMail},
		Description: "hidden mail recipient (bcc) added",
		Skip:        docGlobs(),
		Pattern:     `(?i)(?:^|[^a-z0-9_])["']?bcc["']?\]?\s*[:=]|["']bcc["']\s*[,\])]|\b(?:add|set)_?bcc\s*\(|\.bcc\s*\(`,
		Needles:     []string{"bcc"},
	}, {
		ID: "mail-cc", Severity: risk.Medium, Tags: []string{tagMail},
		Description: "mail recipient (cc) added",
		Skip:        docGlobs(),
		Pattern:     `(?i)(?:^|[^a-z0-9_-])["']?cc["']?\s*[:=]\s*["'\x60\[]|\b(?:add|set)_?cc\s*\(`,
		Needles:     []string{"cc"},
	}, {
		ID: "mail-address", Severity: risk.Medium, Escalate: &Escalation{Tag: tagMail, To: risk.High},
		Description: "hard-coded email address (high in code that sends mail)",
		Skip:        docsAndLocks(),
		Pattern:     `(?i)(?:^|[\s"'\x60<:=,(\[])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b`,
		Ignore: `(?i)[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)*(?:example\.(?:com|org|net)|users\.noreply\.github\.com|localhost)\b|` +
			`\bgit@[a-z0-9.-]+`,
		Needles: []string{"@"},
	}}
}

func execRules() []Rule {
	return []Rule{{
		ID: "exec-import", Severity: risk.Medium, Tags: []string{tagExec},
		Description: "process execution module imported",
		Pattern: `require\(\s*["'](?:node:)?child_process["']\s*\)|from\s+["'](?:node:)?child_process["']|` +
			`^\s*import\s+subprocess\b|^\s*from\s+subprocess\s+import\b|"os/exec"`,
		Needles: []string{"child_process", "subprocess", "os/exec"},
	}, {
		ID: "exec-shell", Severity: risk.High, Tags: []string{tagExec},
		Description: "shell command execution",
		Skip:        docGlobs(),
		Pattern: `\bexecSync\s*\(|(?:^|[^\w.$])exec\s*\(|\bshell\s*[:=]\s*(?:true|True)\b|\bos\.(?:system|popen)\s*\(|` +
			`\bpopen\s*\(|commands\.getoutput|Runtime\.getRuntime\(\)\.exec|` +
			`\bexec\.Command(?:Context)?\s*\(\s*(?:\w+\s*,\s*)?"(?:/bin/|/usr/bin/)?(?:ba|z|da|k)?sh"\s*,\s*"-c"|` +
			`"cmd(?:\.exe)?"\s*,\s*"/[cC]"`,
		Needles: []string{"exec", "shell", "system", "popen", "getoutput", "cmd"},
	}, {
		ID: "exec-eval", Severity: risk.High, Tags: []string{tagExec},
		Description: "dynamic code evaluation",
		Skip:        docGlobs(),
		Pattern: `(?:^|[^\w.$])eval\s*\(|\bnew\s+Function\s*\(|\bvm\.runIn\w*Context\b|\bvm\.Script\b|\bpickle\.loads?\s*\(|` +
			`\bmarshal\.loads\s*\(|\b__import__\s*\(|\bcompile\s*\([^)]*["']exec["']`,
		Needles: []string{"eval", "new function", "vm.", "pickle", "marshal", "__import__", "compile"},
	}, {
		ID: "exec-remote-script", Severity: risk.High, Tags: []string{tagExec, tagNet},
		Description: "downloads and runs a script, or runs encoded PowerShell",
		Pattern: `(?i)\b(?:curl|wget)\b[^|\n]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\b(?:iex|Invoke-Expression)\b|` +
			`-EncodedCommand\b|\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]*\s-(?:e|ec|en|enc|enco\w*)\s+[A-Za-z0-9+/=]{20,}`,
		Needles: []string{"curl", "wget", "iex", "invoke-expression", "-encodedcommand", "powershell", "pwsh"},
	}}
}

func secretRules() []Rule {
	return []Rule{{
		ID: "secret-env-dump", Severity: risk.Medium, Escalate: &Escalation{Tag: tagNet, To: risk.High},
		Description: "reads the whole environment (high near a network sink)",
		Pattern: `JSON\.stringify\(\s*process\.env\b|Object\.(?:keys|entries|values|assign)\(\s*(?:\{\s*\}\s*,\s*)?process\.env\s*\)|` +
			`\bos\.environ\.(?:items|copy|keys|values)\s*\(|dict\(\s*os\.environ\s*\)|json\.dumps\(\s*(?:dict\(\s*)?os\.environ|` +
			`\bos\.Environ\(\)|\bprintenv\b|\benv\s*\|\s*(?:curl|nc|base64)|Get-ChildItem\s+env:`,
		Needles: []string{"process.env", "os.environ", "printenv", "env |", "get-childitem"},
	}, {
		ID: "secret-file", Severity: risk.Medium, Escalate: &Escalation{Tag: tagNet, To: risk.High},
		Description: "reads a credential file (high near a network sink)",
		Skip:        docGlobs(),
		Pattern: `(?i)[~/\\'"]\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\b[^\n]{0,20}credentials|` +
			`\.docker\b[^\n]{0,20}config\.json|\.npmrc\b|\.netrc\b|\.pypirc\b|\.kube\b[^\n]{0,20}config|` +
			`\bgh\b[^\n]{0,10}hosts\.yml|\.git-credentials|\.cursor\b[^\n]{0,10}mcp\.json|claude_desktop_config\.json|` +
			`[~/\\'"]\.claude\b|wallet\.dat|\bLogin Data\b|/etc/shadow|\.gnupg\b`,
		Needles: []string{".ssh", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".aws", ".docker", ".npmrc",
			".netrc", ".pypirc", ".kube", "hosts.yml", ".git-credentials", ".cursor", "claude_desktop_config",
			".claude", "wallet.dat", "login data", "/etc/shadow", ".gnupg"},
	}, {
		ID: "secret-token", Severity: risk.Low, Escalate: &Escalation{Tag: tagNet, To: risk.High, DiffOnly: true},
		Description: "reads a token or API key (high when added near a network sink)",
		Skip:        docsAndLocks(),
		Pattern: `\b(?:GITHUB_TOKEN|GH_TOKEN|GITHUB_PAT|NPM_TOKEN|NODE_AUTH_TOKEN|PYPI_TOKEN|AWS_SECRET_ACCESS_KEY|` +
			`AWS_SESSION_TOKEN|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API_KEY|APIKEY|SECRET_KEY|SECRET|ACCESS_TOKEN|AUTH_TOKEN|PRIVATE_KEY))\b`,
		Needles: []string{"token", "api_key", "apikey", "secret", "private_key"},
	}, {
		ID: "secret-metadata", Severity: risk.High, Tags: []string{tagNet},
		Description: "cloud instance metadata endpoint",
		Pattern:     `169\.254\.169\.254|169\.254\.170\.2\b|metadata\.google\.internal|\bfd00:ec2::254\b|100\.100\.100\.200`,
		Needles:     []string{"169.254.1", "metadata.google", "fd00:ec2", "100.100.100.200"},
	}}
}
