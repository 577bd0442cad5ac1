package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/parleyhq/parley/gateway/store"
	"github.com/parleyhq/parley/templates"
	"github.com/parleyhq/parley/translate/detect"
)

// config is every setting Parley reads, after defaults and validation.
type config struct {
	Addr            string
	DatabaseURL     string
	APIToken        string
	Languages       string
	LanguageList    []string
	AgentLanguage   string
	DefaultLanguage string
	Translator      string
	OpenAIBaseURL   string
	OpenAIAPIKey    string
	OpenAIModel     string
	DeepLAPIKey     string
	DeepLBaseURL    string
	LocalesDir      string
	Dictionaries    string
	Wordlists       string
	BusinessHours   string
	Timezone        string
	FirstReplyIn    time.Duration
	ReplyPrefix     string
	LogFormat       string
	LogLevel        slog.Level
	MaxBodyBytes    int64
	MaxTextChars    int
	Workers         int
	JobTimeout      time.Duration
	ShutdownTimeout time.Duration
	Holidays        string
	Glossary        string
	DailyLimit      int64
	AckOnlyForeign  bool
	ReopenWindow    time.Duration
	ReplyNotice     bool
	// Helpdesk holds the PARLEY_<HELPDESK>_* settings by variable name.
	Helpdesk map[string]string

	// effective is every setting as it is logged at start, secrets masked.
	effective []any
}

// setting is one PARLEY_* variable: its default, whether it is a secret, and
// how it lands in config.
type setting struct {
	env  string
	def  string
	show func(string) string // how the value is logged; nil shows it as is
	help string
	set  func(c *config, v string) error
}

func settings() []setting {
	return []setting{
		{"PARLEY_ADDR", "127.0.0.1:8080", nil, "address to listen on", setAddr},
		{"PARLEY_DATABASE_URL", "parley.db", maskDSN, "SQLite file, or postgres://… for PostgreSQL", setDatabaseURL},
		{"PARLEY_API_TOKEN", "", mask, "bearer token for /v1 and /metrics; unset: loopback clients only", setString(func(c *config) *string { return &c.APIToken })},
		{"PARLEY_LANGUAGES", strings.Join(detect.DefaultLanguages, ","), nil, "languages to detect (ISO 639-1, comma-separated)", setLanguages},
		{"PARLEY_AGENT_LANGUAGE", "en", nil, "language agents read", setTag(func(c *config) *string { return &c.AgentLanguage })},
		{"PARLEY_DEFAULT_LANGUAGE", "en", nil, "customer language when nothing else tells", setTag(func(c *config) *string { return &c.DefaultLanguage })},
		{"PARLEY_TRANSLATOR", "", nil, "openai, deepl or none (default: openai when an OpenAI key or base URL is set)", setTranslator},
		{"PARLEY_OPENAI_BASE_URL", "", nil, "OpenAI-compatible API base URL", setURL(func(c *config) *string { return &c.OpenAIBaseURL })},
		{"PARLEY_OPENAI_API_KEY", "", mask, "OpenAI API key", setString(func(c *config) *string { return &c.OpenAIAPIKey })},
		{"PARLEY_OPENAI_MODEL", "gpt-4.1-mini", nil, "chat model", setString(func(c *config) *string { return &c.OpenAIModel })},
		{"PARLEY_DEEPL_API_KEY", "", mask, "DeepL API key", setString(func(c *config) *string { return &c.DeepLAPIKey })},
		{"PARLEY_DEEPL_BASE_URL", "", nil, "DeepL endpoint (default: free or pro by key)", setURL(func(c *config) *string { return &c.DeepLBaseURL })},
		{"PARLEY_DICTIONARIES", defaultDictionaries, nil, "directory of Hunspell dictionaries that sharpen detection of short messages; none: off",
			setDataDir(defaultDictionaries, func(c *config) *string { return &c.Dictionaries })},
		{"PARLEY_WORDLISTS", defaultWordlists, nil, "directory of ranked common-word lists (ll.txt), which sharpen detection of short messages, and lexicons of close languages (ll.att, as lt-print prints them); none: off",
			setDataDir(defaultWordlists, func(c *config) *string { return &c.Wordlists })},
		{"PARLEY_LOCALES_DIR", "", nil, "directory overriding the embedded locale files", setString(func(c *config) *string { return &c.LocalesDir })},
		{"PARLEY_BUSINESS_HOURS", "Mon-Fri 09:00-18:00", nil, "when agents answer", setString(func(c *config) *string { return &c.BusinessHours })},
		{"PARLEY_HOLIDAYS", "", nil, "days off, YYYY-MM-DD, comma-separated", setString(func(c *config) *string { return &c.Holidays })},
		{"PARLEY_TIMEZONE", "UTC", nil, "IANA time zone of the business hours", setTimezone},
		{"PARLEY_FIRST_REPLY_WITHIN", "4h", nil, "promised first answer, in business hours", setFirstReply},
		{"PARLEY_REPLY_PREFIX", "!tr", nil, "prefix of an agent note that asks for a translated reply", setReplyPrefix},
		{"PARLEY_LOG_FORMAT", "text", nil, "text or json", setLogFormat},
		{"PARLEY_LOG_LEVEL", "info", nil, "debug, info, warn or error", setLogLevel},
		{"PARLEY_MAX_BODY_BYTES", "1048576", nil, "largest request body", setPositive(func(c *config, n int64) { c.MaxBodyBytes = n })},
		{"PARLEY_MAX_TEXT_CHARS", "20000", nil, "longest message text, in characters", setPositive(func(c *config, n int64) { c.MaxTextChars = int(n) })},
		{"PARLEY_WORKERS", "10", nil, "jobs worked at once", setPositive(func(c *config, n int64) { c.Workers = int(n) })},
		{"PARLEY_JOB_TIMEOUT", "2m", nil, "longest run of one job; a replica that dies mid-job has its jobs taken over after twice this", setDuration(func(c *config) *time.Duration { return &c.JobTimeout })},
		{"PARLEY_SHUTDOWN_TIMEOUT", "25s", nil, "how long shutdown waits for requests and jobs", setDuration(func(c *config) *time.Duration { return &c.ShutdownTimeout })},
		{"PARLEY_GLOSSARY", "", nil, "TOML glossary of terms kept or translated a fixed way", setString(func(c *config) *string { return &c.Glossary })},
		{"PARLEY_TRANSLATE_DAILY_LIMIT", "0", nil, "units (tokens or characters) translation may spend per UTC day; 0 is no limit", setNonNegative(func(c *config, n int64) { c.DailyLimit = n })},
		{"PARLEY_REPLY_NOTICE", "false", nil, "add a line to machine-translated replies telling the customer so", setBool(func(c *config, b bool) { c.ReplyNotice = b })},
		{"PARLEY_ACK_REOPEN_WINDOW", "0", nil, "a customer back after a longer silence is acknowledged again, at most once per window; 0: once per conversation", setWindow},
		{"PARLEY_ACK_ONLY_FOREIGN", "false", nil, "acknowledge only customers who write in a language other than the agent language", setBool(func(c *config, b bool) { c.AckOnlyForeign = b })},
	}
}

