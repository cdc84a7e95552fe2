package review

import (
	"fmt"
	"strings"

	"arsflow/summarize"
)

// Attention is something the handläggare should look at first, explained
// in Swedish: what was found, where, and what to check.
type Attention struct {
	Kind       string // "check", "flag", "conflict", "low"
	Severity   string // "error", "warning", "info"
	Title      string
	Text       string
	FieldKey   string // the field to open, if any
	DocumentID int64
	Page       int
	FlagKey    string // for a verdict, if the item can be confirmed or dismissed
	Verdict    string // "confirmed", "dismissed" or ""
}

// VerdictLabel is the verdict in Swedish.
func (a Attention) VerdictLabel() string {
	switch a.Verdict {
	case "confirmed":
		return "Bekräftad"
	case "dismissed":
		return "Avfärdad"
	}
	return ""
}

// SeverityLabel is the severity in Swedish.
func (a Attention) SeverityLabel() string { return CheckView{Severity: a.Severity}.SeverityLabel() }

// attention lists, most serious first, the checks, the summary's flags, the
// fields on which documents disagree and the fields read with low
// confidence.
func attention(v *CaseView, verdicts map[string]string) []Attention {
	var out []Attention
	docName := map[int64]string{}
	for _, d := range v.Documents {
		docName[d.ID] = d.Filename
	}
	where := func(docID int64, page int) string {
		switch {
		case docID != 0 && page > 0:
			return fmt.Sprintf(" Källa: %s, sida %d.", docName[docID], page)
		case docID != 0:
			return " Källa: " + docName[docID] + "."
		}
		return ""
	}
	for _, c := range v.Checks {
		key := "check:" + c.Code
		out = append(out, Attention{
			Kind: "check", Severity: c.Severity, Title: "Kontroll: " + c.SeverityLabel(),
			Text:       c.Message + where(c.DocumentID, c.Page) + " Kontrollera i originalet och bekräfta eller avfärda anmärkningen.",
			DocumentID: c.DocumentID, Page: c.Page, FlagKey: key, Verdict: verdicts[key],
		})
	}
	for i, f := range v.Current.Flags {
		key := fmt.Sprintf("flag:%s:%d", f.Code, i)
		text := f.Message
		if f.Text != "" {
			text += fmt.Sprintf(" Det gäller ”%s” i sammandraget.", f.Text)
		}
		title := "Sammandraget"
		if f.Code == summarize.FlagUnsupported {
			title = "Saknar stöd i handlingarna"
			text += " Jämför meningen med handlingarna och rätta sammandraget om uppgiften är fel."
		}
		out = append(out, Attention{Kind: "flag", Severity: "warning", Title: title, Text: text, FlagKey: key, Verdict: verdicts[key]})
	}
	for _, f := range v.Fields {
		if !f.Conflict() {
			continue
		}
		var vals []string
		for _, c := range f.Candidates {
			vals = append(vals, fmt.Sprintf("%s (%s, sida %d)", c.Display(), c.File, c.Page))
		}
		out = append(out, Attention{
			Kind: "conflict", Severity: "warning", Title: "Handlingarna anger olika värden: " + f.Label,
			Text:     "Maskinen valde " + f.MachineDisplay() + ". Funna värden: " + strings.Join(vals, "; ") + ". Kontrollera vilket värde som är rätt och rätta vid behov.",
			FieldKey: f.Key, DocumentID: f.DocumentID, Page: f.Page,
		})
	}
	for _, f := range v.Fields {
		if !f.LowConfidence() || f.Corrected {
			continue
		}
		out = append(out, Attention{
			Kind: "low", Severity: "info", Title: fmt.Sprintf("Osäker avläsning: %s (%d %%)", f.Label, f.ConfidencePercent()),
			Text:     fmt.Sprintf("Maskinen läste %s.%s Jämför med den markerade raden på sidan och rätta om värdet är fel.", f.MachineDisplay(), where(f.DocumentID, f.Page)),
			FieldKey: f.Key, DocumentID: f.DocumentID, Page: f.Page,
		})
	}
	return out
}
