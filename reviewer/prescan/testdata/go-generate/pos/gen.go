package x

//go:generate stringer -type=Kind
