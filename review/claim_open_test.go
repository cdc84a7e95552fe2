package review

import (
	"net/http/httptest"
	"testing"
)

// Behind a proxy that ends TLS the request arrives over plain http, so an
// old browser's https Referer matches the configured public address, not
// the request.
func TestClaimOnOpenBehindAProxy(t *testing.T) {
	const public = "https://arsflow.kommun.se"
	tests := []struct {
		name, referer, public string
		claims                bool
	}{
		{"the public address", "https://arsflow.kommun.se/arenden", public, true},
		{"another site", "https://evil.example/arenden", public, false},
		{"the public host over http", "http://arsflow.kommun.se/arenden", public, false},
		{"no public address configured", "https://arsflow.kommun.se/arenden", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "http://10.0.0.5:8080/arenden/1", nil)
			r.Header.Set("Referer", tt.referer)
			if got, _ := claimOnOpen(r, tt.public); got != tt.claims {
				t.Errorf("claims = %v, want %v", got, tt.claims)
			}
		})
	}
}
