package casefile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrNotFound is returned when a case or document does not exist.
var ErrNotFound = errors.New("not found")

// stored is the form a document's extraction is kept in (the result column
// of document_extractions), with the text and fields that the JSON output of
// `arsflow extract` leaves out.
type stored struct {
	Document *Document        `json:"document"`
	Text     []Page           `json:"text"`
	Fields   map[string]Field `json:"fields"`
}

// EncodeDocument returns the stored form of d. NUL characters, which a PDF
// may carry but PostgreSQL's jsonb refuses, are left out.
func EncodeDocument(d *Document) ([]byte, error) {
	b, err := json.Marshal(stored{Document: d, Text: d.Text, Fields: d.Fields})
	if err != nil {
		return nil, err
	}
	return dropNUL(b), nil
}

// dropNUL removes the escape \u0000 from JSON text, leaving an escaped
// backslash followed by "u0000" as it is.
func dropNUL(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u0000`)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		if bytes.HasPrefix(b[i:], []byte(`\u0000`)) {
			i += 5
			continue
		}
		out = append(out, b[i], b[i+1])
		i++
	}
	return out
}

// DecodeDocument reads a document's stored form.
func DecodeDocument(b []byte) (*Document, error) {
	var s stored
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	if s.Document == nil {
		return nil, fmt.Errorf("empty stored document")
	}
	s.Document.Text, s.Document.Fields = s.Text, s.Fields
	return s.Document, nil
}

// StoredDocument is a stored document of a case with its database id.
type StoredDocument struct {
	ID  int64
	Doc *Document
}
