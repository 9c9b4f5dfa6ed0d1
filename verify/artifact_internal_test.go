package verify

import "testing"

func TestPickLayer(t *testing.T) {
	const want = "application/vnd.docker.mcp.catalog.v1+json"
	layer := `{"mediaType":"application/json","digest":"sha256:` + sixtyFour + `","size":10}`
	tests := []struct {
		name, manifest string
		ok             bool
	}{
		{"artifactType field", `{"artifactType":"` + want + `","config":{"mediaType":"application/vnd.oci.empty.v1+json"},"layers":[` + layer + `]}`, true},
		{"config media type", `{"config":{"mediaType":"` + want + `"},"layers":[` + layer + `]}`, true},
		{"other type", `{"artifactType":"application/x-other","layers":[` + layer + `]}`, false},
		{"two json layers", `{"artifactType":"` + want + `","layers":[` + layer + `,` + layer + `]}`, false},
		{"no json layer", `{"artifactType":"` + want + `","layers":[]}`, false},
		{"not json", `{`, false},
	}
	for _, tt := range tests {
		_, err := pickLayer([]byte(tt.manifest), want, "application/json")
		if (err == nil) != tt.ok {
			t.Errorf("pickLayer(%s) = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

const sixtyFour = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
