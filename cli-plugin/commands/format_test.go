package commands

import (
	"bytes"
	"errors"
	"testing"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in                    string
		json, table, template bool
		wantErr               bool
	}{
		{in: "", table: true},
		{in: "table", table: true},
		{in: "json", json: true},
		{in: "{{.Name}}", template: true},
		{in: "yaml", wantErr: true},
		{in: "{{.Name", wantErr: true},
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.in)
		if tt.wantErr {
			var fe *FlagError
			if !errors.As(err, &fe) {
				t.Errorf("ParseFormat(%q) error = %v, want a FlagError", tt.in, err)
			}
			continue
		}
		if err != nil || f.IsJSON() != tt.json || f.IsTable() != tt.table || f.IsTemplate() != tt.template {
			t.Errorf("ParseFormat(%q) = %+v, %v", tt.in, f, err)
		}
	}
}

func TestWriteTemplateSanitises(t *testing.T) {
	f, err := ParseFormat("{{.}}")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := writeTemplate(&b, f, []string{"ok", "\x1b[2Jfake", "a\u202Eb"}); err != nil {
		t.Fatal(err)
	}
	if want := "ok\n\\x1b[2Jfake\na\\u{202E}b\n"; b.String() != want {
		t.Errorf("writeTemplate = %q, want %q", b.String(), want)
	}
}
