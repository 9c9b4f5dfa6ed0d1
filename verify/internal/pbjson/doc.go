// Package pbjson reads JSON as protojson (the protobuf JSON mapping)
// reads a message, with the standard library only, for the few sigstore
// messages verify checks (bundles, Rekor entries, in-toto statements,
// trusted roots) without linking protobuf.
//
// It refuses what protojson refuses and, where the two readers it replaced
// differed, what either refused: invalid UTF-8, a \u escape of a lone
// UTF-16 surrogate, a duplicate object key, nesting deeper than 100, data
// after the value, an unknown field, a field set twice (under its JSON and
// its proto name), a non-string where a string belongs, a null list item.
// A null field is unset, as in protojson.
package pbjson
