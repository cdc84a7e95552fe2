package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"arsflow/queue"
	"arsflow/queue/database"
	"arsflow/review"
	"arsflow/review/pageimage"
)

// config is the process configuration, read from the environment and then
// from flags, which win. Every error names the variable it came from.
type config struct {
	DatabaseURL  string
	OwnerURL     string // migrations and grants; empty: DatabaseURL does both (development)
	DataDir      string
	HTTPAddr     string
	NATSURL      string
	NATSListen   string
	NATSAuth     queue.Auth
	Backend      string
	AdminUser    string
	AdminPass    string
	CookieSecure bool
	MaxDeliver   int
	ExtractConc  int
	ExtractMem   int64
	ExtractTime  time.Duration
	AckWait      time.Duration
	Replicas     int
	LogLevel     string
	// Retention: how long originals and personal data in results are kept
	// after a case's decision (0 keeps them), and how often the job runs.
	RetainOriginals time.Duration
	RetainPersonal  time.Duration
	RetentionEvery  time.Duration
	SessionIdle     time.Duration
	SessionMax      time.Duration
	FourEyes        review.FourEyes
	ClaimTTL        time.Duration
	PageCacheMB     int // bound of the page images' cache

	// Scale and operations (owner: scale).
	SummarizeConc int      // ARSFLOW_SUMMARIZE_CONCURRENCY: cases summarised at once per process
	ServeStages   []string // ARSFLOW_SERVE_STAGES: the stages `arsflow serve` runs itself
	PprofAddr     string   // ARSFLOW_PPROF_ADDR: loopback address for net/http/pprof; empty: off
}

