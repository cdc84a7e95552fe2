package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"strings"
	"time"
)

// DefaultURL is the server `arsflow ingest` talks to when ARSFLOW_URL is unset.
const DefaultURL = "http://localhost:8080"

// Client uploads to and follows batches on an arsflow server over its HTTP API.
type Client struct {
	BaseURL string // e.g. http://localhost:8080
	Token   string // API token, sent as a Bearer token
	HTTP    *http.Client
}

// NewClientFromEnv returns a Client configured from ARSFLOW_URL (default
// DefaultURL) and ARSFLOW_TOKEN (required), read through getenv. Errors name
// the variable.
func NewClientFromEnv(getenv func(string) string) (*Client, error) {
	base := strings.TrimRight(strings.TrimSpace(getenv("ARSFLOW_URL")), "/")
	if base == "" {
		base = DefaultURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("ARSFLOW_URL: %q är ingen adress av formen http(s)://värd:port", base)
	}
	token := strings.TrimSpace(getenv("ARSFLOW_TOKEN"))
	if token == "" {
		return nil, errors.New("ARSFLOW_TOKEN saknas: skapa en API-nyckel med `arsflow token create ANVÄNDARE` eller i webbgränssnittet och sätt ARSFLOW_TOKEN")
	}
	return &Client{BaseURL: base, Token: token, HTTP: newHTTPClient()}, nil
}

// APIError is an error response from the server.
type APIError struct {
	Status  int
	Message string // the server's Swedish message
}

// Error says what the server answered.
func (e *APIError) Error() string {
	return fmt.Sprintf("servern svarade %d %s: %s", e.Status, http.StatusText(e.Status), e.Message)
}

// Upload sends the files named by sources as one batch, streaming them from
// disk, and returns the server's report.
func (c *Client) Upload(ctx context.Context, sources []Source) (*Report, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		pw.CloseWithError(writeUpload(mw, sources))
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+"/api/v1/batches", pr)
	if err != nil {
		pr.Close()
		return nil, fmt.Errorf("ingest.Client.Upload: %w", err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var rep Report
	if err := c.do(req, http.StatusCreated, &rep); err != nil {
		pr.CloseWithError(err)
		return nil, fmt.Errorf("ingest.Client.Upload: %w", err)
	}
	return &rep, nil
}

// writeUpload writes the multipart body: a "source" field, then one "file"
// part per source, named folder/name.
func writeUpload(mw *multipart.Writer, sources []Source) error {
	if err := mw.WriteField("source", "cli"); err != nil {
		return err
	}
	for _, s := range sources {
		if err := writePart(mw, s); err != nil {
			return err
		}
	}
	return mw.Close()
}

func writePart(mw *multipart.Writer, s Source) error {
	f, err := os.Open(s.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	name := s.Name
	if s.Folder != "" {
		name = s.Folder + "/" + s.Name
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, quoteEscaper.Replace(name)))
	h.Set("Content-Type", "application/octet-stream")
	w, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}

var quoteEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", "")

// Progress returns the progress of batch id.
func (c *Client) Progress(ctx context.Context, id int64) (*Progress, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/api/v1/batches/%d", c.BaseURL, id), nil)
	if err != nil {
		return nil, fmt.Errorf("ingest.Client.Progress: %w", err)
	}
	var p Progress
	if err := c.do(req, http.StatusOK, &p); err != nil {
		return nil, fmt.Errorf("ingest.Client.Progress: %w", err)
	}
	return &p, nil
}

// Wait polls the progress of batch id every interval, calling fn with each
// answer, until every accepted document reached review or failed, or ctx ends.
func (c *Client) Wait(ctx context.Context, id int64, interval time.Duration, fn func(*Progress)) (*Progress, error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		p, err := c.Progress(ctx, id)
		if err != nil {
			return nil, err
		}
		if fn != nil {
			fn(p)
		}
		if p.Done {
			return p, nil
		}
		select {
		case <-ctx.Done():
			return p, fmt.Errorf("ingest.Client.Wait: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// do sends req with the token and decodes a response of status want into v,
// or returns an *APIError.
func (c *Client) do(req *http.Request, want int, v any) error {
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Accept", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		if req.Context().Err() != nil {
			return err
		}
		return fmt.Errorf("kan inte nå arsflow på %s (ARSFLOW_URL): %w", c.BaseURL, err)
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, 64<<20)
	if resp.StatusCode != want {
		var e struct {
			Error string `json:"error"`
		}
		b, _ := io.ReadAll(io.LimitReader(body, 64<<10))
		if json.Unmarshal(b, &e) != nil || e.Error == "" {
			e.Error = strings.TrimSpace(string(b))
		}
		return &APIError{Status: resp.StatusCode, Message: e.Error}
	}
	if err := json.NewDecoder(body).Decode(v); err != nil {
		return fmt.Errorf("read response: %w", err)
	}
	return nil
}

// newHTTPClient bounds each step of a request but not the whole of it, since
// a large upload may take long to send: connecting, the TLS handshake, and
// waiting for the server's answer once the body is sent.
func newHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = 10 * time.Minute
	return &http.Client{Transport: t}
}
