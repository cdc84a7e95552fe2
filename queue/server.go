package queue

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// ServerConfig configures the embedded nats-server.
type ServerConfig struct {
	// StoreDir holds JetStream's file storage.
	StoreDir string
	// Listen is host:port for other processes (external workers, the nats
	// CLI); empty means in-process connections only.
	Listen string
	// Auth is what a connection must present; required with Listen, and
	// TLS (Auth.CertFile) when Listen is beyond loopback.
	Auth Auth
}

// StartServer starts an embedded nats-server with JetStream file storage and
// waits until it is ready. It refuses to start on a store directory that is
// full or read-only, saying so in Swedish.
func StartServer(cfg ServerConfig) (*server.Server, error) {
	if err := os.MkdirAll(cfg.StoreDir, 0o700); err != nil {
		return nil, fmt.Errorf("queue.StartServer: JetStream-katalogen %s kan inte skapas: %w", cfg.StoreDir, err)
	}
	if p := StorageProblem(cfg.StoreDir, 0); p != "" {
		return nil, fmt.Errorf("queue.StartServer: %s (%s)", p, cfg.StoreDir)
	}
	opts := &server.Options{
		ServerName: "arsflow",
		JetStream:  true,
		StoreDir:   filepath.Clean(cfg.StoreDir),
		NoSigs:     true,
		NoLog:      true,
		DontListen: cfg.Listen == "",
	}
	if cfg.Listen != "" {
		host, port, err := splitHostPort(cfg.Listen)
		if err != nil {
			return nil, fmt.Errorf("queue.StartServer: %w", err)
		}
		opts.Host, opts.Port = host, port
		if err := cfg.Auth.serverOptions(opts, host); err != nil {
			return nil, fmt.Errorf("queue.StartServer: %w", err)
		}
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("queue.StartServer: %w", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(30 * time.Second) {
		ns.Shutdown()
		return nil, fmt.Errorf("queue.StartServer: nats-server not ready after 30s")
	}
	return ns, nil
}

// ConnectInProcess connects to an embedded server without a socket, with
// the credentials it was started with.
func ConnectInProcess(ns *server.Server, name string, auth Auth) (*nats.Conn, error) {
	opts := []nats.Option{nats.InProcessServer(ns), nats.Name(name), nats.MaxReconnects(-1)}
	switch {
	case auth.User != "":
		opts = append(opts, nats.UserInfo(auth.User, auth.Password))
	case auth.Token != "":
		opts = append(opts, nats.Token(auth.Token))
	}
	nc, err := nats.Connect("", opts...)
	if err != nil {
		return nil, fmt.Errorf("queue.ConnectInProcess: %w", err)
	}
	return nc, nil
}

// Connect connects to an external NATS server or cluster (comma-separated
// URLs) with auth's credentials and TLS settings.
func Connect(url, name string, auth Auth) (*nats.Conn, error) {
	opts, err := auth.clientOptions()
	if err != nil {
		return nil, fmt.Errorf("queue.Connect: %w", err)
	}
	nc, err := nats.Connect(url, append(opts, ConnectOptions(name)...)...)
	if err != nil {
		return nil, fmt.Errorf("queue.Connect %s: %w", url, err)
	}
	return nc, nil
}

// ConnectOptions are every option of a connection to an external NATS, in
// one place (authentication and TLS belong here too). A process keeps
// trying to connect and to reconnect for as long as it runs: a restart of
// the NATS server, or of one member of a cluster, pauses the work and loses
// nothing.
func ConnectOptions(name string) []nats.Option {
	return []nats.Option{
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.RetryOnFailedConnect(true),
		nats.ReconnectWait(500 * time.Millisecond),
	}
}

func splitHostPort(s string) (string, int, error) {
	var host string
	var port int
	i := len(s) - 1
	for i >= 0 && s[i] != ':' {
		i--
	}
	if i < 0 {
		return "", 0, fmt.Errorf("listen address %q: want host:port", s)
	}
	host = s[:i]
	if _, err := fmt.Sscanf(s[i+1:], "%d", &port); err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("listen address %q: bad port", s)
	}
	return host, port, nil
}