// loadConfig reads the environment, registers flags on fs and parses args.
func loadConfig(fs *flag.FlagSet, args []string) (*config, error) {
	c := &config{
		DatabaseURL:  env("DATABASE_URL", database.DefaultURL),
		OwnerURL:     os.Getenv("ARSFLOW_DATABASE_OWNER_URL"),
		DataDir:      env("ARSFLOW_DATA_DIR", "data"),
		HTTPAddr:     env("ARSFLOW_HTTP_ADDR", ":8080"),
		NATSURL:      env("NATS_URL", ""),
		NATSListen:   env("ARSFLOW_NATS_LISTEN", ""),
		Backend:      env("ARSFLOW_SUMMARIZE_BACKEND", "rules"),
		AdminUser:    env("ARSFLOW_ADMIN_USER", "admin"),
		AdminPass:    os.Getenv("ARSFLOW_ADMIN_PASSWORD"),
		LogLevel:     env("ARSFLOW_LOG_LEVEL", "info"),
		CookieSecure: true,
	}
	var err error
	if c.NATSAuth, err = queue.AuthFromEnv(os.Getenv); err != nil {
		return nil, err
	}
	if c.CookieSecure, err = envBool("ARSFLOW_COOKIE_SECURE", true); err != nil {
		return nil, err
	}
	if c.MaxDeliver, err = envInt("ARSFLOW_MAX_DELIVER", 5, 1, 100); err != nil {
		return nil, err
	}
	if c.ExtractConc, err = envInt("ARSFLOW_EXTRACT_CONCURRENCY", runtime.NumCPU()+1, 1, 64); err != nil {
		return nil, err
	}
	mem, err := envInt("ARSFLOW_EXTRACT_MEMORY_MB", 1024, 64, 65536)
	if err != nil {
		return nil, err
	}
	c.ExtractMem = int64(mem) << 20
	if c.ExtractTime, err = envDuration("ARSFLOW_EXTRACT_TIMEOUT", 10*time.Minute); err != nil {
		return nil, err
	}
	if c.Replicas, err = envInt("ARSFLOW_NATS_REPLICAS", 1, 1, 5); err != nil {
		return nil, err
	}
	if c.AckWait, err = envDuration("ARSFLOW_ACK_WAIT", 2*time.Minute); err != nil {
		return nil, err
	}
	if c.RetainOriginals, err = envDays("ARSFLOW_RETAIN_ORIGINALS_DAYS", 730); err != nil {
		return nil, err
	}
	if c.RetainPersonal, err = envDays("ARSFLOW_RETAIN_PERSONAL_DATA_DAYS", 365); err != nil {
		return nil, err
	}
	if c.RetentionEvery, err = envDuration("ARSFLOW_RETENTION_INTERVAL", time.Hour); err != nil {
		return nil, err
	}
	if c.SessionIdle, err = envDuration("ARSFLOW_SESSION_IDLE", 30*time.Minute); err != nil {
		return nil, err
	}
	if c.SessionMax, err = envDuration("ARSFLOW_SESSION_MAX", 8*time.Hour); err != nil {
		return nil, err
	}
	var ok bool
	if c.FourEyes, ok = review.ParseFourEyes(os.Getenv("ARSFLOW_FOUR_EYES")); !ok {
		return nil, fmt.Errorf("ARSFLOW_FOUR_EYES: want errors, all or off")
	}
	if c.ClaimTTL, err = envDuration("ARSFLOW_CLAIM_TTL", review.DefaultClaimTTL); err != nil {
		return nil, err
	}
	if c.PageCacheMB, err = envInt("ARSFLOW_PAGE_CACHE_MB", pageimage.DefaultMaxBytes>>20, 1, 1<<20); err != nil {
		return nil, err
	}
	if err := c.loadScale(); err != nil {
		return nil, err
	}
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL (DATABASE_URL)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "data directory for JetStream storage (ARSFLOW_DATA_DIR)")
	fs.StringVar(&c.HTTPAddr, "addr", c.HTTPAddr, "web server address (ARSFLOW_HTTP_ADDR)")
	fs.StringVar(&c.NATSURL, "nats-url", c.NATSURL, "external NATS URL(s) (NATS_URL)")
	fs.StringVar(&c.Backend, "backend", c.Backend, "summary backend: rules or openai (ARSFLOW_SUMMARIZE_BACKEND)")
	if err := fs.Parse(args); err != nil {
		return nil, errUsage
	}
	if c.Backend != "rules" && c.Backend != "openai" {
		return nil, fmt.Errorf("ARSFLOW_SUMMARIZE_BACKEND=%q: want rules or openai", c.Backend)
	}
	if c.NATSListen != "" {
		if _, _, err := net.SplitHostPort(c.NATSListen); err != nil {
			return nil, fmt.Errorf("ARSFLOW_NATS_LISTEN=%q: want host:port", c.NATSListen)
		}
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		return nil, fmt.Errorf("ARSFLOW_HTTP_ADDR=%q: want host:port, e.g. :8080", c.HTTPAddr)
	}
	if c.DatabaseURL == "" {
		return nil, fmt.Errorf("DATABASE_URL is empty")
	}
	return c, nil
}

// loadScale reads the settings of the scale and operations group.
func (c *config) loadScale() error {
	var err error
	if c.SummarizeConc, err = envInt("ARSFLOW_SUMMARIZE_CONCURRENCY", 4, 1, 256); err != nil {
		return err
	}
	stages := env("ARSFLOW_SERVE_STAGES", strings.Join(allStages, ","))
	c.ServeStages = nil
	for _, s := range strings.Split(stages, ",") {
		switch s = strings.TrimSpace(s); s {
		case "", "none":
		case queue.StageExtract, queue.StageSummarize, queue.StageReview:
			c.ServeStages = append(c.ServeStages, s)
		default:
			return fmt.Errorf("ARSFLOW_SERVE_STAGES=%q: want a comma-separated list of extract, summarize and review, or none", stages)
		}
	}
	c.PprofAddr = env("ARSFLOW_PPROF_ADDR", "")
	if c.PprofAddr != "" {
		host, _, err := net.SplitHostPort(c.PprofAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("ARSFLOW_PPROF_ADDR=%q: want a loopback address such as 127.0.0.1:6060 (profiles must not be reachable from the network)", c.PprofAddr)
		}
	}
	return nil
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func envInt(name string, def, lo, hi int) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s=%q: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

// envDays reads a number of days (0 means never) as a duration.
func envDays(name string, def int) (time.Duration, error) {
	n, err := envInt(name, def, 0, 36500)
	return time.Duration(n) * 24 * time.Hour, err
}

func envBool(name string, def bool) (bool, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s=%q: want true or false", name, v)
	}
	return b, nil
}

