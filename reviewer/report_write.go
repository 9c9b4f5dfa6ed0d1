package reviewer

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/fsafe"
	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
)

// ReportInput is what the final report.md is made of.
type ReportInput struct {
	// Repo is the repository reviewed (URL or path).
	Repo string
	// Head and Base are the commits; Base is empty in full mode.
	Head, Base string
	// Agent names the reviewer ("claude", "codex", "prescan").
	Agent   string
	Verdict Verdict
	Prescan *prescan.ScanResult
	// AgentReport is the agent's report.md, nil when there is none.
	AgentReport []byte
}

// FinalReport renders the final report.md: our verdict and the pre-scan
// findings first, then the agent's report verbatim. Ours come first so that
// nothing in the agent's Markdown (an unclosed code fence or HTML comment)
// can hide them. Everything untrusted in our part is escaped: excerpts and
// file names as code spans they cannot leave, reasons as plain text.
func FinalReport(in ReportInput) []byte {
	var b bytes.Buffer
	writeSummary(&b, in)
	writePrescan(&b, in.Prescan)
	b.WriteString("\n## Agent report\n\n")
	if len(bytes.TrimSpace(in.AgentReport)) == 0 {
		b.WriteString("_No agent report._\n")
		return b.Bytes()
	}
	b.WriteString("> Written by the agent, verbatim. The verdict above already accounts for it.\n\n")
	b.Write(in.AgentReport)
	if !bytes.HasSuffix(in.AgentReport, []byte("\n")) {
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func writeSummary(b *bytes.Buffer, in ReportInput) {
	v := in.Verdict
	agentRisk, finalRisk := v.AgentRisk.String(), v.Risk.String()
	if v.Failed {
		finalRisk = "unknown (review failed)"
	}
	switch {
	case in.Agent == "prescan":
		agentRisk = "n/a (pre-scan only)"
	case v.Failed:
		agentRisk = "none (review failed)"
	}
	mode, base := prescan.ModeFull, "N/A"
	if in.Base != "" {
		mode, base = prescan.ModeDifferential, codeSpan(in.Base)
	}
	fmt.Fprintf(b, "# mcptrust security review\n\n")
	fmt.Fprintf(b, "- **Status:** %s\n- **Final Risk:** %s\n", v.Status(), finalRisk)
	fmt.Fprintf(b, "- **Agent Risk:** %s\n- **Pre-scan Risk:** %s\n", agentRisk, v.PrescanRisk)
	fmt.Fprintf(b, "- **Blocked:** %s\n- **Check Conclusion:** %s\n", yesNo(v.Blocked), v.Conclusion())
	fmt.Fprintf(b, "- **Agent:** %s\n- **Review Mode:** %s\n", mdText(cmp.Or(in.Agent, "unknown")), mode)
	fmt.Fprintf(b, "- **Repository:** %s\n- **Head Commit:** %s\n- **Base Commit:** %s\n",
		codeSpan(in.Repo), codeSpan(in.Head), base)
	if len(v.Reasons) > 0 {
		b.WriteString("\n### Reasons\n\n")
		for _, r := range v.Reasons {
			fmt.Fprintf(b, "- %s\n", mdText(r))
		}
	}
}

func writePrescan(b *bytes.Buffer, res *prescan.ScanResult) {
	b.WriteString("\n## Pre-scan\n\n")
	if res == nil {
		b.WriteString("_The pre-scan did not run._\n")
		return
	}
	fmt.Fprintf(b, "Mode: %s. Files scanned: %d. Findings: %d", res.Mode, res.Files, len(res.Findings))
	if res.Omitted > 0 {
		fmt.Fprintf(b, " (and %d more omitted by the caps)", res.Omitted)
	}
	b.WriteString(".\n")
	if len(res.Findings) > 0 {
		b.WriteString("\n")
	}
	for _, f := range res.Findings {
		loc := f.File
		if f.Line > 0 {
			loc = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		fmt.Fprintf(b, "- **%s** %s at %s: %s\n", f.Severity, codeSpan(f.Rule), codeSpan(loc), mdText(f.Message))
		if f.Excerpt != "" {
			// Never at the start of a line: a long backtick fence there
			// could read as a code block opener.
			fmt.Fprintf(b, "  Excerpt: %s\n", codeSpan(strings.TrimSpace(f.Excerpt)))
		}
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// WriteFinal writes the final report.md and labels.txt into dest
// atomically. A failed review gets no labels.txt (an existing one is
// removed first), so no earlier result can stand beside its report. dest is
// created if missing; a dest that is a symlink is refused (THREATS E5).
func WriteFinal(dest string, in ReportInput) error {
	root, err := fsafe.OpenDestDir(dest)
	if err != nil {
		return err
	}
	defer root.Close()
	labels, ok := in.Verdict.Labels()
	if !ok {
		if err := removeIfExists(root, LabelsFile); err != nil {
			return fmt.Errorf("removing stale labels: %w", err)
		}
	}
	if err := fsafe.WriteAtomic(root, ReportFile, FinalReport(in), 0o644); err != nil {
		return err
	}
	if ok {
		return fsafe.WriteAtomic(root, LabelsFile, labels.Marshal(), 0o644)
	}
	return nil
}
