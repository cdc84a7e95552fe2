package summarize

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestConfigFromEnv(t *testing.T) {
	base := map[string]string{EnvModel: "qwen2.5:14b", EnvBaseURL: "http://localhost:11434/v1", EnvLocation: "eu"}
	tests := []struct {
		name    string
		env     map[string]string
		wantVar string // the variable the error names; "" for no error
		check   func(t *testing.T, c Config)
	}{
		{"ollama declared internal", map[string]string{EnvLocation: "internal"}, "", func(t *testing.T, c Config) {
			if c.Location != LocationInternal || c.APIType != APITypeOpenAI || c.Timeout != DefaultTimeout {
				t.Errorf("%+v", c)
			}
		}},
		// A loopback address may be a tunnel to a hosted service: the
		// location is declared, never guessed.
		{"loopback without a declared location", map[string]string{EnvLocation: ""}, EnvLocation, nil},
		{"remote host without a declared location", map[string]string{EnvBaseURL: "https://llm.example.org/v1", EnvLocation: ""}, EnvLocation, nil},
		{"all settings", map[string]string{EnvTimeout: "90s", EnvConcurrency: "8", EnvRateLimit: "2.5", EnvLocation: "eu", EnvResponseFormat: "json_object", EnvMaxRetries: "0"}, "", func(t *testing.T, c Config) {
			if c.Timeout != 90*time.Second || c.Concurrency != 8 || c.RateLimit != 2.5 || c.Location != LocationEU || c.ResponseFormat != FormatJSONObject || c.MaxRetries != 0 {
				t.Errorf("%+v", c)
			}
		}},
		{"azure", map[string]string{EnvAPIType: "azure", EnvBaseURL: "https://x.openai.azure.com", EnvAPIKey: "k", EnvAzureDeployment: "gpt-4o-se", EnvLocation: "eu"}, "", func(t *testing.T, c Config) {
			if c.APIType != APITypeAzure || c.AzureAPIVersion != DefaultAzureAPIVersion || c.AzureDeployment != "gpt-4o-se" {
				t.Errorf("%+v", c)
			}
		}},
		{"no model", map[string]string{EnvModel: ""}, EnvModel, nil},
		{"bad url", map[string]string{EnvBaseURL: "localhost:11434"}, EnvBaseURL, nil},
		{"bad timeout", map[string]string{EnvTimeout: "soon"}, EnvTimeout, nil},
		{"bad concurrency", map[string]string{EnvConcurrency: "0"}, EnvConcurrency, nil},
		{"bad rate", map[string]string{EnvRateLimit: "-1"}, EnvRateLimit, nil},
		{"bad location", map[string]string{EnvLocation: "moon"}, EnvLocation, nil},
		{"bad api type", map[string]string{EnvAPIType: "anthropic"}, EnvAPIType, nil},
		{"bad format", map[string]string{EnvResponseFormat: "xml"}, EnvResponseFormat, nil},
		{"openai needs a key", map[string]string{EnvBaseURL: "https://api.openai.com/v1"}, EnvAPIKey, nil},
		{"azure needs a key", map[string]string{EnvAPIType: "azure", EnvBaseURL: "https://x.openai.azure.com"}, EnvAPIKey, nil},
		{"a hosted service is never internal", map[string]string{EnvBaseURL: "https://api.openai.com/v1", EnvAPIKey: "k", EnvLocation: "internal"}, EnvLocation, nil},
		{"azure is never internal", map[string]string{EnvAPIType: "azure", EnvBaseURL: "https://x.openai.azure.com", EnvAPIKey: "k", EnvLocation: "internal"}, EnvLocation, nil},
		{"azure needs a url", map[string]string{EnvAPIType: "azure", EnvBaseURL: "", EnvAPIKey: "k", EnvLocation: "eu"}, EnvBaseURL, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range base {
				env[k] = v
			}
			for k, v := range tt.env {
				env[k] = v
			}
			c, err := ConfigFromEnv(func(k string) string { return env[k] })
			if tt.wantVar == "" {
				if err != nil {
					t.Fatal(err)
				}
				tt.check(t, c)
				return
			}
			if !errors.Is(err, ErrInvalid) || !strings.HasPrefix(err.Error(), tt.wantVar+":") {
				t.Errorf("err = %v, want one naming %s", err, tt.wantVar)
			}
		})
	}
}

func TestNew(t *testing.T) {
	env := map[string]string{EnvModel: "m", EnvBaseURL: "http://127.0.0.1:1/v1", EnvLocation: "internal"}
	getenv := func(k string) string { return env[k] }
	b, err := New("", getenv, Options{})
	if err != nil || b.Name() != "rules" {
		t.Fatalf("default backend = %v, %v", b, err)
	}
	b, err = New("openai", getenv, Options{Cache: NewMemoryCache()})
	if err != nil {
		t.Fatal(err)
	}
	if name, model, loc := Describe(b); name != "openai" || model != "m" || loc != LocationInternal {
		t.Errorf("Describe = %s %s %s", name, model, loc)
	}
	if _, err := New("gpt", getenv, Options{}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), EnvBackend) {
		t.Errorf("unknown backend: %v", err)
	}
	env[EnvModel] = ""
	if _, err := New("openai", getenv, Options{}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), EnvModel) {
		t.Errorf("missing model: %v", err)
	}
}
