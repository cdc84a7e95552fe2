package pageimage

import (
	"container/list"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// DefaultMaxBytes bounds the cache when Options.MaxBytes is zero: about
// two to five thousand pages at the default resolution.
const DefaultMaxBytes = 512 << 20

// cache keeps the size and order of use of the files in the cache folder
// and removes the least recently used when they hold more than max bytes.
// The order survives a restart as the files' modification times, which a
// use sets.
type cache struct {
	max    int64
	mu     sync.Mutex
	total  int64
	order  *list.List               // of *entry, most recently used first
	byName map[string]*list.Element // file name (no folder) -> its element
	dir    string
}

type entry struct {
	name string
	size int64
}

// openCache reads the folder's files (leftover temporary files are
// removed), orders them by modification time and trims them to max.
func openCache(dir string, max int64) (*cache, error) {
	c := &cache{max: max, order: list.New(), byName: map[string]*list.Element{}, dir: dir}
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type file struct {
		entry
		at time.Time
	}
	var files []file
	for _, de := range des {
		info, err := de.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if strings.Contains(de.Name(), ".tmp") {
			_ = os.Remove(filepath.Join(dir, de.Name()))
			continue
		}
		files = append(files, file{entry{de.Name(), info.Size()}, info.ModTime()})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].at.After(files[j].at) })
	for _, f := range files {
		c.byName[f.name] = c.order.PushBack(&entry{f.name, f.size})
		c.total += f.size
	}
	c.trim()
	return c, nil
}

// used marks a cached file as just used.
func (c *cache) used(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byName[name]; ok {
		c.order.MoveToFront(el)
		now := time.Now()
		_ = os.Chtimes(filepath.Join(c.dir, name), now, now)
	}
}

// added records a file just written to the cache and removes the least
// recently used others while the cache is over its bound.
func (c *cache) added(name string, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	_ = os.Chtimes(filepath.Join(c.dir, name), now, now)
	if el, ok := c.byName[name]; ok {
		e := el.Value.(*entry)
		c.total += size - e.size
		e.size = size
		c.order.MoveToFront(el)
	} else {
		c.byName[name] = c.order.PushFront(&entry{name, size})
		c.total += size
	}
	c.trim()
}

// forget drops a file that is gone from the folder (another process
// removed it).
func (c *cache) forget(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byName[name]; ok {
		c.total -= el.Value.(*entry).size
		c.order.Remove(el)
		delete(c.byName, name)
	}
}

// trim removes the least recently used files until the cache holds at
// most max bytes, but never the most recent one. c.mu is held.
func (c *cache) trim() {
	for c.total > c.max && c.order.Len() > 1 {
		el := c.order.Back()
		e := el.Value.(*entry)
		_ = os.Remove(filepath.Join(c.dir, e.name))
		c.total -= e.size
		c.order.Remove(el)
		delete(c.byName, e.name)
	}
}
