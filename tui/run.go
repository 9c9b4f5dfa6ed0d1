package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/mcp-trust/mcp-trust/catalog"
)

// DefaultConcurrency is how many images `V` verifies at once.
const DefaultConcurrency = 8

// Options is everything the UI needs; the command layer fills it.
type Options struct {
	// Catalog is the loaded catalog; required.
	Catalog *catalog.Catalog
	// Verifier checks a server's image; nil disables `v` and `V` with a
	// message saying so.
	Verifier Verifier
	// Reports finds reviews; nil means NoReports.
	Reports Reports
	// Clipboard receives `y` copies; nil means an OSC 52 sequence to the
	// terminal, which copies when the terminal allows it (the reference is
	// on the status line too, to copy by hand when it does not).
	Clipboard Clipboard
	// NoClipboard turns `y` off: it copies nothing and says so.
	NoClipboard bool
	// NoMouse leaves the mouse to the terminal (text selection) instead of
	// the wheel and clicks of the UI.
	NoMouse bool
	// Theme picks the colours; the zero value follows the terminal's
	// background. NoColor wins over any theme.
	Theme Theme
	// Input and Output are the terminal; nil means the program's defaults
	// (standard input and output). Wrapping the streams docker hands a
	// plugin breaks key input, so the command leaves them nil.
	Input  io.Reader
	Output io.Writer
	// NoColor turns off colour and every other text attribute.
	NoColor bool
	// Now is the clock for the catalog's age; nil means time.Now.
	Now func() time.Time
	// Concurrency bounds verifications in flight; 0 means
	// DefaultConcurrency.
	Concurrency int
}

func (o Options) withDefaults() Options {
	if o.Catalog == nil {
		o.Catalog = &catalog.Catalog{}
	}
	if o.Reports == nil {
		o.Reports = NoReports{}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	return o
}

// Run shows the catalog UI until the user quits or ctx is cancelled.
// Background work (verifications, review lookups) stops when it returns.
func Run(ctx context.Context, opts Options) error {
	if opts.Catalog == nil {
		return errors.New("running the catalog UI: no catalog")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := tea.NewProgram(newModel(ctx, opts), programOptions(ctx, opts)...)
	if _, err := p.Run(); err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return fmt.Errorf("running the catalog UI: %w", context.Cause(ctx))
		}
		return fmt.Errorf("running the catalog UI: %w", err)
	}
	return nil
}

func programOptions(ctx context.Context, opts Options) []tea.ProgramOption {
	po := []tea.ProgramOption{tea.WithContext(ctx)}
	if opts.Input != nil {
		po = append(po, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		po = append(po, tea.WithOutput(opts.Output))
	}
	if opts.NoColor {
		po = append(po, tea.WithColorProfile(colorprofile.Ascii))
	}
	return po
}