// flagName is the kebab-case flag that overrides env: PARLEY_DATABASE_URL is
// --database-url.
func flagName(env string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(env, "PARLEY_")), "_", "-")
}

// loadConfig reads every setting from flags, then the environment, then the
// defaults, and validates each. Errors name the variable. A command's own
// flags go on fs before the call; what is left after the flags is returned.
func loadConfig(fs *flag.FlagSet, args []string, getenv func(string) string, stderr io.Writer) (config, []string, error) {
	fs.SetOutput(stderr)
	all := append(settings(), helpdeskSettings()...)
	flags := make(map[string]*string, len(all))
	for _, s := range all {
		flags[s.env] = fs.String(flagName(s.env), "", s.help+" ("+s.env+")")
	}
	if err := fs.Parse(args); err != nil {
		return config{}, nil, err
	}
	explicit := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	var c config
	for _, s := range all {
		v := s.def
		if e := getenv(s.env); e != "" {
			v = e
		}
		if explicit[flagName(s.env)] {
			v = *flags[s.env]
		}
		v = strings.TrimSpace(v)
		if err := s.set(&c, v); err != nil {
			if errors.Is(err, templates.ErrBadSetting) {
				return config{}, nil, err // it names the variable already
			}
			return config{}, nil, fmt.Errorf("%s: %w", s.env, err)
		}
		if s.show != nil {
			v = s.show(v)
		}
		c.effective = append(c.effective, slog.String(s.env, v))
	}
	if c.Translator == "" {
		c.Translator = "none"
		if c.OpenAIAPIKey != "" || c.OpenAIBaseURL != "" {
			c.Translator = "openai"
		}
	}
	// The business hours, time zone and holidays are checked together;
	// the error names the variable at fault.
	if _, err := templates.LoadSchedule(c.BusinessHours, c.Timezone, c.Holidays); err != nil {
		return config{}, nil, err
	}
	for i, a := range c.effective {
		if attr := a.(slog.Attr); attr.Key == "PARLEY_TRANSLATOR" {
			c.effective[i] = slog.String(attr.Key, c.Translator)
		}
	}
	if c.Translator == "deepl" && c.DeepLAPIKey == "" {
		return config{}, nil, errors.New("PARLEY_DEEPL_API_KEY: required when PARLEY_TRANSLATOR is deepl")
	}
	if c.Translator == "openai" && c.OpenAIAPIKey == "" && c.OpenAIBaseURL == "" {
		return config{}, nil, errors.New("PARLEY_OPENAI_API_KEY: required when PARLEY_TRANSLATOR is openai (or set PARLEY_OPENAI_BASE_URL for a local model)")
	}
	return c, fs.Args(), nil
}

