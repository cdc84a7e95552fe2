package ingest

import (
	"fmt"
	"io"
	"strings"
)

// outcomeLabel is an outcome in Swedish.
var outcomeLabel = map[string]string{
	OutcomeAccepted:  "mottagen",
	OutcomeDuplicate: "dubblett",
	OutcomeRejected:  "avvisad",
}

// statusLabel is a pipeline status in Swedish.
var statusLabel = map[string]string{
	"queued": "i kö", "running": "pågår", "waiting": "läst, väntar på övriga dokument i samma mapp", "done": "klar", "failed": "misslyckades",
	"pending": "väntar på granskning", "approved": "godkänd", "rejected": "avslagen",
}

// stageLabel is a stage in Swedish.
var stageLabel = map[string]string{
	"extract": "textutdrag", "summarize": "sammanfattning", "review": "granskning", "": "ej köad",
}

// WriteReport prints an upload's report, one line per file.
func WriteReport(w io.Writer, rep *Report) {
	fmt.Fprintf(w, "batch %d: %d mottagna, %d dubbletter, %d avvisade\n", rep.BatchID, rep.Accepted, rep.Duplicates, rep.Rejected)
	for _, it := range rep.Items {
		line := fmt.Sprintf("  %-9s %s", outcomeLabel[it.Outcome], displayName(it.Folder, it.Name))
		if it.DocumentID != 0 {
			line += fmt.Sprintf(" (dokument %d)", it.DocumentID)
		}
		if it.Reason != "" {
			line += ": " + it.Reason
		}
		if it.Warning != "" {
			line += " – varning: " + it.Warning
		}
		fmt.Fprintln(w, line)
	}
	for _, name := range rep.Ignored {
		fmt.Fprintf(w, "  %-9s %s\n", "hoppades över", name)
	}
}

// ProgressPrinter prints what changed between successive progress answers.
type ProgressPrinter struct {
	W    io.Writer
	last map[int64]string
	sum  string
}

// Print writes a line for every document whose stage or status changed since
// the last call, and a summary line when the counts changed.
func (pp *ProgressPrinter) Print(p *Progress) {
	if pp.last == nil {
		pp.last = map[int64]string{}
	}
	for _, d := range p.Documents {
		if d.Outcome != OutcomeAccepted {
			continue
		}
		state := fmt.Sprintf("%s: %s", stageLabel[d.Stage], statusLabel[d.Status])
		if d.Error != "" {
			state += " (" + d.Error + ")"
		}
		if pp.last[d.DocumentID] == state {
			continue
		}
		pp.last[d.DocumentID] = state
		fmt.Fprintf(pp.W, "  dokument %d %s – %s\n", d.DocumentID, displayName(d.Folder, d.Name), state)
	}
	sum := fmt.Sprintf("%d av %d dokument har nått granskningen, %d misslyckades", p.InReview, p.Accepted, p.Failed)
	if sum != pp.sum {
		pp.sum = sum
		fmt.Fprintln(pp.W, sum)
	}
}

// Summary says in Swedish, in a sentence or two, what became of an upload,
// naming every rejected file and its reason; for the web UI.
func Summary(rep *Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Batch %d: %d %s, %d %s, %d %s.", rep.BatchID,
		rep.Accepted, plural(rep.Accepted, "fil mottagen", "filer mottagna"),
		rep.Duplicates, plural(rep.Duplicates, "dubblett", "dubbletter"),
		rep.Rejected, plural(rep.Rejected, "avvisad", "avvisade"))
	var rejected []string
	for _, it := range rep.Items {
		if it.Outcome == OutcomeRejected {
			rejected = append(rejected, fmt.Sprintf("%s: %s", displayName(it.Folder, it.Name), it.Reason))
		}
	}
	if len(rejected) > 0 {
		fmt.Fprintf(&b, " Avvisade: %s.", strings.Join(rejected, "; "))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
