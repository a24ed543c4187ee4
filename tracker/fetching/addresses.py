"""Which addresses a fetch may connect to: only the public internet, unless told otherwise.

A URL from a feed or an editor must not reach this machine or its network (server-side request
forgery): every host is resolved here, once, and every address it resolves to must be globally
routable. The caller then connects to the very address that was checked, so a DNS answer that
changes between the check and the connection (DNS rebinding) changes nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# NAT64's well-known prefix (RFC 6052): the last 32 bits are an IPv4 address.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """A host resolved to an address that is not on the public internet (or did not resolve)."""


@dataclass(frozen=True)
class Resolved:
    """One address to connect to, as socket.connect wants it."""

    family: int
    sockaddr: tuple


def parse_networks(text: str) -> tuple[IPNetwork, ...]:
    """CIDRs from a comma-separated list ('127.0.0.1/32, ::1/128'); ValueError names a bad one."""
    networks = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not an IP network like 127.0.0.1/32") from None
    return tuple(networks)


def embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64): each is checked."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    inner = [address.ipv4_mapped, address.sixtofour]
    if address.teredo:
        inner.extend(address.teredo)
    if address in NAT64_PREFIX:
        inner.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [a for a in inner if a is not None]


def is_public(address: IPAddress) -> bool:
    """Globally routable and unicast, and so is any IPv4 address it embeds."""
    for candidate in [address, *embedded_ipv4(address)]:
        # is_global alone lets multicast (224.0.0.0/4) through; the rest is belt and braces.
        if (
            not candidate.is_global
            or candidate.is_multicast
            or candidate.is_private
            or candidate.is_loopback
            or candidate.is_link_local
            or candidate.is_reserved
            or candidate.is_unspecified
        ):
            return False
    return True


def permitted(address: IPAddress, allow: Iterable[IPNetwork]) -> bool:
    """Public, or inside a network the deployment opted in (TRACKER_FETCH_ALLOW)."""
    allow = tuple(allow)
    forms = [address, *embedded_ipv4(address)]
    if any(form.version == net.version and form in net for form in forms for net in allow):
        return True
    return is_public(address)


def resolve(host: str, port: int, allow: Iterable[IPNetwork] = ()) -> list[Resolved]:
    """Every address HOST resolves to, all of them permitted; AddressRefused otherwise.

    getaddrinfo reads the decimal, hex and octal spellings of IPv4 (2130706433, 0x7f000001,
    017700000001) and IPv6 literals, so each is checked as the address it really is.
    """
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise AddressRefused(f"{host} did not resolve: {exc}") from None
    resolved = []
    for family, _type, _proto, _name, sockaddr in answers:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        # One internal answer refuses the host: a name pointing both ways is not to be trusted.
        if not permitted(address, allow):
            raise AddressRefused(f"{host} resolves to {address}, which is not a public address")
        resolved.append(Resolved(family, sockaddr))
    if not resolved:
        raise AddressRefused(f"{host} did not resolve")
    return resolved