func envDuration(name string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q: want a duration such as 90s or 10m", name, v)
	}
	return d, nil
}

// settings is the running configuration the administrator's console shows:
// never a secret (no passwords, keys or database URL).
func (c *config) settings() []review.Setting {
	return []review.Setting{
		{Name: "ARSFLOW_SUMMARIZE_BACKEND", Value: c.Backend, Meaning: "sammanfattningsmetod som används som standard"},
		{Name: "NATS", Value: map[bool]string{true: "extern kluster", false: "inbyggd"}[c.NATSURL != ""], Meaning: "meddelandekö"},
		{Name: "ARSFLOW_NATS_REPLICAS", Value: strconv.Itoa(c.Replicas), Meaning: "kopior av varje meddelande"},
		{Name: "ARSFLOW_MAX_DELIVER", Value: strconv.Itoa(c.MaxDeliver), Meaning: "försök innan ett meddelande ges upp"},
		{Name: "ARSFLOW_ACK_WAIT", Value: c.AckWait.String(), Meaning: "tid utan livstecken innan ett meddelande skickas igen"},
		{Name: "ARSFLOW_EXTRACT_CONCURRENCY", Value: strconv.Itoa(c.ExtractConc), Meaning: "dokument som läses samtidigt"},
		{Name: "ARSFLOW_EXTRACT_MEMORY_MB", Value: strconv.FormatInt(c.ExtractMem>>20, 10), Meaning: "minne per dokument (MB)"},
		{Name: "ARSFLOW_EXTRACT_TIMEOUT", Value: c.ExtractTime.String(), Meaning: "längsta tid per dokument"},
		{Name: "ARSFLOW_FOUR_EYES", Value: c.FourEyes.String(), Meaning: "vilka ärenden två handläggare ska godkänna (errors: ärenden med fel)"},
		{Name: "ARSFLOW_CLAIM_TTL", Value: c.ClaimTTL.String(), Meaning: "hur länge ett taget ärende är låst utan aktivitet"},
		{Name: "ARSFLOW_PAGE_CACHE_MB", Value: strconv.Itoa(c.PageCacheMB), Meaning: "största storlek på de sparade sidbilderna (MB)"},
		{Name: "ARSFLOW_RETAIN_ORIGINALS_DAYS", Value: days(c.RetainOriginals), Meaning: "dagar efter beslut innan originalen raderas (0: sparas)"},
		{Name: "ARSFLOW_RETAIN_PERSONAL_DATA_DAYS", Value: days(c.RetainPersonal), Meaning: "dagar efter beslut innan personuppgifterna i resultaten raderas (0: sparas)"},
		{Name: "ARSFLOW_RETENTION_INTERVAL", Value: c.RetentionEvery.String(), Meaning: "hur ofta gallringen körs"},
		{Name: "ARSFLOW_SESSION_IDLE", Value: c.SessionIdle.String(), Meaning: "inloggningen upphör efter så lång tid utan aktivitet"},
		{Name: "ARSFLOW_SESSION_MAX", Value: c.SessionMax.String(), Meaning: "inloggningen upphör senast efter"},
		{Name: "version", Value: version(), Meaning: "arsflows version (bygge)"},
	}
}

// days writes a period in whole days.
func days(d time.Duration) string { return strconv.Itoa(int(d.Hours()/24 + 0.5)) }

// version is the build's module version and VCS revision, when known.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "okänd"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}
