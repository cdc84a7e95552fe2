package ingest

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// expandZip unpacks one level of an uploaded zip. Every entry becomes an item,
// accepted or rejected with its reason; nothing in the archive's headers is
// trusted: entries are read through io.LimitReader and their actual size and
// compression ratio are checked as well as the declared ones. budget is the
// number of uncompressed bytes the rest of the upload may still expand to.
//
// Nested zips are not expanded: one level is what "one folder per
// association" needs, and refusing deeper archives keeps the limits simple and
// the work per upload bounded. A nested zip is kept as a rejected file.
//
// A zip that cannot be read at all, or holds too many entries, becomes one
// rejected item: the zip itself, kept when within the size limit.
func expandZip(f File, lim Limits, budget *int64) (items []item, ignored []string) {
	whole := func(reason string) []item {
		it := item{name: f.Name, folder: f.Folder, size: int64(len(f.Data)), sum: sha256.Sum256(f.Data),
			hashed: true, ctype: "application/zip", reason: reason}
		if it.size <= lim.MaxFileSize {
			it.data = f.Data
		}
		return []item{it}
	}
	zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // insecure names are checked per entry below
		return whole("zip-filen är skadad eller ofullständig och kan inte packas upp"), nil
	}
	if n := len(zr.File); n > lim.MaxFiles {
		return whole(fmt.Sprintf("zip-filen innehåller för många filer (%d; högst %d)", n, lim.MaxFiles)), nil
	}

	type entry struct {
		zf     *zip.File
		name   string   // decoded, without NUL bytes
		parts  []string // nil when the name is unsafe
		unsafe string
	}
	var entries []entry
	for _, zf := range zr.File {
		name := cleanName(decodeEntryName(zf.Name))
		if strings.HasSuffix(name, "/") && zf.UncompressedSize64 == 0 || zf.Mode().IsDir() {
			continue
		}
		// A NUL byte marks the entry unsafe, and leaves its name, which
		// PostgreSQL text cannot hold.
		e := entry{zf: zf, name: strings.ReplaceAll(name, "\x00", ""), unsafe: unsafePath(name)}
		if e.unsafe == "" {
			e.parts = pathParts(strings.ReplaceAll(name, `\`, "/"))
			if len(e.parts) == 0 {
				continue
			}
			if ignoredPath(e.parts) {
				ignored = append(ignored, displayName(f.Name, name))
				continue
			}
		}
		entries = append(entries, e)
	}
	// A zip of a folder of association folders has one wrapping folder
	// ("Årshandlingar 2024/Förening A/x.pdf"): strip it so the association
	// folder is the one kept.
	for {
		var root string
		strip := len(entries) > 0
		for _, e := range entries {
			if len(e.parts) < 3 || root != "" && e.parts[0] != root {
				strip = false
				break
			}
			root = e.parts[0]
		}
		if !strip {
			break
		}
		for i := range entries {
			entries[i].parts = entries[i].parts[1:]
		}
	}

	for _, e := range entries {
		it := item{folder: f.Folder, name: e.name}
		if len(e.parts) >= 2 {
			it.folder, it.name = e.parts[0], strings.Join(e.parts[1:], "/")
		} else if len(e.parts) == 1 {
			it.name = e.parts[0]
		}
		it.reason = e.unsafe
		items = append(items, readEntry(it, e.zf, lim, budget))
	}
	return items, ignored
}

// readEntry checks and reads one zip entry into it. An entry that is refused
// before reading (symlink, encrypted, declared too large) has no bytes kept.
func readEntry(it item, zf *zip.File, lim Limits, budget *int64) item {
	declared := int64(zf.UncompressedSize64)
	if zf.UncompressedSize64 > 1<<62 {
		declared = 1 << 62
	}
	compressed := int64(zf.CompressedSize64)
	it.size = declared
	mode := zf.Mode()
	switch {
	case mode&fs.ModeSymlink != 0:
		return reject(it, "posten i zip-filen är en symbolisk länk, inte en fil")
	case !mode.IsRegular():
		return reject(it, "posten i zip-filen är inte en vanlig fil")
	case zf.Flags&0x1 != 0:
		return reject(it, "posten i zip-filen är krypterad (lösenordsskyddad); packa upp den och ladda upp PDF-filen direkt")
	case declared > lim.MaxFileSize:
		return reject(it, fmt.Sprintf("posten packas upp till %s, mer än största tillåtna filstorlek %s",
			humanSize(declared), humanSize(lim.MaxFileSize)))
	case declared > lim.RatioFloor && ratioAbove(declared, compressed, lim.MaxRatio):
		return reject(it, fmt.Sprintf("posten är komprimerad mer än %d gånger (misstänkt zip-bomb) och packas inte upp", lim.MaxRatio))
	case declared > *budget:
		return reject(it, fmt.Sprintf("uppladdningens zip-filer packas upp till mer än %s; dela upp uppladdningen", humanSize(lim.MaxUnzipped)))
	}
	rc, err := zf.Open()
	if err != nil {
		return reject(it, "posten i zip-filen är skadad eller använder en komprimering som inte stöds")
	}
	defer rc.Close()
	limit := min(lim.MaxFileSize, *budget)
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	n := int64(len(data))
	*budget -= n
	switch {
	case n > lim.MaxFileSize:
		return reject(it, fmt.Sprintf("posten packas upp till mer än %s fast zip-filen uppger %s (misstänkt zip-bomb)",
			humanSize(lim.MaxFileSize), humanSize(declared)))
	case n > limit:
		return reject(it, fmt.Sprintf("uppladdningens zip-filer packas upp till mer än %s; dela upp uppladdningen", humanSize(lim.MaxUnzipped)))
	case err != nil:
		return reject(it, "posten i zip-filen är skadad (kontrollsumman eller storleken stämmer inte)")
	case n > lim.RatioFloor && ratioAbove(n, compressed, lim.MaxRatio):
		return reject(it, fmt.Sprintf("posten är komprimerad mer än %d gånger (misstänkt zip-bomb)", lim.MaxRatio))
	}
	it.data, it.size, it.sum, it.hashed = data, n, sha256.Sum256(data), true
	it.ctype = contentType(data)
	if it.reason != "" {
		return it // unsafe name: kept, marked
	}
	if isZip(data) {
		it.reason = "zip-filer inuti zip-filer packas inte upp; packa upp den inre zip-filen och ladda upp dess innehåll"
		return it
	}
	warning, err := Check(data, n, lim)
	if err != nil {
		it.reason = err.Error()
		return it
	}
	it.warning = warning
	return it
}

// reject marks it rejected with reason, unless it already carries a reason.
func reject(it item, reason string) item {
	if it.reason == "" {
		it.reason = reason
	} else {
		it.reason += "; " + reason
	}
	return it
}

// ratioAbove reports whether size/compressed exceeds max.
func ratioAbove(size, compressed, max int64) bool {
	if compressed <= 0 {
		return size > 0
	}
	return float64(size)/float64(compressed) > float64(max)
}
