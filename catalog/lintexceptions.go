package catalog

// The registry's documented exceptions: entries that predate a rule and
// that its validator (docker/mcp-registry cmd/validate, read at 818bf169)
// lets through by name. Lint reports such a break as a notice naming the
// exception (Problem.Exception), not an error. The names are the
// registry's data; keep them in step with upstream.
const (
	// ExceptionLegacyName: a server name older than name-format.
	ExceptionLegacyName = "legacy-name"
	// ExceptionLegacySecretName: a secret name older than secret-name.
	ExceptionLegacySecretName = "legacy-secret-name"
	// ExceptionOAuthDynamicTools: a server with oauth allowed a static
	// tool list (oauth-dynamic).
	ExceptionOAuthDynamicTools = "oauth-dynamic-tools"
)

// legacyNames are the server names exempt from name-format.
var legacyNames = map[string]bool{
	"SQLite":              true,
	"osp_marketing_tools": true,
	"youtube_transcript":  true,
}

// legacySecretNames are, per server, the secret names exempt from
// secret-name.
var legacySecretNames = map[string]map[string]bool{
	"nasdaq-data-link": {"nasdaq_data_link_api_key": true},
	"sec-edgar":        {"sec_edgar_user_agent": true},
}

// oauthStaticTools are the servers exempt from oauth-dynamic.
var oauthStaticTools = map[string]bool{
	"github-official": true,
}
