package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// RunOptions are the options of `arsflow ingest`.
type RunOptions struct {
	Wait     bool          // follow the batch until everything reached review or failed
	Timeout  time.Duration // how long to wait at most (0: no limit beyond ctx)
	Interval time.Duration // between progress polls (0: 2 s)
}

// Run uploads the files, folders and zips at paths as one batch, prints each
// file's outcome to w, and with opts.Wait follows the batch, printing
// progress, until every accepted document reached review or failed. ok is
// false when a file was rejected, a document failed, or the wait timed out.
func (c *Client) Run(ctx context.Context, paths []string, opts RunOptions, w io.Writer) (ok bool, err error) {
	sources, ignored, err := Collect(paths)
	if err != nil {
		return false, err
	}
	for _, p := range ignored {
		fmt.Fprintf(w, "hoppar över %s (systemfil)\n", p)
	}
	if len(sources) == 0 {
		return false, errors.New("ingest: inga filer att ladda upp")
	}
	fmt.Fprintf(w, "laddar upp %d filer till %s\n", len(sources), c.BaseURL)
	rep, err := c.Upload(ctx, sources)
	if err != nil {
		return false, err
	}
	WriteReport(w, rep)
	ok = rep.Rejected == 0
	if !opts.Wait || rep.Accepted == 0 {
		return ok, nil
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	interval := opts.Interval
	if interval <= 0 {
		interval = 2 * time.Second
	}
	pp := &ProgressPrinter{W: w}
	p, err := c.Wait(ctx, rep.BatchID, interval, pp.Print)
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(w, "slutade vänta efter %s; batch %d är inte klar (följ den med arsflow status)\n", opts.Timeout, rep.BatchID)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if p.Failed > 0 {
		fmt.Fprintf(w, "%d dokument misslyckades; en administratör kan köra om dem\n", p.Failed)
		return false, nil
	}
	fmt.Fprintf(w, "klart: alla %d dokument har nått granskningen\n", p.InReview)
	return ok, nil
}
