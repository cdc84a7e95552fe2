package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Source is a local file to upload.
type Source struct {
	Path   string // on disk
	Folder string // association folder, "" when none
	Name   string // base name
}

// Collect turns the paths given to `arsflow ingest` into files to upload:
//   - a file (a PDF or a zip) is uploaded as is, without a folder; the server
//     expands zips;
//   - a folder holding only files is one association: its files get the
//     folder's name;
//   - a folder holding folders has one association per subfolder: every file
//     below a subfolder gets that subfolder's name; loose files beside the
//     subfolders get no folder.
//
// Every file is sent whatever its name, since the server judges files by
// their content and keeps and reports what it rejects; only dotfiles, dot
// folders and __MACOSX are skipped and returned in ignored.
func Collect(paths []string) (sources []Source, ignored []string, err error) {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, nil, err // names the path
		}
		if !fi.IsDir() {
			if skip(filepath.Base(p)) {
				ignored = append(ignored, p)
				continue
			}
			sources = append(sources, Source{Path: p, Name: filepath.Base(p)})
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, nil, err
		}
		hasDirs := false
		for _, e := range entries {
			if e.IsDir() && !skip(e.Name()) {
				hasDirs = true
			}
		}
		for _, e := range entries {
			full := filepath.Join(p, e.Name())
			switch {
			case skip(e.Name()):
				ignored = append(ignored, full)
			case e.IsDir():
				found, ign, err := walk(full, e.Name())
				if err != nil {
					return nil, nil, err
				}
				sources, ignored = append(sources, found...), append(ignored, ign...)
			case !e.Type().IsRegular():
				ignored = append(ignored, full)
			case hasDirs:
				sources = append(sources, Source{Path: full, Name: e.Name()})
			default:
				sources = append(sources, Source{Path: full, Folder: filepath.Base(filepath.Clean(p)), Name: e.Name()})
			}
		}
	}
	return sources, ignored, nil
}

// walk returns every regular file below dir, with folder as its folder.
func walk(dir, folder string) (sources []Source, ignored []string, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != dir && skip(d.Name()) {
			ignored = append(ignored, path)
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.Type().IsRegular():
			sources = append(sources, Source{Path: path, Folder: folder, Name: d.Name()})
		case !d.IsDir():
			ignored = append(ignored, path)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Slice(sources, func(i, j int) bool { return sources[i].Path < sources[j].Path })
	return sources, ignored, nil
}

// skip reports whether a file or folder name is clutter.
func skip(name string) bool { return ignoredPath([]string{name}) }
