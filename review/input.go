package review

import (
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxFormBytes bounds an url-encoded form.
const maxFormBytes = 1 << 20

// checkInput refuses, with a 400 and a Swedish message, a request whose
// query or url-encoded form holds a NUL byte or invalid UTF-8: PostgreSQL
// text cannot hold them, and nothing a person types contains them.
// A multipart body belongs to an upload, which checks its own fields:
// uploads says the route takes one; every other route refuses one, so that
// no form goes around this check.
func checkInput(r *http.Request, uploads bool) error {
	bad := userError(ErrInvalid, "Formuläret innehåller tecken som inte kan tas emot (ogiltig teckenkodning eller nolltecken). Kontrollera det du skrev in och försök igen.")
	if !cleanValues(r.URL.Query()) || !cleanText(r.URL.RawQuery) {
		return bad
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" && !uploads {
		return userError(ErrInvalid, "Formuläret kunde inte läsas.")
	}
	if mt != "application/x-www-form-urlencoded" {
		return nil
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return userError(ErrInvalid, "Formuläret kunde inte läsas.")
	}
	if !cleanValues(r.PostForm) {
		return bad
	}
	return nil
}

func cleanValues(v map[string][]string) bool {
	for k, vs := range v {
		if !cleanText(k) {
			return false
		}
		for _, s := range vs {
			if !cleanText(s) {
				return false
			}
		}
	}
	return true
}

func cleanText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
