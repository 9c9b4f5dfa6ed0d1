package tui

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

var (
	black = color.RGBA{0, 0, 0, 255}
	white = color.RGBA{255, 255, 255, 255}
)

// colourModel is a test model with colour on.
func colourModel(opts Options) *model {
	opts.Catalog = sampleCatalog()
	opts.Now = func() time.Time { return fixedNow }
	m := newModel(context.Background(), opts)
	m.resize(testWidth, testHeight)
	return m
}

func TestThemeChoosesThePalette(t *testing.T) {
	tests := []struct {
		theme   Theme
		noColor bool
		bg      color.Color // the terminal's answer; nil: none yet
		want    palette
	}{
		{ThemeAuto, false, nil, paletteBasic},
		{ThemeAuto, false, black, paletteDark},
		{ThemeAuto, false, white, paletteLight},
		{ThemeDark, false, nil, paletteDark},
		{ThemeDark, false, white, paletteDark},
		{ThemeLight, false, nil, paletteLight},
		{ThemeLight, false, black, paletteLight},
		{ThemeAuto, true, nil, palettePlain},
		{ThemeAuto, true, white, palettePlain},
		{ThemeDark, true, nil, palettePlain},
		{ThemeLight, true, black, palettePlain},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v,nocolor=%v,bg=%v", tt.theme, tt.noColor, tt.bg), func(t *testing.T) {
			m := colourModel(Options{Theme: tt.theme, NoColor: tt.noColor})
			if tt.bg != nil {
				m.Update(tea.BackgroundColorMsg{Color: tt.bg})
			}
			if m.styles.palette != tt.want {
				t.Fatalf("palette %v, want %v", m.styles.palette, tt.want)
			}
			if !reflect.DeepEqual(m.help.Styles, m.styles.Help) {
				t.Errorf("the short help does not use the palette's help styles")
			}
			if light := m.renderOptions().Light; light != (tt.want == paletteLight) {
				t.Errorf("the report renders for a light background: %v, palette %v", light, tt.want)
			}
			if tt.want == palettePlain && strings.Contains(view(m), "\x1b") {
				t.Errorf("the plain palette drew an escape sequence")
			}
		})
	}
}

// Every palette styles every badge tone: no palette leaves one unstyled
// while another colours it (the words are the same in each).
func TestEveryPaletteStylesEveryTone(t *testing.T) {
	for _, p := range []palette{paletteBasic, paletteDark, paletteLight} {
		s := newStyles(p)
		for tn, st := range s.Tones {
			if st.GetForeground() == nil {
				t.Errorf("palette %v: tone %d has no colour", p, tn)
			}
		}
	}
}

func TestParseTheme(t *testing.T) {
	for i, name := range Themes {
		if th, err := ParseTheme(name); err != nil || th != Theme(i) || th.String() != name {
			t.Errorf("ParseTheme(%q) = %v, %v", name, th, err)
		}
	}
	if _, err := ParseTheme("Dark"); err == nil || !strings.Contains(err.Error(), "want auto, dark or light") {
		t.Errorf("ParseTheme(Dark) = %v, want an error listing the themes", err)
	}
}

// A theme that changes with a pane open lays it out again in the new
// colours.
func TestBackgroundAnswerRestylesTheOpenPane(t *testing.T) {
	m := colourModel(Options{})
	sendKeys(m, "enter")
	before := m.detail.View()
	m.Update(tea.BackgroundColorMsg{Color: white})
	if m.detail.View() == before {
		t.Errorf("the detail pane kept the basic palette's colours after the light answer")
	}
}

// programOutput is what the program writes, with a wake-up after each
// write so a test can wait for a sequence without polling.
type programOutput struct {
	*syncBuffer
	wrote chan struct{} // buffer 1
}

func (o programOutput) Write(p []byte) (int, error) {
	n, err := o.syncBuffer.Write(p)
	select {
	case o.wrote <- struct{}{}:
	default:
	}
	return n, err
}

