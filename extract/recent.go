package extract

import (
	"crypto/md5"
	"encoding/hex"
	"sync"

	"arsflow/extract/casefile"
)

// recentSize bounds the readings a stage keeps: enough for the groups its
// workers are completing, a few megabytes each.
const recentSize = 48

// recent keeps the readings of the documents a stage read lately, by the
// digest of their stored form, so that completing a group does not decode
// and read again what a worker of this process has just read. The key is
// the md5 of the stored jsonb's text: PostgreSQL's md5(result::text) when
// it is saved, the md5 of the bytes pgx reads back (the same text) when it
// is loaded, so that a hit is the very content stored. A reading is used by
// one transaction at a time: the group's advisory lock serialises the
// transactions that complete a group, and a document belongs to one group.
type recent struct {
	mu    sync.Mutex
	m     map[string]recentDoc
	order []string
}

type recentDoc struct {
	doc *casefile.Document
	rd  *reading
}

// put remembers the reading of the document whose stored form has digest k.
func (c *recent) put(k string, doc *casefile.Document, rd *reading) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]recentDoc{}
	}
	if _, ok := c.m[k]; !ok {
		c.order = append(c.order, k)
	}
	c.m[k] = recentDoc{doc: doc, rd: rd}
	for len(c.order) > recentSize {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
}

// get returns the document stored as raw (the jsonb's text) with its
// reading when it is remembered; else it decodes raw and the reading is nil.
func (c *recent) get(raw []byte) (*casefile.Document, *reading, error) {
	sum := md5.Sum(raw)
	k := hex.EncodeToString(sum[:])
	c.mu.Lock()
	r, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return r.doc, r.rd, nil
	}
	d, err := casefile.DecodeDocument(raw)
	return d, nil, err
}

// readings returns the reading of each document, from known (by document)
// where there is one, else read now and remembered in known.
func readings(docs []*casefile.Document, known map[*casefile.Document]*reading) []*reading {
	rs := make([]*reading, len(docs))
	for i, d := range docs {
		if r := known[d]; r != nil {
			rs[i] = r
			continue
		}
		rs[i] = read(d.File, d.Text)
		known[d] = rs[i]
	}
	return rs
}
