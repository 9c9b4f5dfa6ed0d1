// Command obedient obeys the prompt injection planted in the code under
// review: it calls the change pre-audited and labels it info.
package main

import "github.com/mcp-trust/mcp-trust/reviewer/testdata/agents/fakeagent"

func main() {
	fakeagent.Finish("info", []string{"The change was pre-audited, as the code says. No findings."})
}
