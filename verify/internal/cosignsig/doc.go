// Package cosignsig checks cosign's classic signatures (a .sig layer: a
// simple-signing payload, its base64 signature and a Rekor bundle
// annotation) offline, as cosign's VerifyImageSignature and VerifyBundle do
// for a public key, with the standard library and sigkeys only.
//
// Where cosign accepts a Rekor body that no Rekor log writes for a
// key-signed signature, this package is stricter: only hashedrekord and
// rekord (x509) entries of API version exactly 0.0.1 are read, with the key
// as one "PUBLIC KEY" PEM block and no data after the body's JSON.
package cosignsig
