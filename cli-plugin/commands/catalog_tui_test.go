package commands

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/tui"
	"github.com/mcp-trust/mcp-trust/verify"
)

func TestCatalogOpensTUIOnlyOnATerminal(t *testing.T) {
	tests := []struct {
		name          string
		args          []string
		stdin, stdout bool
		tui           bool
	}{
		{"terminal", nil, true, true, true},
		{"--no-tui", []string{"--no-tui"}, true, true, false},
		{"json on a terminal", []string{"--format", "json"}, true, true, false},
		{"template on a terminal", []string{"--format", "{{.Name}}"}, true, true, false},
		{"stdout piped", nil, true, false, false},
		{"stdin piped", nil, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, out, _ := testFactory(t, false)
			f.IO.SetStdinTTY(tt.stdin)
			f.IO.SetStdoutTTY(tt.stdout)
			var opened *catalog.Catalog
			cmd := NewCmdCatalog(f, func(opts *CatalogOptions) error {
				opts.OpenTUI = func(_ context.Context, cat *catalog.Catalog) error {
					opened = cat
					return nil
				}
				return catalogRun(context.Background(), opts)
			})
			cmd.Flags().String("format", "table", "") // the root's persistent flag
			cmd.SetArgs(append([]string{"--catalog", "demo"}, tt.args...))
			cmd.SetOut(out)
			if err := cmd.Execute(); err != nil {
				t.Fatalf("catalog %v: %v", tt.args, err)
			}
			if got := opened != nil; got != tt.tui {
				t.Fatalf("catalog %v (stdin tty %v, stdout tty %v) opened the UI = %v, want %v", tt.args, tt.stdin, tt.stdout, got, tt.tui)
			}
			if tt.tui {
				if len(opened.Servers) < 10 || out.Len() != 0 {
					t.Errorf("the UI got %d servers and stdout %q; want the demo catalog and nothing printed", len(opened.Servers), out)
				}
			} else if out.Len() == 0 {
				t.Errorf("catalog %v printed nothing", tt.args)
			}
		})
	}
}

func TestLazyTUIVerifierAdaptsTheCatalogEntry(t *testing.T) {
	w := newSignedWorld(t)
	f, _, _ := testFactory(t, false)
	key, err := os.ReadFile(w.key)
	if err != nil {
		t.Fatal(err)
	}
	rekor, err := os.ReadFile(w.rekor)
	if err != nil {
		t.Fatal(err)
	}
	var built []TrustFlags
	f.Verifier = func(_ context.Context, trust TrustFlags, _ ...verify.Option) (*verify.Verifier, error) {
		built = append(built, trust)
		// The default flags mean Docker's key; the test world signs with its own.
		return verify.New(verify.WithKey(key), verify.WithRekorKeys(rekor))
	}
	cat, err := catalog.Load(context.Background(), w.catalog)
	if err != nil {
		t.Fatal(err)
	}
	v := lazyTUIVerifier(context.Background(), f, f.IO, nil)
	if len(built) != 0 {
		t.Fatalf("the verifier was built before any verification")
	}
	want := map[string]verify.Verdict{"good": verify.VerdictVerified, "relabelled": verify.VerdictFailed, "unsigned": verify.VerdictFailed}
	for _, s := range cat.Servers {
		res, err := v.Verify(context.Background(), s)
		if err != nil {
			t.Fatalf("Verify(%s): %v", s.Name, err)
		}
		if res.Verdict != want[s.Name] {
			t.Errorf("Verify(%s) = %s, want %s", s.Name, res.Verdict, want[s.Name])
		}
	}
	if len(built) != 1 || built[0] != (TrustFlags{}) {
		t.Errorf("Factory.Verifier calls = %+v, want one with the default trust flags", built)
	}
}

func TestLazyTUIVerifierReportsSetupErrors(t *testing.T) {
	f, _, _ := testFactory(t, false)
	f.Verifier = func(context.Context, TrustFlags, ...verify.Option) (*verify.Verifier, error) {
		return nil, errors.New("no key")
	}
	_, err := lazyTUIVerifier(context.Background(), f, f.IO, nil).Verify(context.Background(), &catalog.Server{Name: "x", Image: "mcp/x"})
	if err == nil || !strings.Contains(err.Error(), "building the verifier: no key") {
		t.Errorf("Verify with a failing factory = %v, want the setup error", err)
	}
}

