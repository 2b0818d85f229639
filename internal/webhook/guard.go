// Package webhook sends ticket events to the endpoints admins register:
// signed JSON bodies, delivered from the jobs table with retries, only to
// addresses the settings allow, checked on every connection.
package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
)

// Refusals of an endpoint's address.
var (
	ErrPrivateAddress = errors.New("webhook: address is loopback, private or link-local")
	ErrBadURL         = errors.New("webhook: URL must be http or https with a host")
	ErrUnresolved     = errors.New("webhook: host does not resolve")
)

var reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network"
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),  // NAT64: checked on the embedded IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),
}

// Internal reports whether an address is one a webhook must not reach
// unless the admin allows it: loopback, private, link-local, unspecified,
// multicast or reserved.
func Internal(a netip.Addr) bool {
	a = a.Unmap()
	if a.Is6() && reserved[5].Contains(a) {
		b := a.As16()
		return Internal(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
	}
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() || !a.IsValid() {
		return true
	}
	for _, p := range reserved {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// control is the dialer hook: it sees the address actually being
// connected to, after DNS, for the first request and after every
// redirect, so a name that resolves again to an inside address (DNS
// rebinding) is refused too.
func control(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		a, err := netip.ParseAddr(host)
		if err != nil {
			return fmt.Errorf("webhook: dial %q: %w", address, err)
		}
		if !allowPrivate && Internal(a) {
			return fmt.Errorf("%w: %s", ErrPrivateAddress, a)
		}
		return nil
	}
}

// Resolver looks up host addresses (net.DefaultResolver does).
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// CheckURL validates an endpoint when it is registered: http or https, a
// host, no credentials in it, and, unless allowPrivate, every address the
// host resolves to outside loopback, private and link-local ranges.
func CheckURL(ctx context.Context, r Resolver, raw string, allowPrivate bool) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil ||
		u.Opaque != "" || strings.ContainsAny(raw, " \t\r\n") {
		return ErrBadURL
	}
	host := u.Hostname()
	if a, err := netip.ParseAddr(host); err == nil {
		if !allowPrivate && Internal(a) {
			return ErrPrivateAddress
		}
		return nil
	}
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		if !allowPrivate {
			return ErrPrivateAddress
		}
		return nil
	}
	if allowPrivate {
		return nil
	}
	addrs, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return ErrUnresolved
	}
	for _, a := range addrs {
		if Internal(a) {
			return ErrPrivateAddress
		}
	}
	return nil
}
