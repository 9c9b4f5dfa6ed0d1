package verify

import (
	"errors"
	"fmt"
	"net"
	"strings"
)

// WithRegistryPolicy sets a check on every registry host (host[:port]) a
// Verify would contact: the image's and the signature repository's. When
// it returns an error, the digest check fails with that reason and no
// request is sent to that registry (THREATS A12: a catalog from the network
// must not make the verifier probe this machine or its network). Default:
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

// PublicRegistriesOnly is a registry policy that refuses names of this
// machine or of private networks: localhost and IP literals that are
// loopback, private, link-local (169.254.169.254, the cloud metadata
// service), unspecified or multicast. It looks at the name as written and
// does not resolve it.
func PublicRegistriesOnly(registry string) error {
	host := hostOnly(registry)
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return fmt.Errorf("registry %s is this machine", registry)
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return nil
	}
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() {
		return fmt.Errorf("registry %s is a loopback, private or link-local address", registry)
	}
	return nil
}

// checkPolicy applies the registry policy to the registries of this run.
func (r *run) checkPolicy() error {
	if r.v.cfg.registryPolicy == nil {
		return nil
	}
	for _, reg := range []string{r.p.repo.RegistryStr(), r.p.sigRepo.RegistryStr()} {
		if err := r.v.cfg.registryPolicy(reg); err != nil {
			return trustf("registry not allowed: %w", err)
		}
	}
	return nil
}
