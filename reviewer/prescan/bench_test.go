package prescan

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// benchLines is realistic added source, cycled through the generated
// change set; a few lines trip rules so the regex path is exercised too.
var benchLines = []string{
	`import { Server } from "@modelcontextprotocol/sdk/server/index.js";`,
	`const client = new Octokit({ auth: process.env.GITHUB_TOKEN, baseUrl: "https://api.github.com" });`,
	`export async function listIssues(owner: string, repo: string, page = 1): Promise<Issue[]> {`,
	`  const res = await fetch(` + "`${BASE}/repos/${owner}/${repo}/issues?page=${page}`" + `, { headers });`,
	`  if (!res.ok) throw new Error(` + "`GitHub returned ${res.status}: ${await res.text()}`" + `);`,
	`  return (await res.json()).map((i: any) => ({ id: i.id, title: i.title, state: i.state }));`,
	`}`,
	`def handle_request(self, request: Request) -> Response:`,
	`    """Return the tool result for one MCP call, validating the arguments first."""`,
	`    args = self.schema.validate(request.params.arguments or {})`,
	`    logger.info("calling %s with %d args", request.params.name, len(args))`,
	`func (s *Server) CallTool(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {`,
	`	if err := req.Validate(); err != nil { return nil, fmt.Errorf("validating request: %w", err) }`,
	`	// Keep the cache small: entries expire after five minutes and at most 128 are kept.`,
	`    "version": "1.4.2", "description": "An MCP server for the example service with 12 tools",`,
	`  for (const [key, value] of Object.entries(options)) { params.set(key, String(value)); }`,
	`server.tool("send_email", { to: z.string().email(), subject: z.string(), body: z.string() }, handler);`,
	`      - run: npm ci && npm test -- --coverage --reporters=default --reporters=jest-junit`,
	`  const emailData = { From: sender, To: to, Subject: subject, TextBody: textBody, HtmlBody: htmlBody };`,
	`// See https://docs.example.com/api/v2/reference for the field list; values are validated server side.`,
}

// genBenchDiff renders a change set of n files, each one hunk with 30 added
// lines between context and removed lines.
func genBenchDiff(n int) []byte {
	exts := []string{"ts", "js", "py", "go", "json", "yml"}
	var b bytes.Buffer
	k := 0
	for i := range n {
		name := fmt.Sprintf("src/pkg%03d/module_%05d.%s", i%250, i, exts[i%len(exts)])
		fmt.Fprintf(&b, "diff --git a/%s b/%s\nindex 1234567..89abcde 100644\n--- a/%s\n+++ b/%s\n", name, name, name, name)
		fmt.Fprintf(&b, "@@ -10,8 +10,60 @@ func context%d() {\n", i)
		for j := range 64 {
			line := benchLines[k%len(benchLines)]
			k++
			switch {
			case j%16 == 0:
				b.WriteString(" " + line + "\n")
			case j%16 == 1:
				b.WriteString("-" + line + "\n")
			default:
				b.WriteString("+" + line + "\n")
			}
		}
	}
	return b.Bytes()
}

// BenchmarkPrescan10k scans a generated 10,000-file diff (560,000 added
// lines, 56 MB) with the default rules and a run.allowHosts list. Target: at
// most 2 s per scan; bench/prescan.sh runs it.
func BenchmarkPrescan10k(b *testing.B) {
	diff := genBenchDiff(10000)
	s, err := NewScanner()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(diff)))
	b.ResetTimer()
	for b.Loop() {
		res, err := s.ScanDiff(context.Background(), bytes.NewReader(diff), ScanOptions{AllowHosts: []string{"api.github.com:443"}})
		if err != nil || res.Files != 10000 {
			b.Fatalf("ScanDiff = %v files, %v", res.Files, err)
		}
	}
}
