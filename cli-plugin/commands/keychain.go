package commands

import (
	"github.com/docker/cli/cli/config/configfile"
	"github.com/google/go-containerregistry/pkg/authn"
)

// dockerKeychain resolves registry credentials from the Docker CLI config
// that the running docker uses, credential helpers included. In plugin mode
// that is docker's own config (--config); standalone it is DOCKER_CONFIG or
// ~/.docker. The verifier sends them only to the registry and its token realm.
type dockerKeychain struct {
	config func() *configfile.ConfigFile
}

var _ authn.Keychain = dockerKeychain{}

// Resolve implements authn.Keychain.
func (k dockerKeychain) Resolve(res authn.Resource) (authn.Authenticator, error) {
	cf := k.config()
	if cf == nil {
		return authn.Anonymous, nil
	}
	key := res.RegistryStr()
	if key == "index.docker.io" || key == "docker.io" {
		key = "https://index.docker.io/v1/"
	}
	ac, err := cf.GetAuthConfig(key)
	if err != nil {
		return nil, err
	}
	cfg := authn.AuthConfig{
		Username: ac.Username, Password: ac.Password, Auth: ac.Auth,
		IdentityToken: ac.IdentityToken, RegistryToken: ac.RegistryToken,
	}
	if cfg == (authn.AuthConfig{}) {
		return authn.Anonymous, nil
	}
	return authn.FromConfig(cfg), nil
}
