package ingest

import (
	"fmt"
	"strings"
)

// Limits bound what one upload may contain. The zero value of a field means
// its default.
type Limits struct {
	// MaxFileSize is the largest file kept and processed, and the largest
	// uncompressed zip entry read (default 50 MiB).
	MaxFileSize int64
	// MaxUploadSize is the largest upload: the request body, or the sum of the
	// files given to Upload (default 500 MiB).
	MaxUploadSize int64
	// MaxFiles is the most files in one upload, after zips are expanded, and
	// the most entries one zip may hold (default 2000).
	MaxFiles int
	// MaxUnzipped is the most bytes all zips of one upload may expand to
	// (default 500 MiB).
	MaxUnzipped int64
	// MaxRatio is the highest compression ratio accepted for a zip entry
	// larger than RatioFloor (default 100).
	MaxRatio int64
	// RatioFloor is the uncompressed size below which the ratio is not
	// checked, since small files compress well without harm (default 1 MiB).
	RatioFloor int64
}

// Default limits.
const (
	DefaultMaxFileSize   = 50 << 20
	DefaultMaxUploadSize = 500 << 20
	DefaultMaxFiles      = 2000
	DefaultMaxUnzipped   = 500 << 20
	DefaultMaxRatio      = 100
	DefaultRatioFloor    = 1 << 20
)

// MaxNameLength is the longest folder or file name, in characters, that an
// upload may carry: what file systems allow.
const MaxNameLength = 255

// withDefaults returns l with every zero field set to its default.
func (l Limits) withDefaults() Limits {
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = DefaultMaxFileSize
	}
	if l.MaxUploadSize <= 0 {
		l.MaxUploadSize = DefaultMaxUploadSize
	}
	if l.MaxFiles <= 0 {
		l.MaxFiles = DefaultMaxFiles
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = DefaultMaxUnzipped
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = DefaultMaxRatio
	}
	if l.RatioFloor <= 0 {
		l.RatioFloor = DefaultRatioFloor
	}
	return l
}

// humanSize writes n bytes in Swedish with a unit, e.g. "50 MiB" or "1,5 KiB".
func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d byte", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 3; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	s := strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0")
	s = strings.Replace(s, ".", ",", 1)
	return s + " " + []string{"KiB", "MiB", "GiB", "TiB"}[exp]
}
