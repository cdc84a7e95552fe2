package pdftext

import "bytes"

// headerWindow is how far into the data a PDF header is searched for.
const headerWindow = 1024

// findHeader returns the offset of "%PDF-" within the first headerWindow
// bytes, or -1.
func findHeader(data []byte) int {
	n := min(len(data), headerWindow)
	return bytes.Index(data[:n], []byte("%PDF-"))
}

// normalizeInPlace returns a copy of data whose first line is a header that
// ledongthuc/pdf accepts ("%PDF-1.7" and a newline), without moving any byte
// after the original header line, so that xref offsets stay valid when they
// count the junk before the header. It also trims junk after the last %%EOF
// and appends a missing %%EOF. ok is false when data has no PDF header.
func normalizeInPlace(data []byte) (out []byte, ok bool) {
	h := findHeader(data)
	if h < 0 {
		return nil, false
	}
	end := bytes.IndexAny(data[h:], "\r\n")
	if end < 0 {
		return nil, false
	}
	end += h
	// The region [0, end] (up to and including the first line break) is
	// rewritten to "%PDF-1.7\n" followed by a comment line of equal length.
	out = make([]byte, len(data), len(data)+16)
	copy(out, data)
	region := end + 1
	header := []byte("%PDF-1.7\n")
	if region < len(header) {
		// "%PDF-1\n" or similar: too short to rewrite in place.
		out = append(append([]byte{}, header...), data[end+1:]...)
		return fixTrailer(out), true
	}
	copy(out, header)
	rest := out[len(header):region]
	switch len(rest) {
	case 0:
	case 1:
		rest[0] = '\n'
	default:
		rest[0] = '%'
		for i := 1; i < len(rest)-1; i++ {
			rest[i] = ' '
		}
		rest[len(rest)-1] = '\n'
	}
	return fixTrailer(out), true
}

// normalizeStripped returns data with everything before the header removed
// and the header rewritten, for files whose xref offsets count from the
// header rather than from the start of the file.
func normalizeStripped(data []byte) ([]byte, bool) {
	h := findHeader(data)
	if h <= 0 {
		return nil, false
	}
	return normalizeInPlace(data[h:])
}

// fixTrailer cuts trailing junk after the last %%EOF marker, or appends one
// when it is missing, since ledongthuc/pdf looks for it at the very end.
func fixTrailer(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("%%EOF"))
	if i < 0 {
		return append(data, "\n%%EOF\n"...)
	}
	if len(bytes.TrimRight(data[i+5:], "\r\n\t \x00")) > 0 {
		return append(data[:i+5:i+5], '\n')
	}
	return data
}
