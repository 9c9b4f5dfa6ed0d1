package reviewer

import (
	"errors"
	"strings"
	"testing"

	"github.com/mcp-trust/mcp-trust/reviewer/risk"
)

func TestParseLabels(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Labels
		ok   bool
	}{
		{"info", "security-risk:info\n", Labels{Risk: risk.Info}, true},
		{"critical no newline", "security-risk:critical", Labels{Risk: risk.Critical}, true},
		{"high and blocked", "security-risk:high\nsecurity-blocked\n", Labels{Risk: risk.High, Blocked: true}, true},
		{"blocked first", "security-blocked\nsecurity-risk:medium\n", Labels{Risk: risk.Medium, Blocked: true}, true},
		{"low", "security-risk:low\n", Labels{Risk: risk.Low}, true},
		{"none", "security-risk:none\n", Labels{}, false},
		{"uppercase INFO", "security-risk:INFO\n", Labels{}, false},
		{"space before value", "security-risk: low\n", Labels{}, false},
		{"trailing CR", "security-risk:low\r\n", Labels{}, false},
		{"CR only line end", "security-risk:low\r", Labels{}, false},
		{"BOM", "\ufeffsecurity-risk:low\n", Labels{}, false},
		{"Cyrillic o", "security-risk:l\u043ew\n", Labels{}, false},
		{"lgtm", "lgtm\n", Labels{}, false},
		{"approved", "approved\n", Labels{}, false},
		{"two risk labels", "security-risk:info\nsecurity-risk:critical\n", Labels{}, false},
		{"same risk twice", "security-risk:info\nsecurity-risk:info\n", Labels{}, false},
		{"blocked twice", "security-risk:high\nsecurity-blocked\nsecurity-blocked\n", Labels{}, false},
		{"blocked only", "security-blocked\n", Labels{}, false},
		{"empty file", "", Labels{}, false},
		{"only newline", "\n", Labels{}, false},
		{"two trailing newlines", "security-risk:low\n\n", Labels{}, false},
		{"blank line between", "security-risk:high\n\nsecurity-blocked\n", Labels{}, false},
		{"leading space", " security-risk:low\n", Labels{}, false},
		{"tab", "security-risk:low\t\n", Labels{}, false},
		{"NUL", "security-risk:low\x00\n", Labels{}, false},
		{"NUL after newline", "security-risk:low\n\x00", Labels{}, false},
		{"extra text", "security-risk:low # fine\n", Labels{}, false},
		{"markdown", "- security-risk:low\n", Labels{}, false},
		{"10 MB", "security-risk:low\n" + strings.Repeat("a", 10<<20), Labels{}, false},
		{"just over 1 KiB", "security-risk:low\n" + strings.Repeat("\n", MaxLabelsSize), Labels{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLabels([]byte(tt.in))
			if tt.ok {
				if err != nil || got != tt.want {
					t.Errorf("ParseLabels(%.40q) = %+v, %v; want %+v, nil", tt.in, got, err, tt.want)
				}
				return
			}
			var le *LabelsError
			if !errors.Is(err, ErrInvalidLabels) || !errors.As(err, &le) || got != (Labels{}) {
				t.Errorf("ParseLabels(%.40q) = %+v, %v; want ErrInvalidLabels", tt.in, got, err)
			}
		})
	}
}

func TestLabelsMarshalRoundTrip(t *testing.T) {
	tests := []struct {
		in   Labels
		want string
	}{
		{Labels{Risk: risk.Info}, "security-risk:info\n"},
		{Labels{Risk: risk.None}, "security-risk:info\n"},
		{Labels{Risk: risk.Critical, Blocked: true}, "security-risk:critical\nsecurity-blocked\n"},
	}
	for _, tt := range tests {
		got := tt.in.Marshal()
		if string(got) != tt.want {
			t.Errorf("%+v.Marshal() = %q, want %q", tt.in, got, tt.want)
		}
		if _, err := ParseLabels(got); err != nil {
			t.Errorf("ParseLabels(%+v.Marshal()) = %v, want nil", tt.in, err)
		}
	}
}
