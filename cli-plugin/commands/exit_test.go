package commands

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/lock"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, ExitOK},
		{"flag error", FlagErrorf("bad flag"), ExitInput},
		{"wrapped flag error", fmt.Errorf("running: %w", FlagErrorf("bad")), ExitInput},
		{"parse error", &catalog.ParseError{File: "f.yaml", Line: 3, Field: "source.commit", Err: errors.New("bad")}, ExitInput},
		{"input error", &catalog.InputError{Path: "x", Err: errors.New("missing")}, ExitInput},
		{"lock file error", fmt.Errorf("reading: %w", &lock.ParseError{File: "mcptrust.lock", Err: errors.New("bad")}), ExitInput},
		{"fetch error", &catalog.FetchError{URL: "https://example.invalid/c.yaml", Err: errors.New("down")}, ExitUndecided},
		{"trust error", &TrustError{Err: errors.New("lint found 2 errors")}, ExitTrust},
		{"undecided", &UndecidedError{Err: errors.New("registry down")}, ExitUndecided},
		{"cancelled", fmt.Errorf("loading: %w", context.Canceled), ExitCancelled},
		{"docker global flag", &StatusError{Err: errors.New("unknown flag: --bogus"), Code: ExitDockerUsage}, ExitDockerUsage},
		{"wrapped status", fmt.Errorf("running: %w", &StatusError{Err: errors.New("x"), Code: ExitDockerUsage}), ExitDockerUsage},
		{"status without a code is never success", &StatusError{Err: errors.New("x")}, ExitUndecided},
		{"unclassified is never success", errors.New("boom"), ExitUndecided},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExitCode(tt.err); got != tt.want {
				t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestPrintErrorIsOneSanitisedLine(t *testing.T) {
	var b strings.Builder
	printError(&b, errors.New("loading \x1b]52;c;AAAA\x07catalog\nsecond line"), "mcptrust catalog")
	got := b.String()
	if strings.ContainsRune(got, 0x1b) || strings.Count(got, "\n") != 1 {
		t.Errorf("printError = %q, want one line without ESC", got)
	}
	b.Reset()
	printError(&b, FlagErrorf("unknown flag: --x"), "mcptrust catalog")
	if want := "error: unknown flag: --x\nSee 'mcptrust catalog --help'.\n"; b.String() != want {
		t.Errorf("printError(flag error) = %q, want %q", b.String(), want)
	}
	b.Reset()
	printError(&b, silentTrustError("lint found 1 errors"), "mcptrust lint")
	if b.Len() != 0 {
		t.Errorf("printError(silent) = %q, want nothing", b.String())
	}
}
