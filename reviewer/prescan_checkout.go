package reviewer

import (
	"context"
	"errors"
	"io"

	"github.com/mcp-trust/mcp-trust/reviewer/prescan"
)

// Prescan runs s over the checkout: the added lines of base..head in
// differential mode, every file of the tree in full mode. opts.HeadDir is
// set to the checkout.
func (c *Checkout) Prescan(ctx context.Context, s *prescan.Scanner, opts prescan.ScanOptions) (*prescan.ScanResult, error) {
	if c.Base == "" {
		return s.ScanTree(ctx, c.Dir, opts)
	}
	opts.HeadDir = c.Dir
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := c.Diff(ctx, pw)
		pw.CloseWithError(err)
		done <- err
	}()
	res, err := s.ScanDiff(ctx, pr, opts)
	pr.CloseWithError(errors.New("scan finished"))
	if derr := <-done; derr != nil && err == nil {
		return nil, derr
	}
	return res, err
}
