package queue

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// Environment variables for NATS authentication and TLS. The same
// credentials serve a worker connecting to NATS_URL and the embedded server
// that accepts workers on ARSFLOW_NATS_LISTEN.
const (
	EnvNATSUser     = "NATS_USER"
	EnvNATSPassword = "NATS_PASSWORD"
	EnvNATSToken    = "NATS_TOKEN"
	EnvNATSNKeySeed = "NATS_NKEY_SEED_FILE" // a worker's NKey seed (an external server that uses NKeys)
	EnvNATSCA       = "NATS_CA_FILE"        // certificate authority that signed the server's certificate
	EnvNATSCert     = "NATS_CERT_FILE"      // client certificate for a worker; the server's certificate for the embedded server
	EnvNATSKey      = "NATS_KEY_FILE"
)

// Auth says how a NATS connection proves who it is and encrypts.
type Auth struct {
	User, Password string
	Token          string
	NKeySeedFile   string
	CAFile         string
	CertFile       string
	KeyFile        string
}

// AuthFromEnv reads Auth from the environment through getenv.
func AuthFromEnv(getenv func(string) string) (Auth, error) {
	a := Auth{
		User: getenv(EnvNATSUser), Password: getenv(EnvNATSPassword), Token: getenv(EnvNATSToken),
		NKeySeedFile: getenv(EnvNATSNKeySeed), CAFile: getenv(EnvNATSCA),
		CertFile: getenv(EnvNATSCert), KeyFile: getenv(EnvNATSKey),
	}
	switch {
	case (a.User == "") != (a.Password == ""):
		return a, fmt.Errorf("%s and %s: set both or neither", EnvNATSUser, EnvNATSPassword)
	case (a.CertFile == "") != (a.KeyFile == ""):
		return a, fmt.Errorf("%s and %s: set both or neither", EnvNATSCert, EnvNATSKey)
	case a.Token != "" && a.User != "":
		return a, fmt.Errorf("%s and %s: use a user and password or a token, not both", EnvNATSToken, EnvNATSUser)
	}
	return a, nil
}

// credentials reports whether a names a user or a token a server can check.
func (a Auth) credentials() bool { return a.User != "" || a.Token != "" }

// clientOptions are the nats.go options for a.
func (a Auth) clientOptions() ([]nats.Option, error) {
	var opts []nats.Option
	switch {
	case a.User != "":
		opts = append(opts, nats.UserInfo(a.User, a.Password))
	case a.Token != "":
		opts = append(opts, nats.Token(a.Token))
	}
	if a.NKeySeedFile != "" {
		o, err := nats.NkeyOptionFromSeed(a.NKeySeedFile)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvNATSNKeySeed, err)
		}
		opts = append(opts, o)
	}
	if a.CAFile != "" {
		opts = append(opts, nats.RootCAs(a.CAFile))
	}
	if a.CertFile != "" {
		opts = append(opts, nats.ClientCert(a.CertFile, a.KeyFile))
	}
	if a.CAFile != "" || a.CertFile != "" {
		opts = append(opts, nats.Secure(&tls.Config{MinVersion: tls.VersionTLS12}))
	}
	return opts, nil
}

// serverOptions makes the embedded server that listens on host require
// a's credentials, and TLS with a's certificate. A server that listens
// without credentials is refused, and so is one that listens beyond
// loopback without TLS.
func (a Auth) serverOptions(opts *server.Options, host string) error {
	if !a.credentials() {
		return fmt.Errorf("listening for workers needs %s and %s, or %s", EnvNATSUser, EnvNATSPassword, EnvNATSToken)
	}
	opts.Username, opts.Password, opts.Authorization = a.User, a.Password, a.Token
	if a.CertFile == "" {
		if !loopback(host) {
			return errors.New("listening beyond loopback needs TLS: set " + EnvNATSCert + " and " + EnvNATSKey)
		}
		return nil
	}
	tc, err := server.GenTLSConfig(&server.TLSConfigOpts{CertFile: a.CertFile, KeyFile: a.KeyFile})
	if err != nil {
		return fmt.Errorf("%s/%s: %w", EnvNATSCert, EnvNATSKey, err)
	}
	tc.MinVersion = tls.VersionTLS12
	opts.TLSConfig, opts.TLS, opts.TLSVerify = tc, true, false
	return nil
}

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
