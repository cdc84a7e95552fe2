package worker

import (
	"crypto/md5"
	"encoding/hex"
	"sync"

	"arsflow/extract"
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
	m     map[string]*extract.Reading
	order []string
}

// put remembers the reading of the document whose stored form has digest k.
func (c *recent) put(k string, r *extract.Reading) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*extract.Reading{}
	}
	if _, ok := c.m[k]; !ok {
		c.order = append(c.order, k)
	}
	c.m[k] = r
	for len(c.order) > recentSize {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
}

// get returns the reading of the document stored as raw (the jsonb's text)
// when it is remembered, and whether it was; else it decodes raw into a
// reading that reads the text when first assembled.
func (c *recent) get(raw []byte) (*extract.Reading, bool, error) {
	sum := md5.Sum(raw)
	k := hex.EncodeToString(sum[:])
	c.mu.Lock()
	r, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return r, true, nil
	}
	d, err := casefile.DecodeDocument(raw)
	if err != nil {
		return nil, false, err
	}
	return extract.Stored(d), false, nil
}
