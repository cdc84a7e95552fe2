package queue_test

import (
	"net"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"arsflow/queue"
	"arsflow/queue/natstest"
)

// The embedded server, listening for workers, requires a user and password
// (or a token) and TLS; nothing else connects. It refuses to listen with no
// credentials at all, or beyond loopback without TLS.
func TestNATSRequiresAuthAndTLS(t *testing.T) {
	auth := natstest.Auth(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ns, err := queue.StartServer(queue.ServerConfig{StoreDir: t.TempDir(), Listen: addr, Auth: auth})
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Shutdown()
	try := func(a queue.Auth, url string) error {
		nc, err := nats.Connect(url, append(mustOptions(t, a), nats.Timeout(2*time.Second))...)
		if err == nil {
			nc.Close()
		}
		return err
	}
	noTLS := auth
	noTLS.CAFile, noTLS.CertFile, noTLS.KeyFile = "", "", ""
	wrong := auth
	wrong.Password = "fel"
	anonymous := queue.Auth{CAFile: auth.CAFile}
	clientAuth := auth
	clientAuth.CertFile, clientAuth.KeyFile = "", ""
	tests := []struct {
		name string
		a    queue.Auth
		ok   bool
	}{
		{"user, password and TLS", clientAuth, true},
		{"no credentials", anonymous, false},
		{"wrong password", wrong, false},
		{"no TLS", noTLS, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := try(tt.a, "nats://"+addr); (err == nil) != tt.ok {
				t.Fatalf("connect: %v, want ok=%v", err, tt.ok)
			}
		})
	}
	nc, err := queue.Connect("nats://"+addr, "worker", clientAuth)
	if err != nil {
		t.Fatal(err)
	}
	nc.Close()

	for name, cfg := range map[string]queue.ServerConfig{
		"no credentials":             {StoreDir: t.TempDir(), Listen: "127.0.0.1:0"},
		"beyond loopback, plaintext": {StoreDir: t.TempDir(), Listen: "0.0.0.0:0", Auth: noTLS},
	} {
		if ns, err := queue.StartServer(cfg); err == nil {
			ns.Shutdown()
			t.Errorf("%s: the server started", name)
		}
	}
}

// mustOptions is the client side of a, as queue.Connect builds it.
func mustOptions(t *testing.T, a queue.Auth) []nats.Option {
	t.Helper()
	var opts []nats.Option
	if a.User != "" {
		opts = append(opts, nats.UserInfo(a.User, a.Password))
	}
	if a.CAFile != "" {
		opts = append(opts, nats.RootCAs(a.CAFile))
	}
	return opts
}

func TestAuthFromEnv(t *testing.T) {
	tests := []struct {
		env map[string]string
		ok  bool
	}{
		{map[string]string{}, true},
		{map[string]string{"NATS_USER": "w", "NATS_PASSWORD": "p", "NATS_CA_FILE": "/ca.pem"}, true},
		{map[string]string{"NATS_TOKEN": "t"}, true},
		{map[string]string{"NATS_USER": "w"}, false},
		{map[string]string{"NATS_CERT_FILE": "/c.pem"}, false},
		{map[string]string{"NATS_USER": "w", "NATS_PASSWORD": "p", "NATS_TOKEN": "t"}, false},
	}
	for _, tt := range tests {
		if _, err := queue.AuthFromEnv(func(k string) string { return tt.env[k] }); (err == nil) != tt.ok {
			t.Errorf("%v: %v, want ok=%v", tt.env, err, tt.ok)
		}
	}
}