// waitFor waits until the output holds want.
func (o programOutput) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !strings.Contains(o.String(), want) {
		select {
		case <-o.wrote:
		case <-deadline:
			t.Fatalf("the program did not write %q; output %q", want, o.String())
		}
	}
}

// runProgram runs m in a real program reading the bytes a terminal would
// send from a pipe; it returns the pipe's writer, the output and the
// final model once the program ends.
func runProgram(t *testing.T, m *model) (io.Writer, programOutput, func() *model) {
	t.Helper()
	in, typed := io.Pipe()
	out := programOutput{syncBuffer: newSyncBuffer(), wrote: make(chan struct{}, 1)}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out),
		tea.WithWindowSize(testWidth, testHeight), tea.WithoutSignals())
	type ended struct {
		m   tea.Model
		err error
	}
	done := make(chan ended, 1)
	go func() {
		final, err := p.Run()
		done <- ended{final, err}
	}()
	t.Cleanup(func() { cancel(); _ = typed.Close() })
	return typed, out, func() *model {
		select {
		case e := <-done:
			if e.err != nil {
				t.Fatalf("program: %v", e.err)
			}
			return e.m.(*model)
		case <-time.After(20 * time.Second):
			t.Fatalf("the program did not end; output %q", out.String())
			return nil
		}
	}
}

// The real program asks the terminal for its background (OSC 11) and
// follows the answer, as a terminal sends it, to the light palette.
func TestAutoThemeFollowsTheTerminalAnswer(t *testing.T) {
	typed, out, final := runProgram(t, colourModel(Options{}))
	out.waitFor(t, "\x1b]11;?")
	if _, err := io.WriteString(typed, "\x1b]11;rgb:ffff/ffff/ffff\x1b\\q"); err != nil {
		t.Fatal(err)
	}
	if m := final(); m.styles.palette != paletteLight {
		t.Errorf("palette after a white background answer: %v, want light", m.styles.palette)
	}
}

// Init asks the terminal for its background only for the auto theme
// with colour on.
func TestInitAsksForTheBackgroundOnlyForAuto(t *testing.T) {
	for _, tt := range []struct {
		opts Options
		want bool
	}{
		{Options{}, true}, {Options{Theme: ThemeDark}, false}, {Options{Theme: ThemeLight}, false},
		{Options{NoColor: true}, false},
	} {
		m := colourModel(tt.opts)
		asked := false
		for _, msg := range initMsgs(m) {
			asked = asked || msg == tea.RequestBackgroundColor()
		}
		if asked != tt.want {
			t.Errorf("%+v: Init asked for the background: %v, want %v", tt.opts, asked, tt.want)
		}
	}
}

// initMsgs runs Init's commands but the review loader and returns their
// messages.
func initMsgs(m *model) []tea.Msg {
	m.rows = nil // no review loading
	cmd := m.Init()
	if cmd == nil {
		return nil
	}
	msg := cmd()
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range batch {
		if c != nil {
			out = append(out, c())
		}
	}
	return out
}

// A click as a terminal encodes it (SGR mouse, 1-based) selects the row.
func TestClickBytesSelectARow(t *testing.T) {
	m := colourModel(Options{Theme: ThemeDark})
	y := rowY(m, 3) + 1
	typed, out, final := runProgram(t, m)
	if _, err := fmt.Fprintf(typed, "\x1b[<0;7;%dM\x1b[<0;7;%dmq", y, y); err != nil {
		t.Fatal(err)
	}
	if got := final().selected().srv.Name; got != "notes" {
		t.Errorf("the click on the fourth row selected %s, want notes", got)
	}
	if !strings.Contains(out.String(), "\x1b[?1002h") && !strings.Contains(out.String(), "\x1b[?1000h") {
		t.Errorf("the program did not turn the mouse on; output %q", out.String())
	}
}
