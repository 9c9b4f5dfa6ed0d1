// Package catalogtest generates large synthetic published catalogs for
// benchmarks and tests of the catalog package. Nothing here is real data.
package catalogtest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// WriteCatalog writes a published-catalog (v3 shape) YAML document with n
// entries. Entries rotate through the shapes the real catalog has: mcp/*
// images pinned by digest, publisher images, remotes with headers and
// OAuth, community-tagged entries and poci entries; descriptions mix plain,
// quoted and block scalars. The output is deterministic.
func WriteCatalog(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprint(bw, "name: docker-mcp\ndisplayName: Generated MCP Catalog\nregistry:\n")
	for i := 0; i < n; i++ {
		writeEntry(bw, i)
	}
	return bw.Flush()
}

func hexOf(i int, salt string, size int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s-%d", salt, i)))
	return hex.EncodeToString(sum[:])[:size]
}

func writeEntry(w io.Writer, i int) {
	name := fmt.Sprintf("server-%06d", i)
	fmt.Fprintf(w, "  %s:\n", name)
	switch i % 10 {
	case 0, 1, 2, 3, 4, 5:
		fmt.Fprintf(w, "    description: Generated server %d, reads and writes records through a public API.\n", i)
		fmt.Fprintf(w, "    title: Generated %d\n    type: server\n", i)
		fmt.Fprintf(w, "    image: mcp/%s@sha256:%s\n", name, hexOf(i, "digest", 64))
	case 6, 7:
		fmt.Fprintf(w, "    description: |-\n      Generated publisher server %d.\n      It ships its own image.\n", i)
		fmt.Fprintf(w, "    title: \"Publisher %d\"\n    type: server\n", i)
		fmt.Fprintf(w, "    image: ghcr.io/org-%d/server:%d.0.1\n", i%97, i%13)
	case 8:
		writeRemote(w, i, name)
	case 9:
		fmt.Fprintf(w, "    description: 'Community tool %d, see the readme.'\n    title: Community %d\n    type: server\n", i, i)
		fmt.Fprintf(w, "    image: user%d/tool:latest\n", i)
	}
	fmt.Fprintf(w, "    dateAdded: \"2025-%02d-%02dT09:00:00Z\"\n", i%12+1, i%28+1)
	fmt.Fprintf(w, "    readme: https://example.com/catalog/%s/readme.md\n", name)
	fmt.Fprintf(w, "    toolsUrl: https://example.com/catalog/%s/tools.json\n", name)
	if i%10 != 8 {
		fmt.Fprintf(w, "    source: https://github.com/org-%d/repo-%d/tree/%s/src\n", i%97, i, hexOf(i, "commit", 40))
		fmt.Fprintf(w, "    upstream: https://github.com/org-%d/repo-%d\n", i%97, i)
		fmt.Fprintf(w, "    secrets:\n      - name: %s.api_key\n        env: API_KEY\n", name)
	}
	fmt.Fprintf(w, "    icon: https://example.com/icons/%d.png\n", i%500)
	writeMetadata(w, i)
}

func writeRemote(w io.Writer, i int, name string) {
	fmt.Fprintf(w, "    description: Hosted endpoint %d.\n    title: Remote %d\n    type: remote\n", i, i)
	fmt.Fprintf(w, "    remote:\n      transport_type: streamable-http\n      url: https://mcp%d.example.com/mcp\n", i)
	fmt.Fprintf(w, "      headers:\n        Authorization: Bearer ${TOKEN_%d}\n", i)
	fmt.Fprintf(w, "    oauth:\n      providers:\n        - provider: p%d\n          secret: %s.token\n          env: TOKEN_%d\n", i, name, i)
}

func writeMetadata(w io.Writer, i int) {
	fmt.Fprintf(w, "    metadata:\n      pulls: %d\n      stars: %d\n      githubStars: %d\n", i*37%100000, i%50, i%5000)
	fmt.Fprintf(w, "      category: cat-%d\n      tags:\n        - tag-%d\n        - tag-%d\n", i%20, i%30, i%7)
	if i%10 == 9 {
		fmt.Fprint(w, "        - community\n")
	}
	fmt.Fprintf(w, "      license: MIT License\n      owner: org-%d\n", i%97)
}
