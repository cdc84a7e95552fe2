package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"arsflow/extract/casefile"
)

// The public notice's data that is not in the database lives in embedded
// files under notice/: the extraction evaluation (written by `arsflow eval
// --record`), the accessibility statement and the English field labels.

// Roles of an evaluated corpus, from the least to the most telling.
const (
	RoleDevelopment = "development" // the extractor was tuned on it
	RoleHoldout     = "holdout"     // its misses were seen once
	RoleBlind       = "blind"       // never opened by the developers
	RoleReal        = "real"        // real årshandlingar
)

// Evaluation is the record of measured extraction quality.
type Evaluation struct {
	// Method says in Swedish how quality is measured.
	Method string `json:"method"`
	// MethodEn says the same in English.
	MethodEn string             `json:"method_en"`
	Corpora  []CorpusEvaluation `json:"corpora"`
}

// CorpusEvaluation is one run of `arsflow eval` on one corpus.
type CorpusEvaluation struct {
	Corpus          string  `json:"corpus"` // e.g. "testdata/holdout2"
	Role            string  `json:"role"`   // RoleDevelopment, RoleHoldout, RoleBlind or RoleReal
	MeasuredAt      string  `json:"measured_at"`
	Cases           int     `json:"cases"`
	ScannedCases    int     `json:"scanned_cases"`
	FieldF1Text     float64 `json:"field_f1_text_layer"`
	FieldF1Scanned  float64 `json:"field_f1_scanned"`
	FieldF1         float64 `json:"field_f1"`
	ChecksPrecision float64 `json:"checks_precision"`
	ChecksRecall    float64 `json:"checks_recall"`
	PlantedMissed   int     `json:"planted_missed"`
	DocumentTypesF1 float64 `json:"document_types_f1"`
	// PersonalDataRecall is the share of planted personal data found (and so redacted).
	PersonalDataRecall float64 `json:"personal_data_recall"`
}

// Put adds c, replacing an earlier run on the same corpus.
func (e *Evaluation) Put(c CorpusEvaluation) {
	for i := range e.Corpora {
		if e.Corpora[i].Corpus == c.Corpus {
			e.Corpora[i] = c
			return
		}
	}
	e.Corpora = append(e.Corpora, c)
}

// Latest is the date of the newest measurement.
func (e Evaluation) Latest() string {
	latest := ""
	for _, c := range e.Corpora {
		latest = max(latest, c.MeasuredAt)
	}
	return latest
}

// ReadEvaluation reads an evaluation record; a missing file is an empty one.
func ReadEvaluation(path string) (Evaluation, error) {
	var e Evaluation
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return e, nil
	}
	if err != nil {
		return e, fmt.Errorf("review.ReadEvaluation: %w", err)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return e, fmt.Errorf("review.ReadEvaluation %s: %w", path, err)
	}
	return e, nil
}

// WriteEvaluation writes e to path as indented JSON.
func WriteEvaluation(path string, e Evaluation) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return fmt.Errorf("review.WriteEvaluation: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("review.WriteEvaluation: %w", err)
	}
	return nil
}

// Accessibility is the accessibility statement's data, in the form DIGG
// prescribes (lagen (2018:1937) om tillgänglighet till digital offentlig service).
type Accessibility struct {
	Service    string `json:"service"`    // the digital service's name
	Compliance string `json:"compliance"` // "helt förenlig", "delvis förenlig" or "inte förenlig"
	Standard   string `json:"standard"`   // e.g. "WCAG 2.1 nivå AA"
	Assessed   string `json:"assessed"`   // date of the latest assessment, YYYY-MM-DD
	Updated    string `json:"updated"`    // date the statement was last updated
	Published  string `json:"published"`  // date the service was first published
	Method     string `json:"method"`     // how it was assessed
	// Shortcomings are the known failures to meet the requirements.
	Shortcomings []Shortcoming `json:"shortcomings"`
	// Disproportionate is content exempted as an unreasonable burden (12 §).
	Disproportionate []Shortcoming `json:"disproportionate"`
	// OutOfScope is content the law does not cover (9 §).
	OutOfScope []Shortcoming `json:"out_of_scope"`
	// ResponseDays is how soon a report of a shortcoming is answered.
	ResponseDays int `json:"response_days"`
	// ComplaintURL is DIGG's form for reporting a shortcoming.
	ComplaintURL string `json:"complaint_url"`
}

// Shortcoming is one known accessibility problem.
type Shortcoming struct {
	Text      string `json:"text"`
	Criterion string `json:"criterion,omitempty"` // e.g. "WCAG 2.1 1.3.1"
	Who       string `json:"who,omitempty"`       // whom it affects, e.g. "Användning utan synförmåga"
	Plan      string `json:"plan,omitempty"`      // what will be done and when
}

// noticeData is the embedded data of the public pages.
type noticeData struct {
	Evaluation    Evaluation
	Accessibility Accessibility
	FieldsEn      map[string]string
}

// loadNoticeData parses the embedded files and checks them.
func loadNoticeData() (noticeData, error) {
	var d noticeData
	for _, f := range []struct {
		name string
		dst  any
	}{
		{"notice/evaluation.json", &d.Evaluation},
		{"notice/accessibility.json", &d.Accessibility},
		{"notice/fields_en.json", &d.FieldsEn},
	} {
		b, err := assets.ReadFile(f.name)
		if err != nil {
			return d, err
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(f.dst); err != nil {
			return d, fmt.Errorf("%s: %w", f.name, err)
		}
	}
	for _, date := range []string{d.Accessibility.Assessed, d.Accessibility.Updated, d.Accessibility.Published} {
		if _, err := time.Parse(time.DateOnly, date); err != nil {
			return d, fmt.Errorf("notice/accessibility.json: date %q: want YYYY-MM-DD", date)
		}
	}
	for _, f := range casefile.FieldInfos {
		if d.FieldsEn[f.Key] == "" {
			return d, fmt.Errorf("notice/fields_en.json: no English label for %s", f.Key)
		}
	}
	switch d.Accessibility.Compliance {
	case "helt förenlig", "delvis förenlig", "inte förenlig":
	default:
		return d, fmt.Errorf("notice/accessibility.json: compliance %q: want helt, delvis or inte förenlig", d.Accessibility.Compliance)
	}
	return d, nil
}
