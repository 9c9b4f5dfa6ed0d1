package verify

import (
	"errors"
	"fmt"

	"github.com/mcp-trust/mcp-trust/internal/imageref"
)

// WithRegistryPolicy sets a check on every host the verifier would contact:
// the image's and the signature repository's registries, every redirect hop
// and every token realm, first by name as written and then, when the
// verifier dials itself (no WithTransport), on every address a name
// resolves to, after DNS (THREATS A12: a catalog from the network must not
// make the verifier reach this machine or its network). allow gets
// host[:port] or ip:port. A refusal is a *PolicyError and fails the check
// it ends; nothing is sent to that host. Through an HTTP proxy from the
// environment the proxy resolves names, so only names are checked. Default:
// every registry is allowed.
func WithRegistryPolicy(allow func(registry string) error) Option {
	return func(c *config) error {
		if allow == nil {
			return errors.New("setting registry policy: nil policy")
		}
		c.registryPolicy = allow
		return nil
	}
}

// PolicyError is a connection the registry policy refused.
type PolicyError struct {
	Host string // the host as named: registry, redirect target or token realm
	Addr string // the address Host resolved to; "" when the name was refused
	Err  error  // the policy's reason
}

// Error names the host, the address and the rule.
func (e *PolicyError) Error() string {
	if e.Addr != "" {
		return fmt.Sprintf("registry not allowed: %s resolves to %s: %v", e.Host, e.Addr, e.Err)
	}
	return fmt.Sprintf("registry not allowed: %s: %v", e.Host, e.Err)
}

// Unwrap returns the policy's reason.
func (e *PolicyError) Unwrap() error { return e.Err }

// PublicRegistriesOnly is a registry policy that refuses this machine and
// private networks: localhost names, and addresses that are loopback,
// private, carrier-grade NAT, link-local (169.254.169.254, the cloud
// metadata service), unspecified or multicast. A name is judged as written
// here; the verifier applies the policy again to the addresses it dials.
func PublicRegistriesOnly(registry string) error {
	if class := imageref.Classify(imageref.HostOnly(registry)); class != imageref.Public {
		return fmt.Errorf("a %s address (rule: a catalog from the network may name public registries only)", class)
	}
	return nil
}

// checkPolicy applies the registry policy to the registries of this run
// before anything is sent.
func (r *run) checkPolicy() error {
	allow := r.v.cfg.registryPolicy
	if allow == nil {
		return nil
	}
	for _, reg := range []string{r.p.repo.RegistryStr(), r.p.sigRepo.RegistryStr()} {
		if err := allow(reg); err != nil {
			return &PolicyError{Host: reg, Err: err}
		}
	}
	return nil
}
