package sigkeys

import (
	"crypto/x509"
	"errors"

	"github.com/mcp-trust/mcp-trust/verify/internal/pbjson"
)

// checkAuthorities reads certificate or timestamping authorities as
// sigstore-go does, only to refuse a root it refuses: each needs a
// non-empty chain of certificates that parse.
func checkAuthorities(root pbjson.Msg, field string) error {
	items, err := root.List(field)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := checkAuthority(it); err != nil {
			return err
		}
	}
	return nil
}

func checkAuthority(n *pbjson.Node) error {
	f, err := pbjson.Message(n, "certificate authority", caFields...)
	if err != nil {
		return err
	}
	for _, s := range []string{"uri", "operator"} {
		if _, err := f.Str(s); err != nil {
			return err
		}
	}
	if err := checkSubject(f); err != nil {
		return err
	}
	if _, _, err := timeRange(f, "validFor"); err != nil {
		return err
	}
	if f["certChain"] == nil {
		return errors.New("certificate authority missing cert chain")
	}
	return checkChain(f)
}

func checkSubject(ca pbjson.Msg) error {
	f, err := ca.Sub("subject", dnFields...)
	if err != nil {
		return err
	}
	for _, s := range []string{"organization", "commonName"} {
		if _, err := f.Str(s); err != nil {
			return err
		}
	}
	return nil
}

func checkChain(ca pbjson.Msg) error {
	f, err := ca.Sub("certChain", chainFields...)
	if err != nil {
		return err
	}
	certs, err := f.List("certificates")
	if err != nil {
		return err
	}
	if len(certs) == 0 {
		return errors.New("certificate authority cert chain is empty")
	}
	for _, c := range certs {
		cf, err := pbjson.Message(c, "certificate", certFields...)
		if err != nil {
			return err
		}
		der, err := cf.Bytes("rawBytes")
		if err != nil {
			return err
		}
		if _, err := x509.ParseCertificate(der); err != nil {
			return err
		}
	}
	return nil
}
