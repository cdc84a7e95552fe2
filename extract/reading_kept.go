package extract

import (
	"context"

	"arsflow/extract/casefile"
)

// Reading is a document together with what extraction read from its pages,
// kept so that forming cases from it does not read the same text again. A
// Reading is used by one goroutine at a time.
type Reading struct {
	Doc *casefile.Document
	rd  *reading // nil until the document is first assembled
}

// ReadDocument extracts one PDF as ExtractDocument does and keeps the reading.
func ReadDocument(ctx context.Context, file string, data []byte, opts Options) *Reading {
	doc, rd := extractDocument(ctx, file, data, opts)
	return &Reading{Doc: doc, rd: rd}
}

// Stored returns the Reading of a stored document; its text is read when
// it is first assembled.
func Stored(doc *casefile.Document) *Reading { return &Reading{Doc: doc} }

// Assemble forms the case of the readings, as AssembleCase does of their
// documents.
func Assemble(path string, rs []*Reading) *casefile.Case {
	docs := make([]*casefile.Document, len(rs))
	rds := make([]*reading, len(rs))
	for i, r := range rs {
		if r.rd == nil {
			r.rd = read(r.Doc.File, r.Doc.Text)
		}
		docs[i], rds[i] = r.Doc, r.rd
	}
	return assemble(path, docs, rds)
}
