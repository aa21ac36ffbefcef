"""Where the engine may send requests on a user's behalf (webhooks): public addresses only.

An admin's webhook URL is input like any other: pointed at `http://127.0.0.1:6379/`,
`http://10.0.0.5/admin` or the cloud's metadata service it would make the engine a proxy
into the deployment's own network (OWASP API7, server-side request forgery). So loopback,
private, link-local, shared (CGNAT), multicast, reserved and metadata addresses are
refused, unless the host is named in WEBHOOK_ALLOWED_HOSTS (an internal receiver the
operator vouches for).

The check runs when an endpoint is saved (a literal address or a name that resolves to a
refused one) and again at every delivery, on the addresses the name resolves to then: the
request is sent to the address that was checked (`pinned`), with the name kept in the Host
header and for TLS, so a name that resolves elsewhere between the check and the connection
(DNS rebinding) changes nothing.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from engine.errors import ValidationFailed

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Metadata services answer on link-local or private addresses too, but name them anyway:
# AWS/GCP/Azure/OpenStack, AWS ECS task metadata, Alibaba Cloud, AWS over IPv6.
METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"))
RESOLVE_TIMEOUT_SECONDS = 3.0


class Refused(Exception):
    """The destination is not one the engine may reach; the message says why."""


def refusal(address: Address) -> str | None:
    """Why `address` may not be reached, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address in METADATA:
        return "a cloud metadata address"
    for test, what in ((address.is_loopback, "a loopback address"),
                       (address.is_link_local, "a link-local address"),
                       (address.is_multicast, "a multicast address"),
                       (address.is_unspecified, "an unspecified address"),
                       (address.is_private, "a private address"),
                       (address.is_reserved, "a reserved address")):
        if test:
            return what
    if not address.is_global:
        return "not a public address"
    return None


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to now (raises OSError, TimeoutError)."""
    infos = await asyncio.wait_for(
        asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM),
        RESOLVE_TIMEOUT_SECONDS)
    return list(dict.fromkeys(ipaddress.ip_address(str(i[4][0]).split("%")[0]) for i in infos))


async def public_addresses(host: str, port: int) -> list[Address]:
    """The addresses `host` resolves to, all of them public; raises Refused (a refused
    address) or OSError (the name does not resolve)."""
    literal = _literal(host)
    addresses = [literal] if literal is not None else await resolve(host, port)
    for address in addresses:
        reason = refusal(address)
        if reason is not None:
            raise Refused(f"{host} is {reason}" if literal is not None
                          else f"{host} resolves to {address}, {reason}")
    if not addresses:
        raise OSError(f"{host} resolves to no address")
    return addresses


def _host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return host, parts.port or (443 if parts.scheme == "https" else 80)


async def check_url(field: str, url: str, allowed_hosts: tuple[str, ...]) -> None:
    """When an endpoint is saved: refuse a URL whose host is, or resolves to, an address
    the engine may not reach (a name that does not resolve yet is left to delivery)."""
    host, port = _host_port(url)
    if host in allowed_hosts:
        return
    try:
        await public_addresses(host, port)
    except Refused as exc:
        raise ValidationFailed(
            field, f"{exc}: webhooks go to public addresses only (an operator can allow an "
            "internal host with WEBHOOK_ALLOWED_HOSTS)", rule="internal_address") from None
    except (OSError, TimeoutError):
        return


@dataclass(frozen=True)
class Target:
    url: str  # with the checked address in place of the name
    host_header: str | None  # the name, for the Host header (None: the URL has no name)
    sni: str | None  # the name, for TLS (https)


async def pinned(url: str, allowed_hosts: tuple[str, ...]) -> Target:
    """At delivery: the URL with its host resolved and checked (raises Refused or OSError)."""
    host, port = _host_port(url)
    if host in allowed_hosts:
        return Target(url, None, None)
    address = (await public_addresses(host, port))[0]
    if _literal(host) is not None:
        return Target(url, None, None)
    parts = urlsplit(url)
    shown = f"[{address}]" if address.version == 6 else str(address)
    netloc = shown + (f":{parts.port}" if parts.port else "")
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    host_header = parts.netloc.rsplit("@", 1)[-1]
    return Target(urlunsplit(parts._replace(netloc=netloc)), host_header,
                  host if parts.scheme == "https" else None)
