package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcp-trust/mcp-trust/catalog"
	"github.com/mcp-trust/mcp-trust/cli-plugin/iostreams"
	"github.com/mcp-trust/mcp-trust/internal/sanitize"
	"github.com/mcp-trust/mcp-trust/internal/trusttext"
)

// CatalogOptions holds the inputs of the catalog command.
type CatalogOptions struct {
	IO          *iostreams.IOStreams
	LoadCatalog func(ctx context.Context, spec string, opts ...catalog.Option) (*catalog.Catalog, error)
	Now         func() time.Time

	// OpenTUI shows the catalog in the terminal UI (see catalog_tui.go).
	OpenTUI func(ctx context.Context, cat *catalog.Catalog) error

	Source     string
	Publishers string
	Format     Format
	NoTUI      bool
	// UI holds the terminal UI's own flags (catalog_tui.go).
	UI        uiFlags
	ThemeName string // --theme, parsed into UI.Theme
}

// NewCmdCatalog builds `catalog`.
func NewCmdCatalog(f *Factory, runF func(*CatalogOptions) error) *cobra.Command {
	opts := &CatalogOptions{IO: f.IO, LoadCatalog: f.LoadCatalog, Now: f.Now}
	opts.OpenTUI = func(ctx context.Context, cat *catalog.Catalog) error { return openCatalogTUI(ctx, f, opts, cat) }
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Browse the MCP catalog with trust levels (build, publisher) and pin states",
		Long: `Browse the MCP catalog. Each server shows its trust level on two axes,
computed only from trusted data: build (docker-built, publisher-image,
remote) and publisher (known publisher, community); and the state of its
commit pin. The known-publishers list is built in (its source and date are
printed); --publishers FILE|URL replaces it.

--catalog takes the official catalog URL (the default; cached under the
Docker config directory and used offline when the network is down), a
registry checkout or its servers/ folder, a catalog YAML file or https URL,
oci://REF for a catalog artifact, or "demo" for the demo catalog built in.

On a terminal the catalog opens in an interactive UI (find, facets, details,
verification, review reports; press ? for its keys); --no-tui, a pipe or
--format print the table instead. In the UI, y copies the selected server's
verified repo@sha256: reference with OSC 52 (--no-clipboard or
MCPTRUST_NO_CLIPBOARD=1 turn it off); the mouse wheel scrolls and a click
selects (--no-mouse leaves the mouse to the terminal); --theme picks colours
for a dark or light background, or follows the terminal's (auto).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if opts.Format, err = formatFromFlags(cmd); err != nil {
				return err
			}
			if err = parseUIFlags(opts, f.Getenv); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return catalogRun(cmd.Context(), opts)
		},
	}
	addCatalogFlags(cmd, &opts.Source, &opts.Publishers)
	cmd.Flags().BoolVar(&opts.NoTUI, "no-tui", false, "Print the table even on a terminal")
	addUIFlags(cmd, opts)
	return cmd
}

func catalogRun(ctx context.Context, opts *CatalogOptions) error {
	cat, err := loadCatalog(ctx, opts.LoadCatalog, opts.Source, opts.Publishers)
	if err != nil {
		return err
	}
	if wantsTUI(opts) {
		return opts.OpenTUI(ctx, cat)
	}
	reportCatalogSource(opts.IO, cat, opts.Now())
	switch {
	case opts.Format.IsJSON():
		return writeJSON(opts.IO.Out, newCatalogView(cat))
	case opts.Format.IsTemplate():
		return writeTemplate(opts.IO.Out, opts.Format, cat.Servers)
	}
	return writeCatalogTable(opts.IO, cat)
}

// catalogView is the JSON contract of `catalog --format json`.
type catalogView struct {
	Source    string     `json:"source"`
	Kind      string     `json:"kind"`
	FetchedAt *time.Time `json:"fetched_at,omitempty"`
	FromCache bool       `json:"from_cache"`
	Stale     bool       `json:"stale"`
	// Counts is per one-axis tier (deprecated, kept for JSON users).
	Counts          map[catalog.Tier]int           `json:"counts"`
	BuildCounts     map[catalog.Build]int          `json:"build_counts"`
	PublisherCounts map[catalog.PublisherLevel]int `json:"publisher_counts"`
	Publishers      publishersView                 `json:"publishers"`
	Servers         []*catalog.Server              `json:"servers"`
	Problems        []catalog.Problem              `json:"problems"`
}

// publishersView says which known-publishers list classified the servers.
type publishersView struct {
	Origin    string     `json:"origin"` // "built-in", a path or a URL; "" when none
	Source    string     `json:"source"` // the list's own source: key
	Date      string     `json:"date"`   // the list's own date: key
	Servers   int        `json:"servers"`
	Owners    int        `json:"owners"`
	FetchedAt *time.Time `json:"fetched_at,omitempty"`
	FromCache bool       `json:"from_cache"`
	Stale     bool       `json:"stale"`
}

func newPublishersView(p *catalog.Publishers) publishersView {
	if p == nil {
		return publishersView{}
	}
	v := publishersView{Origin: p.Origin, Source: p.Source, Date: p.Date, Servers: len(p.Servers()), Owners: len(p.Owners()),
		FromCache: p.FromCache, Stale: p.Stale}
	if !p.FetchedAt.IsZero() {
		t := p.FetchedAt.UTC()
		v.FetchedAt = &t
	}
	return v
}

func newCatalogView(cat *catalog.Catalog) catalogView {
	v := catalogView{
		Source: cat.Source, Kind: string(cat.Kind), FromCache: cat.FromCache, Stale: cat.Stale,
		Counts: cat.Counts(), BuildCounts: cat.BuildCounts(), PublisherCounts: cat.PublisherCounts(),
		Publishers: newPublishersView(cat.KnownPublishers), Servers: cat.Servers, Problems: cat.Problems,
	}
	if !cat.FetchedAt.IsZero() {
		t := cat.FetchedAt.UTC()
		v.FetchedAt = &t
	}
	if v.Servers == nil {
		v.Servers = []*catalog.Server{}
	}
	if v.Problems == nil {
		v.Problems = []catalog.Problem{}
	}
	return v
}

// reportCatalogSource tells stderr where the catalog came from, how old it
// is, the counts per tier, and any entry that did not load.
func reportCatalogSource(io *iostreams.IOStreams, cat *catalog.Catalog, now time.Time) {
	w := io.ErrOut
	age := ""
	if !cat.FetchedAt.IsZero() {
		age = ", fetched " + trusttext.HumanAge(now.Sub(cat.FetchedAt)) + " ago"
	}
	fmt.Fprintf(w, "catalog: %s (%d servers%s)\n", sanitize.Line(cat.Source), len(cat.Servers), age)
	if cat.Stale {
		fmt.Fprintln(w, "warning: could not refresh the catalog; showing the cached copy")
	}
	fmt.Fprintln(w, "publishers: "+publishersLine(cat.KnownPublishers, now))
	fmt.Fprintf(w, "build: %s\n", axisCounts(catalog.Builds(), cat.BuildCounts(), func(b catalog.Build) string { return trusttext.Build(b).Word }))
	fmt.Fprintf(w, "publisher: %s\n", axisCounts(catalog.PublisherLevels(), cat.PublisherCounts(),
		func(p catalog.PublisherLevel) string { return trusttext.Publisher(p).Word }))
	for _, p := range cat.Problems {
		fmt.Fprintf(w, "warning: %s\n", sanitize.Line(p.String()))
	}
}

// publishersLine says which known-publishers list is used: where from,
// the list's own source and date, its size and age.
func publishersLine(p *catalog.Publishers, now time.Time) string {
	if p == nil {
		return "none (nobody is a known publisher)"
	}
	line := sanitize.Line(p.Origin)
	if p.Source != "" {
		line += ": " + sanitize.Line(p.Source)
	}
	if p.Date != "" {
		line += ", as of " + sanitize.Line(p.Date)
	}
	line += fmt.Sprintf(" (%d servers, %d owners", len(p.Servers()), len(p.Owners()))
	if !p.FetchedAt.IsZero() {
		line += ", fetched " + trusttext.HumanAge(now.Sub(p.FetchedAt)) + " ago"
	}
	line += ")"
	if p.Stale {
		line += "; warning: could not refresh the list, using the cached copy"
	}
	return line
}

// axisCounts lists the count of every level of one axis, in its order.
func axisCounts[K comparable](levels []K, counts map[K]int, word func(K) string) string {
	parts := make([]string, len(levels))
	for i, l := range levels {
		parts[i] = fmt.Sprintf("%s %d", word(l), counts[l])
	}
	return strings.Join(parts, ", ")
}