// mask shows whether a secret is set, never its value.
func mask(secret string) string {
	if secret == "" {
		return ""
	}
	return "[set]"
}

// maskDSN hides a database URL's password.
func maskDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func setString(field func(*config) *string) func(*config, string) error {
	return func(c *config, v string) error { *field(c) = v; return nil }
}

func setAddr(c *config, v string) error {
	if _, _, err := net.SplitHostPort(v); err != nil {
		return fmt.Errorf("%q is not host:port: %w", v, err)
	}
	c.Addr = v
	return nil
}

func setDatabaseURL(c *config, v string) error {
	if _, _, err := store.ParseDSN(v); err != nil {
		return err
	}
	c.DatabaseURL = v
	return nil
}

// defaultDictionaries is where Debian and Ubuntu install Hunspell
// dictionaries (apt-get install hunspell-es …).
const defaultDictionaries = "/usr/share/hunspell"

// defaultWordlists is where .ci/dictionaries installs the word lists.
const defaultWordlists = "/usr/share/parley/wordlists"

// setDataDir takes a directory of language data. The default directory may
// be missing (then detection goes without); one set on purpose must exist.
// "none" turns the data off.
func setDataDir(def string, field func(*config) *string) func(*config, string) error {
	return func(c *config, v string) error {
		if v == "" || v == "none" {
			*field(c) = ""
			return nil
		}
		st, err := os.Stat(v)
		switch {
		case err != nil && v == def:
			*field(c) = ""
			return nil
		case err != nil:
			return err
		case !st.IsDir():
			return fmt.Errorf("%q is not a directory", v)
		}
		*field(c) = v
		return nil
	}
}

// detectConfig is the language detector's part of the settings.
func (c config) detectConfig() detect.Config {
	return detect.Config{Languages: c.LanguageList, Dictionaries: c.Dictionaries, Wordlists: c.Wordlists}
}

func setLanguages(c *config, v string) error {
	langs, err := detect.ParseLanguages(v)
	if err != nil {
		return err
	}
	c.Languages, c.LanguageList = strings.Join(langs, ","), langs
	return nil
}

func setTag(field func(*config) *string) func(*config, string) error {
	return func(c *config, v string) error {
		tag, err := language.Parse(v)
		if err != nil {
			return fmt.Errorf("%q is not a language tag like \"en\" or \"pt-BR\"", v)
		}
		*field(c) = tag.String()
		return nil
	}
}

func setTranslator(c *config, v string) error {
	switch v {
	case "", "openai", "deepl", "none":
		c.Translator = v
		return nil
	}
	return fmt.Errorf("%q is not one of openai, deepl, none", v)
}

func setURL(field func(*config) *string) func(*config, string) error {
	return func(c *config, v string) error {
		if v != "" {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return fmt.Errorf("%q is not an http(s) URL", v)
			}
		}
		*field(c) = v
		return nil
	}
}

// setTimezone and setFirstReply use the templates package's parsers, whose
// errors name the variable themselves.
func setTimezone(c *config, v string) error {
	if _, err := templates.ParseTimezone(v); err != nil {
		return err
	}
	c.Timezone = v
	return nil
}

func setFirstReply(c *config, v string) error {
	d, err := templates.ParseFirstReplyWithin(v)
	if err != nil {
		return err
	}
	c.FirstReplyIn = d
	return nil
}

func setReplyPrefix(c *config, v string) error {
	if v == "" || strings.ContainsAny(v, " \t\n") {
		return fmt.Errorf("%q must be a non-empty word without spaces", v)
	}
	c.ReplyPrefix = v
	return nil
}

func setLogFormat(c *config, v string) error {
	if v != "text" && v != "json" {
		return fmt.Errorf("%q is not text or json", v)
	}
	c.LogFormat = v
	return nil
}

func setLogLevel(c *config, v string) error {
	if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
		return fmt.Errorf("%q is not debug, info, warn or error", v)
	}
	return nil
}

func setPositive(field func(*config, int64)) func(*config, string) error {
	return func(c *config, v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return fmt.Errorf("%q is not a positive whole number", v)
		}
		field(c, n)
		return nil
	}
}

func setNonNegative(field func(*config, int64)) func(*config, string) error {
	return func(c *config, v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return fmt.Errorf("%q is not a whole number of zero or more", v)
		}
		field(c, n)
		return nil
	}
}

func setBool(field func(*config, bool)) func(*config, string) error {
	return func(c *config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		field(c, b)
		return nil
	}
}

func setWindow(c *config, v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return fmt.Errorf("%q is not a duration like \"72h\", or 0", v)
	}
	c.ReopenWindow = d
	return nil
}

func setDuration(field func(*config) *time.Duration) func(*config, string) error {
	return func(c *config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("%q is not a positive duration", v)
		}
		*field(c) = d
		return nil
	}
}

// isLoopbackAddr reports whether addr listens on loopback only.
func isLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
