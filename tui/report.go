package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
	"github.com/mcp-trust/mcp-trust/tui/render"
)

// reportTitle frames every report (THREATS B11).
const reportTitle = trusttext.UntrustedReportTitle

// Report screen layout: three chrome lines, two border lines, two footer
// lines around the text.
const reportChrome = 7

// reportPane is the open report. The Markdown is kept while it is open so
// a resize can render it again at the new width.
type reportPane struct {
	seq       int  // answers for an older request are dropped
	rendering bool // a fetch or render is running; at most one at a time
	idx       int32
	loading   bool
	md        string
	rep       Report
	res       render.Result
	errText   string
	vp        viewport.Model
}

// reportMsg is a fetched and/or rendered report.
type reportMsg struct {
	seq   int
	rep   Report
	res   render.Result
	err   error
	width int // the width it was rendered at
}

// openReport opens the selected server's review, when there is one for
// the commit the catalog pins.
func (m *model) openReport() tea.Cmd {
	r := m.selected()
	switch {
	case r == nil:
		return nil
	case r.review.kind == reviewLoading:
		m.setStatus("reviews are still loading", false)
		return nil
	case r.review.kind != reviewFound:
		m.setStatus("no review of "+r.name+" yet", false)
		return nil
	case !r.review.report.ForPin:
		m.setStatus("the review of "+r.name+" is of commit "+orDash(r.review.report.Commit)+", not the pinned one: not shown", false)
		return nil
	}
	p := &m.report
	p.seq++
	p.idx, p.loading, p.rendering, p.md, p.errText = m.visible[m.cursor], true, true, "", ""
	p.vp = viewport.New(viewport.WithWidth(m.reportWidth()), viewport.WithHeight(m.reportHeight()))
	m.state = stateReport
	seq, srv, reports, ctx := p.seq, r.srv, m.opts.Reports, m.ctx
	opts := m.renderOptions()
	return func() tea.Msg { return fetchReport(ctx, seq, reports, srv, opts) }
}

// fetchReport runs in a Cmd: the lookup and the rendering.
func fetchReport(ctx context.Context, seq int, reports Reports, s *catalog.Server, opts render.Options) reportMsg {
	rep, err := reports.Report(ctx, s)
	if err != nil || !rep.Found {
		return reportMsg{seq: seq, rep: rep, err: err, width: opts.Width}
	}
	return reportMsg{seq: seq, rep: rep, res: render.Markdown(rep.Markdown, opts), width: opts.Width}
}

// apply shows an answer for the current request, and renders again when
// the width changed while it was rendering.
func (p *reportPane) apply(m *model, msg reportMsg) tea.Cmd {
	if msg.seq != p.seq {
		return nil
	}
	p.loading, p.rendering = false, false
	switch {
	case msg.err != nil:
		p.errText = "looking up the review: " + sanitize.Line(msg.err.Error())
	case !msg.rep.Found:
		p.errText = "the review is gone"
	default:
		p.md, p.rep, p.res = msg.rep.Markdown, msg.rep, msg.res
	}
	p.vp.SetContent(p.res.Text)
	if p.md != "" && m.state == stateReport && msg.width != m.reportWidth() {
		return p.render(m)
	}
	return nil
}

// resize re-renders the open report at the new width. A report at the
// limits takes seconds to render, so while one render runs a resize only
// waits for it; apply then renders once more at the latest width.
func (p *reportPane) resize(m *model) tea.Cmd {
	p.vp.SetWidth(m.reportWidth())
	p.vp.SetHeight(m.reportHeight())
	if m.state != stateReport || p.md == "" || p.rendering {
		return nil
	}
	return p.render(m)
}

// render renders the open report again in a Cmd.
func (p *reportPane) render(m *model) tea.Cmd {
	p.seq++
	p.rendering = true
	seq, rep, opts := p.seq, p.rep, m.renderOptions()
	return func() tea.Msg {
		return reportMsg{seq: seq, rep: rep, res: render.Markdown(rep.Markdown, opts), width: opts.Width}
	}
}

func (m *model) reportWidth() int  { return max(10, m.width-4) }
func (m *model) reportHeight() int { return max(1, m.height-reportChrome) }

// reportKey scrolls the report; esc goes back to the list.
func (m *model) reportKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Back) {
		m.state = stateList
		m.report.md = ""
		return nil
	}
	var cmd tea.Cmd
	m.report.vp, cmd = m.report.vp.Update(msg)
	return cmd
}

// reportView draws the tool's own verdicts (chrome) above a frame that
// holds the untrusted text. Nothing inside the frame comes from the tool.
func (m *model) reportView() string {
	p := &m.report
	r := &m.rows[p.idx]
	var b strings.Builder
	b.WriteString(fit(m.styles.Chrome.Render("mcptrust · "+p.rep.Source.header()+" of "+r.name+": ")+m.badge(reviewBadge(r.review), 0), m.width) + "\n")
	b.WriteString(fit("commit "+orDash(sanitize.Line(p.rep.Commit))+" · verification: "+m.badge(verifyBadge(r.verify), 0), m.width) + "\n")
	note := p.res.Notice
	switch {
	case p.loading:
		note = "loading the review…"
	case p.errText != "":
		note = p.errText
	}
	b.WriteString(fit(m.styles.Tones[toneWarn].Render(sanitize.Line(note)), m.width) + "\n")
	inner := m.reportWidth()
	frame := m.styles.Frame
	title := "─ " + reportTitle + " "
	b.WriteString(frame.Render("┌"+title+strings.Repeat("─", max(0, inner+2-len([]rune(title))))+"┐") + "\n")
	lines := strings.Split(p.vp.View(), "\n")
	for i := range m.reportHeight() {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString(frame.Render("│") + " " + fit(line, inner) + " " + frame.Render("│") + "\n")
	}
	b.WriteString(frame.Render("└"+strings.Repeat("─", inner+2)+"┘") + "\n")
	b.WriteString(m.statusLine() + "\n")
	b.WriteString(m.shortHelp())
	return b.String()
}
