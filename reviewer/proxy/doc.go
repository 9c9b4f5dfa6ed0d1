// Package proxy is the reviewer's key-injecting reverse proxy. It runs in
// its own container, the only one that holds the real API key and the only
// one with a route out; the agent reaches it over an internal network with a
// per-run random token.
//
// It is a reverse proxy with one fixed upstream (Anthropic or OpenAI), not a
// forward proxy: it refuses CONNECT and absolute-form request targets, and
// forwards only an allowlist of methods and exact, undecoded, clean paths
// (Anthropic POST /v1/messages and /v1/messages/count_tokens, optionally
// with ?beta=true; OpenAI POST /v1/responses). Bodies are capped (413) and
// inspected as JSON: duplicate keys, the MCP connector (mcp_servers), code
// execution containers, server-side and hosted tools, URL and file sources
// and background responses are refused (403), because each lets the model
// provider fetch or send data somewhere on the agent's behalf. Only an
// allowlist of request headers reaches the upstream, plus exactly one
// credential header that the proxy sets itself: every credential the client
// sent is dropped whatever its value. Requests beyond the per-run budget get
// 429.
//
// The log has one line per request: method, path (or "-" when refused
// before routing), status and byte counts. Headers, bodies, keys and tokens
// are never logged.
//
// Main is the command line (the hidden `mcptrust reviewer-proxy`); New
// builds the handler for tests and embedding.
package proxy
