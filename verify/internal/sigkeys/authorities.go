package sigkeys

import (
	"crypto/x509"
	"encoding/json"
	"errors"
)

// checkAuthorities reads certificate or timestamping authorities as
// sigstore-go does, only to refuse a root it refuses: each needs a
// non-empty chain of certificates that parse.
func checkAuthorities(raw json.RawMessage) error {
	if raw == nil {
		return nil
	}
	items, err := list(raw)
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

func checkAuthority(raw json.RawMessage) error {
	f, err := object(raw, caFields)
	if err != nil {
		return err
	}
	for _, s := range []string{"uri", "operator"} {
		if _, err := str(f[s]); err != nil {
			return err
		}
	}
	if f["subject"] != nil {
		if err := checkSubject(f["subject"]); err != nil {
			return err
		}
	}
	if f["validFor"] != nil {
		if _, _, err := timeRange(f["validFor"]); err != nil {
			return err
		}
	}
	if f["certChain"] == nil {
		return errors.New("certificate authority missing cert chain")
	}
	return checkChain(f["certChain"])
}

func checkSubject(raw json.RawMessage) error {
	f, err := object(raw, dnFields)
	if err != nil {
		return err
	}
	for _, s := range []string{"organization", "commonName"} {
		if _, err := str(f[s]); err != nil {
			return err
		}
	}
	return nil
}

func checkChain(raw json.RawMessage) error {
	f, err := object(raw, chainFields)
	if err != nil {
		return err
	}
	var certs []json.RawMessage
	if f["certificates"] != nil {
		if certs, err = list(f["certificates"]); err != nil {
			return err
		}
	}
	if len(certs) == 0 {
		return errors.New("certificate authority cert chain is empty")
	}
	for _, c := range certs {
		cf, err := object(c, certFields)
		if err != nil {
			return err
		}
		der, err := protoBytes(cf["rawBytes"])
		if err != nil {
			return err
		}
		if _, err := x509.ParseCertificate(der); err != nil {
			return err
		}
	}
	return nil
}
