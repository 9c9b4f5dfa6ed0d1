package dockerplugin

import (
	"errors"
	"path/filepath"

	"github.com/spf13/pflag"
)

// GlobalOptions are docker's global flags. Docker passes the ones the user
// gave it to the plugin, before the plugin's name (`docker --config DIR
// mcptrust version` runs `docker-mcptrust --config DIR mcptrust version`),
// so a plugin must accept every one of them. mcptrust uses the config
// directory, the log level and debug; it never talks to the engine API, so
// the host, context and TLS flags are only accepted and checked.
type GlobalOptions struct {
	ConfigDir string
	Debug     bool
	LogLevel  string
	TLS       bool
	TLSVerify bool
	TLSCACert string
	TLSCert   string
	TLSKey    string
	Host      string
	Context   string

	defaultConfigDir string
	hostSet          bool
}

// Environment variables docker reads for its TLS defaults.
const (
	certPathEnv  = "DOCKER_CERT_PATH"
	tlsVerifyEnv = "DOCKER_TLS_VERIFY"
	tlsEnv       = "DOCKER_TLS"
)

// InstallFlags adds docker's global flags to fs with docker's names,
// shorthands, defaults and help texts. defaultConfigDir is where docker
// looks without --config (DOCKER_CONFIG, else ~/.docker).
func (o *GlobalOptions) InstallFlags(fs *pflag.FlagSet, defaultConfigDir string, getenv func(string) string) {
	o.defaultConfigDir = defaultConfigDir
	certDir := getenv(certPathEnv)
	if certDir == "" {
		certDir = defaultConfigDir
	}
	fs.StringVar(&o.ConfigDir, "config", defaultConfigDir, "Location of client config files")
	fs.BoolVarP(&o.Debug, "debug", "D", false, "Enable debug mode")
	fs.StringVarP(&o.LogLevel, "log-level", "l", "info", `Set the logging level ("debug", "info", "warn", "error", "fatal")`)
	fs.BoolVar(&o.TLS, "tls", getenv(tlsEnv) != "", "Use TLS; implied by --tlsverify")
	fs.BoolVar(&o.TLSVerify, "tlsverify", getenv(tlsVerifyEnv) != "", "Use TLS and verify the remote")
	fs.StringVar(&o.TLSCACert, "tlscacert", filepath.Join(certDir, "ca.pem"), "Trust certs signed only by this CA")
	fs.StringVar(&o.TLSCert, "tlscert", filepath.Join(certDir, "cert.pem"), "Path to TLS certificate file")
	fs.StringVar(&o.TLSKey, "tlskey", filepath.Join(certDir, "key.pem"), "Path to TLS key file")
	fs.VarP((*hostFlag)(o), "host", "H", "Daemon socket to connect to")
	fs.StringVarP(&o.Context, "context", "c", "",
		`Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")`)
}

// Check rejects the combinations docker rejects.
func (o *GlobalOptions) Check() error {
	if o.Context != "" && o.hostSet {
		return errors.New("conflicting options: cannot specify both --host and --context")
	}
	return nil
}

// ConfigDirectory is the Docker CLI config directory of this run: --config
// when given, else the default. Docker cleans the path the same way.
func (o *GlobalOptions) ConfigDirectory() string {
	if o.ConfigDir == "" {
		return o.defaultConfigDir
	}
	return filepath.Clean(o.ConfigDir)
}

// hostFlag is -H: one daemon address, given at most once.
type hostFlag GlobalOptions

func (h *hostFlag) String() string { return h.Host }

func (h *hostFlag) Set(s string) error {
	if h.hostSet {
		return errors.New("specify only one -H")
	}
	h.Host, h.hostSet = s, true
	return nil
}

func (*hostFlag) Type() string { return "string" }
