package verify

import "testing"

func TestNormaliseGitURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://github.com/acme/a", "github.com/acme/a"},
		{"https://github.com/Acme/A.git#refs/heads/main", "github.com/acme/a"},
		{"git@github.com:acme/a.git", "github.com/acme/a"},
		{"git+https://github.com/acme/a/", "github.com/acme/a"},
		{"https://x-access-token:secret@github.com/acme/a.git", "github.com/acme/a"},
		{"ssh://git@GitLab.example/Group/Repo.git", "gitlab.example/Group/Repo"},
		{"https://github.com/acme/a-evil", "github.com/acme/a-evil"},
		{"https://github.com.evil.example/acme/a", "github.com.evil.example/acme/a"},
	}
	for _, tt := range tests {
		if got := normaliseGitURL(tt.in); got != tt.want {
			t.Errorf("normaliseGitURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
