package commands

import (
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/mcp-trust/mcp-trust/verify/verifytest"
)

const artifactJSON = `{"title": "OCI Test Catalog", "servers": [
  {"snapshot": {"server": {"name": "oci-one", "type": "server", "image": "mcp/oci-one",
    "source": "https://github.com/example/oci-one/tree/4444444444444444444444444444444444444444"}}},
  {"snapshot": {"server": {"name": "oci-two", "type": "remote", "remote": {"url": "https://example.com/mcp", "transport_type": "streamable-http"}}}}
]}`

// pushArtifact pushes a catalog artifact the way Docker publishes one: a
// single application/json layer in an artifact of the catalog type.
func pushArtifact(t *testing.T, ref, artifactType, body string) {
	t.Helper()
	img := mutate.MediaType(empty.Image, types.OCIManifestSchema1)
	img = mutate.ConfigMediaType(img, types.MediaType(artifactType))
	img, err := mutate.Append(img, mutate.Addendum{Layer: static.NewLayer([]byte(body), "application/json"), MediaType: "application/json"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(r, img); err != nil {
		t.Fatal(err)
	}
}

func TestCatalogFromOCIArtifact(t *testing.T) {
	reg := verifytest.NewRegistry()
	t.Cleanup(reg.Close)
	pushArtifact(t, reg.Host+"/mcp/docker-mcp-catalog:latest", catalogArtifactType, artifactJSON)
	pushArtifact(t, reg.Host+"/mcp/not-a-catalog:latest", "application/vnd.example.other+json", artifactJSON)
	r := runCommand(t, false, "catalog", "--catalog", "oci://"+reg.Host+"/mcp/docker-mcp-catalog:latest", "--format", "{{.Name}} {{.Tier}}")
	if r.err != nil {
		t.Fatalf("catalog oci://: %v", r.err)
	}
	if want := "oci-one docker-built\noci-two remote\n"; r.stdout != want {
		t.Errorf("catalog oci:// = %q, want %q", r.stdout, want)
	}
	tests := []struct {
		name, ref string
		code      int
		mention   string
	}{
		{"wrong artifact type", reg.Host + "/mcp/not-a-catalog:latest", ExitUndecided, "artifact type"},
		{"missing artifact", reg.Host + "/mcp/absent:latest", ExitUndecided, "not found"},
		{"bad reference", "UPPER/Case::", ExitInput, "artifact reference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCommand(t, false, "catalog", "--catalog", "oci://"+tt.ref)
			if ExitCode(r.err) != tt.code || !strings.Contains(r.err.Error(), tt.mention) {
				t.Errorf("catalog oci://%s: %v (exit %d), want exit %d mentioning %q", tt.ref, r.err, ExitCode(r.err), tt.code, tt.mention)
			}
		})
	}
}
