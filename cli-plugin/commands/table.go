package commands

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
)

// writeCatalogTable prints the catalog as a table (catalog, demo); every
// cell is untrusted, so each is sanitised and cut to its width.
func writeCatalogTable(io *iostreams.IOStreams, cat *catalog.Catalog) error {
	tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tBUILD\tPUBLISHER\tPIN\tTYPE\tIMAGE\tTITLE")
	for _, s := range cat.Servers {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", cell(s.Name, 40),
			trusttext.Build(s.Build), trusttext.Publisher(s.Publisher), trusttext.Pin(s.Pin),
			cell(string(s.Type), 8), cell(imageOf(s), 60), cell(s.Title, 50))
	}
	return tw.Flush()
}

// imageOf is the image a row shows: with its digest when pinned, "-" for
// none.
func imageOf(s *catalog.Server) string {
	switch {
	case s.Image == "":
		return "-"
	case s.Digest != "" && !strings.Contains(s.Image, "@"):
		return s.Image + "@" + s.Digest
	}
	return s.Image
}

// cell sanitises an untrusted value for one table cell (trusttext.Cell).
func cell(s string, max int) string { return trusttext.Cell(s, max) }
