package imageref

import (
	"net"
	"net/netip"
	"strings"
)

// HostOnly strips the port, and the brackets of an IPv6 literal, from
// host[:port].
func HostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.Trim(hostport, "[]")
}

// IsLoopback reports whether host (no port) is certainly this machine:
// localhost, 127.0.0.0/8 or ::1 (brackets allowed). It decides where plain
// HTTP may go, so it is strict: a *.localhost name is left to DNS and is not
// loopback here (Classify, which refuses, counts it as loopback).
func IsLoopback(host string) bool {
	h := strings.Trim(host, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(h)
	return err == nil && a.Unmap().IsLoopback()
}

// AddrClass says what kind of network an address or name belongs to; ""
// is a public address or a name that has to be resolved first.
type AddrClass string

// The classes that a catalog from the network may not point the verifier
// at (THREATS A12).
const (
	Public      AddrClass = ""
	Loopback    AddrClass = "loopback"
	Private     AddrClass = "private"
	LinkLocal   AddrClass = "link-local"
	Metadata    AddrClass = "cloud metadata"
	Unspecified AddrClass = "unspecified"
	Multicast   AddrClass = "multicast"
	Shared      AddrClass = "carrier-grade NAT"
)

var (
	sharedRange = netip.MustParsePrefix("100.64.0.0/10")
	thisNetwork = netip.MustParsePrefix("0.0.0.0/8")
	metadataV4  = netip.MustParseAddr("169.254.169.254")
	metadataV6  = netip.MustParseAddr("fd00:ec2::254")
)

// Classify names the class of host (no port): localhost names are
// Loopback; an IP literal gets its range's class; any other name is Public
// here, since only the address it resolves to can say more (ClassifyAddr).
func Classify(host string) AddrClass {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return Loopback
	}
	a, err := netip.ParseAddr(strings.Trim(h, "[]"))
	if err != nil {
		return Public
	}
	return ClassifyAddr(a)
}

// ClassifyAddr names the class of an IP address.
func ClassifyAddr(a netip.Addr) AddrClass {
	a = a.Unmap().WithZone("")
	switch {
	case a == metadataV4 || a == metadataV6:
		return Metadata
	case a.IsLoopback():
		return Loopback
	case a.IsUnspecified() || thisNetwork.Contains(a):
		return Unspecified
	case a.IsLinkLocalUnicast():
		return LinkLocal
	case a.IsPrivate():
		return Private
	case sharedRange.Contains(a):
		return Shared
	case a.IsMulticast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast():
		return Multicast
	}
	return Public
}
