package catalog

import (
	"errors"
	"strings"
	"testing"
)

// A10: every example of the threat model, and the noise around it.
func TestCheckProjectURL(t *testing.T) {
	tests := []struct {
		in      string
		wantMsg string // "" means accepted
	}{
		{"https://github.com/docker/mcp-registry", ""},
		{"https://github.com/a/b", ""},
		{"https://github.com/Owner-1/repo.name_x-y", ""},
		{"https://github.com/" + strings.Repeat("o", 39) + "/r", ""},
		{"", "missing"},
		{"http://github.com/o/r", `scheme "http" is not allowed`},
		{"git://github.com/o/r", `scheme "git" is not allowed`},
		{"ssh://git@github.com/o/r", `scheme "ssh" is not allowed`},
		{"file:///etc/passwd", `scheme "file" is not allowed`},
		{"ext::sh -c touch% /tmp/pwned", "plain ASCII without spaces"},
		{"ext::sh", "git transport syntax"},
		{"github.com/o/r", "must be an https:// URL"},
		{"-oProxyCommand=touch /tmp/x", "plain ASCII without spaces"},
		{"-oProxyCommand=id", "must not start with '-'"},
		{"--upload-pack=touch", "must not start with '-'"},
		{"https://user:tok@github.com/o/r", "userinfo"},
		{"https://github.com@evil.com/o/r", "userinfo"},
		{"https://github.com.evil.com/o/r", `host must be github.com, not "github.com.evil.com"`},
		{"https://GitHub.com/o/r", "host must be github.com"},
		{"https://gіthub.com/o/r", "plain ASCII"}, // Cyrillic і
		{"https://github.com/o/r/../../x", `must not contain ".."`},
		{"https://github.com/../o/r", `must not contain ".."`},
		{"https://github.com:443/o/r", "must not name a port"},
		{"https://github.com/o/r?ref=x", "query or fragment"},
		{"https://github.com/o/r#main", "query or fragment"},
		{"https://github.com/o/r.git", "must not end with .git"},
		{"https://github.com/o/r/", "must not end with '/'"},
		{"https://github.com/o/r/tree/main", "exactly https://github.com/<owner>/<repo>"},
		{"https://github.com/o", "exactly https://github.com/<owner>/<repo>"},
		{"https://github.com/-o/r", "must not start with '-'"},
		{"https://github.com/o/-r", "must not start with '-'"},
		{"https://github.com/o_o/r", "characters GitHub does not allow"},
		{"https://github.com/" + strings.Repeat("o", 40) + "/r", "characters GitHub does not allow"},
		{"https://github.com/o/r\n", "plain ASCII"},
		{"https://github.com/o/r%2e%2e", "characters GitHub does not allow"},
	}
	for _, tt := range tests {
		err := CheckProjectURL(tt.in)
		switch {
		case tt.wantMsg == "" && err != nil:
			t.Errorf("CheckProjectURL(%q) = %v, want nil", tt.in, err)
		case tt.wantMsg != "" && (!errors.Is(err, ErrBadProject) || !strings.Contains(err.Error(), tt.wantMsg)):
			t.Errorf("CheckProjectURL(%q) = %v, want ErrBadProject containing %q", tt.in, err, tt.wantMsg)
		}
	}
}

func TestGithubOwner(t *testing.T) {
	tests := map[string]string{
		"https://github.com/acme/x":          "acme",
		"https://github.com/acme/x.git":      "",
		"http://github.com/acme/x":           "",
		"https://github.com@evil.com/acme/x": "",
	}
	for in, want := range tests {
		if got := githubOwner(in); got != want {
			t.Errorf("githubOwner(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitTreeURL(t *testing.T) {
	const sha = "f98669cc9b81fea7bd27f04b1d03b400f511a9df"
	tests := []struct {
		in   string
		want Source
	}{
		{"https://github.com/o/r/tree/" + sha + "/src/server", Source{Project: "https://github.com/o/r", Commit: sha, Directory: "src/server"}},
		{"https://github.com/o/r/tree/" + sha, Source{Project: "https://github.com/o/r", Commit: sha}},
		{"https://github.com/o/r/tree/main/src", Source{Project: "https://github.com/o/r", Commit: "main", Directory: "src"}},
		{"https://github.com/o/r", Source{Project: "https://github.com/o/r"}},
		{"https://github.com/o/r/blob/" + sha + "/x", Source{Project: "https://github.com/o/r/blob/" + sha + "/x"}},
		{"https://gitlab.com/o/r/tree/" + sha, Source{Project: "https://gitlab.com/o/r/tree/" + sha}},
	}
	for _, tt := range tests {
		if got := splitTreeURL(tt.in); got != tt.want {
			t.Errorf("splitTreeURL(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