func TestTUIOptions(t *testing.T) {
	f, _, _ := testFactory(t, true)
	cat := &catalog.Catalog{Source: "demo"}
	v := newTUIVerifier(nil, "")
	for _, color := range []bool{true, false} {
		f.IO.SetColorEnabled(color)
		o := tuiOptions(f.IO, cat, v, uiFlags{})
		if o.NoColor == color || o.Catalog != cat || o.Verifier != v || o.Clipboard != nil || o.NoClipboard || o.NoMouse || o.Theme != tui.ThemeAuto {
			t.Errorf("tuiOptions(color %v) = %+v", color, o)
		}
		if _, ok := o.Reports.(tui.NoReports); !ok || o.Input != nil || o.Output != nil {
			t.Errorf("tuiOptions: reports %T, input %v, output %v; want NoReports and the process terminal", o.Reports, o.Input, o.Output)
		}
	}
	o := tuiOptions(f.IO, cat, v, uiFlags{Theme: tui.ThemeLight, NoClipboard: true, NoMouse: true})
	if o.Theme != tui.ThemeLight || !o.NoClipboard || !o.NoMouse {
		t.Errorf("tuiOptions did not pass the UI flags on: %+v", o)
	}
}

// --theme, --no-clipboard, --no-mouse and MCPTRUST_NO_CLIPBOARD reach the
// UI's options.
func TestCatalogUIFlags(t *testing.T) {
	tests := []struct {
		args []string
		env  string
		want uiFlags
	}{
		{nil, "", uiFlags{}},
		{[]string{"--theme", "light"}, "", uiFlags{Theme: tui.ThemeLight}},
		{[]string{"--theme", "dark", "--no-mouse"}, "", uiFlags{Theme: tui.ThemeDark, NoMouse: true}},
		{[]string{"--theme", "auto", "--no-clipboard"}, "", uiFlags{NoClipboard: true}},
		{nil, "1", uiFlags{NoClipboard: true}},
		{nil, "yes", uiFlags{NoClipboard: true}}, // not a boolean: off, to be safe
		{nil, "0", uiFlags{}},
		{nil, "false", uiFlags{}},
	}
	for _, tt := range tests {
		f, out, _ := testFactory(t, true)
		f.Getenv = func(k string) string {
			if k == noClipboardEnv {
				return tt.env
			}
			return ""
		}
		var got uiFlags
		cmd := NewCmdCatalog(f, func(opts *CatalogOptions) error { got = opts.UI; return nil })
		cmd.Flags().String("format", "table", "")
		cmd.SetArgs(tt.args)
		cmd.SetOut(out)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("catalog %v: %v", tt.args, err)
		}
		if got != tt.want {
			t.Errorf("catalog %v with %s=%q: UI %+v, want %+v", tt.args, noClipboardEnv, tt.env, got, tt.want)
		}
	}
}

func TestCatalogRefusesAnUnknownTheme(t *testing.T) {
	res := runCommand(t, false, "catalog", "--catalog", "demo", "--theme", "blue")
	if res.err == nil || ExitCode(res.err) != ExitInput || !strings.Contains(res.err.Error(), "--theme: unknown theme \"blue\": want auto, dark or light") {
		t.Errorf("catalog --theme blue: %v (exit %d), want a usage error naming the themes", res.err, ExitCode(res.err))
	}
	if res.stdout != "" {
		t.Errorf("catalog --theme blue printed %q", res.stdout)
	}
}

func TestCatalogThemeCompletes(t *testing.T) {
	res := runCommand(t, false, "__complete", "catalog", "--theme", "")
	if res.err != nil || !strings.HasPrefix(res.stdout, "auto\ndark\nlight\n:4\n") {
		t.Errorf("completing --theme: %q, %v; want auto, dark, light and no file completion", res.stdout, res.err)
	}
}
