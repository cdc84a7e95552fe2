// Package pageimage renders a page of a stored original to a PNG with
// poppler's pdftoppm, so that a handläggare sees the evidence of a field
// beside its value. A render runs as a separate process with a bounded
// time, a bounded address space, a minimal environment and its own
// temporary directory, like the extraction's tools; at most a few run at
// once, and every rendered page is cached on disk by the document's sha256,
// in a folder of bounded size from which the least recently used pages go
// first.
package pageimage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/sync/singleflight"
)

// Errors.
var (
	// ErrNoPage: the document has no such page.
	ErrNoPage = errors.New("pageimage: no such page")
	// ErrRender: pdftoppm failed, ran out of time or memory, or is missing.
	ErrRender = errors.New("pageimage: render failed")
)

// errTimeout marks a render that ran out of time, which may succeed later.
var errTimeout = errors.New("timed out")

// errMissing marks a machine without pdftoppm, which an operator may fix.
var errMissing = errors.New("pdftoppm is not installed")

// Renderer renders and caches page images. The zero value is not usable;
// call New.
type Renderer struct {
	dir      string
	dpi      int
	timeout  time.Duration
	memLimit int64
	tool     string
	sem      chan struct{}
	group    singleflight.Group
	cache    *cache
}

// Options bound a Renderer; zero fields get the defaults.
type Options struct {
	DPI         int           // resolution; default 110
	Timeout     time.Duration // per page; default 30 s
	MemLimit    int64         // address space of pdftoppm in bytes; default 1 GiB
	Concurrency int           // renders at once; default 2
	Pdftoppm    string        // the binary; default "pdftoppm" on PATH
	// MaxBytes bounds the cache folder; the least recently used pages are
	// removed beyond it. Default DefaultMaxBytes.
	MaxBytes int64
}

// New returns a Renderer that caches in dir (created if missing).
func New(dir string, o Options) (*Renderer, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pageimage: cache folder: %w", err)
	}
	if o.DPI <= 0 {
		o.DPI = 110
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MemLimit <= 0 {
		o.MemLimit = 1 << 30
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 2
	}
	if o.Pdftoppm == "" {
		o.Pdftoppm = "pdftoppm"
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	c, err := openCache(dir, o.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("pageimage: cache folder: %w", err)
	}
	return &Renderer{dir: dir, dpi: o.DPI, timeout: o.Timeout, memLimit: o.MemLimit, tool: o.Pdftoppm,
		sem: make(chan struct{}, o.Concurrency), cache: c}, nil
}

// Page is a rendered page.
type Page struct {
	PNG []byte
	// Width and Height are the page's size in PDF points (1/72 inch), for
	// drawing a field's bounding box over the image.
	Width, Height float64
}

// Render returns page (1-based) of the document whose sha256 (hex) is key.
// load is called for the PDF's bytes only when the page is not cached.
func (r *Renderer) Render(ctx context.Context, key string, page int, load func(context.Context) ([]byte, error)) (*Page, error) {
	if page < 1 || page > 100_000 || !validKey(key) {
		return nil, ErrNoPage
	}
	base := fmt.Sprintf("%s-%d-%d.png", key, page, r.dpi)
	name := filepath.Join(r.dir, base)
	v, err, _ := r.group.Do(name, func() (any, error) {
		if b, err := os.ReadFile(name); err == nil {
			r.cache.used(base)
			return b, nil
		}
		r.cache.forget(base)
		// A page that could not be rendered is not tried again.
		if msg, err := os.ReadFile(name + ".err"); err == nil {
			r.cache.used(base + ".err")
			if string(msg) == ErrNoPage.Error() {
				return nil, ErrNoPage
			}
			return nil, fmt.Errorf("%w: %s", ErrRender, msg)
		}
		data, err := load(ctx)
		if err != nil {
			return nil, err
		}
		b, err := r.render(ctx, data, page)
		// A PDF that pdftoppm cannot render fails the same way next time;
		// a timeout (a busy machine) or a missing tool may not.
		if (errors.Is(err, ErrNoPage) || errors.Is(err, ErrRender)) && !errors.Is(err, errTimeout) && !errors.Is(err, errMissing) {
			msg := []byte(err.Error())
			if os.WriteFile(name+".err", msg, 0o600) == nil {
				r.cache.added(base+".err", int64(len(msg)))
			}
		}
		if err != nil {
			return nil, err
		}
		tmp := name + ".tmp" + strconv.Itoa(os.Getpid())
		if err := os.WriteFile(tmp, b, 0o600); err == nil && os.Rename(tmp, name) == nil {
			r.cache.added(base, int64(len(b)))
		}
		return b, nil
	})
	if err != nil {
		return nil, err
	}
	b := v.([]byte)
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRender, err)
	}
	scale := 72 / float64(r.dpi)
	return &Page{PNG: b, Width: float64(cfg.Width) * scale, Height: float64(cfg.Height) * scale}, nil
}

func validKey(key string) bool {
	if len(key) < 16 || len(key) > 128 {
		return false
	}
	for _, c := range key {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// render runs pdftoppm on data in a private temporary directory.
func (r *Renderer) render(ctx context.Context, data []byte, page int) ([]byte, error) {
	select {
	case r.sem <- struct{}{}:
		defer func() { <-r.sem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	tool, err := exec.LookPath(r.tool)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRender, errMissing)
	}
	tmp, err := os.MkdirTemp("", "arsflow-page-*")
	if err != nil {
		return nil, fmt.Errorf("pageimage: %w", err)
	}
	defer os.RemoveAll(tmp)
	in := filepath.Join(tmp, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fmt.Errorf("pageimage: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	n := strconv.Itoa(page)
	// The shell sets the address-space limit, then becomes pdftoppm.
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", `ulimit -v "$1" && shift && exec "$@"`, "sh",
		strconv.FormatInt(r.memLimit>>10, 10), tool,
		"-r", strconv.Itoa(r.dpi), "-png", "-singlefile", "-f", n, "-l", n, in, filepath.Join(tmp, "out"))
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + tmp, "TMPDIR=" + tmp, "LANG=C.UTF-8"}
	cmd.Dir = tmp
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %w after %s", ErrRender, errTimeout, r.timeout)
		}
		if bytes.Contains(stderr.Bytes(), []byte("Wrong page range")) || bytes.Contains(stderr.Bytes(), []byte("first page")) {
			return nil, ErrNoPage
		}
		return nil, fmt.Errorf("%w: %v", ErrRender, err)
	}
	b, err := os.ReadFile(filepath.Join(tmp, "out.png"))
	if err != nil {
		return nil, ErrNoPage // pdftoppm writes nothing for a page past the end
	}
	return b, nil
}

// DPI is the resolution pages are rendered at: a page's PNG is
// Width×DPI/72 pixels wide.
func (r *Renderer) DPI() int { return r.dpi }
