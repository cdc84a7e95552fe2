package ingest

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
)

// File is one file of an upload, as received.
type File struct {
	// Name is the file's name; for an entry of an uploaded zip, its path
	// within its association folder.
	Name string
	// Folder is the association folder the file came in, a hint for grouping
	// documents into cases; "" when none.
	Folder string
	// Data is the content. ReadFile leaves it nil for a file over the size
	// limit, after hashing it.
	Data []byte

	size   int64    // bytes received, when Data was not kept
	sum    [32]byte // sha256 of all bytes received, when Data was not kept
	summed bool
}

// Size returns the number of bytes received.
func (f File) Size() int64 {
	if f.summed {
		return f.size
	}
	return int64(len(f.Data))
}

// ReadFile reads one uploaded file from r, hashing all of it. A zip (known by
// its first bytes) is kept whole, since it is expanded later; any other file is
// kept only up to lim.MaxFileSize, and beyond that only its size and sha256
// are recorded. The caller bounds r (http.MaxBytesReader).
func ReadFile(r io.Reader, folder, name string, lim Limits) (File, error) {
	lim = lim.withDefaults()
	f := File{Name: name, Folder: folder}
	br := bufio.NewReader(r)
	head, _ := br.Peek(len(zipMagic))
	keep := lim.MaxFileSize
	if isZip(head) {
		keep = lim.MaxUploadSize
	}
	h := sha256.New()
	data, err := io.ReadAll(io.TeeReader(io.LimitReader(br, keep+1), h))
	if err != nil {
		return f, fmt.Errorf("ingest.ReadFile: %w", err)
	}
	if int64(len(data)) <= keep {
		f.Data = data
		return f, nil
	}
	n, err := io.Copy(h, br)
	if err != nil {
		return f, fmt.Errorf("ingest.ReadFile: %w", err)
	}
	f.size = int64(len(data)) + n
	copy(f.sum[:], h.Sum(nil))
	f.summed = true
	return f, nil
}
