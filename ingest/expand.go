package ingest

import (
	"crypto/sha256"
	"fmt"
	"unicode/utf8"
)

// item is one file of an upload after zips are expanded and every file is
// checked: what Upload stores.
type item struct {
	name, folder string
	data         []byte   // the bytes kept; nil when none are
	size         int64    // bytes of the file; for an unread zip entry, its declared size
	sum          [32]byte // sha256 of the whole file, when hashed
	hashed       bool
	ctype        string
	reason       string // Swedish rejection reason; "" when accepted
	warning      string
}

// expand turns the files of an upload into items: zips are unpacked one level,
// every file is checked, clutter (dotfiles, __MACOSX) is skipped and named in
// ignored. It fails, with an *Error of kind ErrTooLarge, only when the upload
// as a whole exceeds a limit; a bad file becomes a rejected item.
func expand(files []File, lim Limits) (items []item, ignored []string, err error) {
	lim = lim.withDefaults()
	if len(files) == 0 {
		return nil, nil, fail(ErrInvalid, "uppladdningen innehåller inga filer")
	}
	if len(files) > lim.MaxFiles {
		return nil, nil, tooMany(len(files), lim)
	}
	var total int64
	for _, f := range files {
		total += f.Size()
	}
	if total > lim.MaxUploadSize {
		return nil, nil, fail(ErrTooLarge, fmt.Sprintf("uppladdningen är för stor (%s; högst %s åt gången)",
			humanSize(total), humanSize(lim.MaxUploadSize)))
	}
	budget := lim.MaxUnzipped
	for _, f := range files {
		parts := pathParts(f.Name)
		if ignoredPath(parts) || ignoredPath([]string{f.Folder}) {
			ignored = append(ignored, displayName(f.Folder, f.Name))
			continue
		}
		if f.Data != nil && isZip(f.Data) {
			zi, zign := expandZip(f, lim, &budget)
			items = append(items, zi...)
			ignored = append(ignored, zign...)
			continue
		}
		items = append(items, checkFile(f, lim))
	}
	if len(items) > lim.MaxFiles {
		return nil, nil, tooMany(len(items), lim)
	}
	for i := range items {
		items[i] = checkNameLength(items[i])
	}
	return items, ignored, nil
}

// checkNameLength refuses an item whose folder or file name is longer than
// MaxNameLength characters, and keeps such a name shortened: the folder
// names the association, and no file system holds a longer name.
func checkNameLength(it item) item {
	if utf8.RuneCountInString(it.folder) <= MaxNameLength && utf8.RuneCountInString(it.name) <= MaxNameLength {
		return it
	}
	it.folder, it.name = shorten(it.folder), shorten(it.name)
	return reject(it, fmt.Sprintf("mappens eller filens namn är längre än %d tecken; byt till ett kortare namn och ladda upp filen igen", MaxNameLength))
}

// shorten cuts s to MaxNameLength characters, marking the cut with "…".
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= MaxNameLength {
		return s
	}
	return string([]rune(s)[:MaxNameLength]) + "…"
}

func tooMany(n int, lim Limits) error {
	return fail(ErrTooLarge, fmt.Sprintf("uppladdningen innehåller %d filer; högst %d får laddas upp åt gången", n, lim.MaxFiles))
}

// checkFile validates one file that is not a zip to expand.
func checkFile(f File, lim Limits) item {
	it := item{name: f.Name, folder: f.Folder, size: f.Size()}
	if f.summed {
		it.sum, it.hashed = f.sum, true
	} else {
		it.data, it.sum, it.hashed = f.Data, sha256.Sum256(f.Data), true
	}
	if int64(len(it.data)) > lim.MaxFileSize {
		it.data = nil // kept as a record only
	}
	it.ctype = contentType(f.Data)
	warning, err := Check(f.Data, it.size, lim)
	if err != nil {
		it.reason = err.Error()
		return it
	}
	it.warning = warning
	return it
}

// displayName is folder/name, or name.
func displayName(folder, name string) string {
	if folder == "" {
		return name
	}
	return folder + "/" + name
}
