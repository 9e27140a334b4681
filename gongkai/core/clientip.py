"""The client's address behind reverse proxies, which no client can choose (docs/deployment.md).

Each trusted proxy appends the address it received the request from to ``X-Forwarded-For``; everything
to the left of the rightmost address that no trusted proxy wrote is the client's own claim. So the client
is the rightmost address (REMOTE_ADDR, then the header from right to left) that is *not* a trusted
proxy — GONGKAI_TRUSTED_PROXIES, addresses or networks such as ``127.0.0.1,10.0.0.0/8`` — or, with
GONGKAI_PROXY_HOPS=N instead, the address N places from the right. With neither, the header is ignored.
Rate limits and login throttling key on this address, so a forged header never changes which budget a
client spends.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(text: str) -> str | None:
    """A normalized address, or None for a token that is not one (ports and brackets are dropped)."""
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


@lru_cache(maxsize=8)
def parse_networks(spec: str) -> tuple[Network, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` as networks; a bad item raises ValueError naming it."""
    networks = []
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ValueError(f"GONGKAI_TRUSTED_PROXIES 中的地址无效：{item}") from exc
    return tuple(networks)


def _trusted(address: str, networks: Sequence[Network]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip.version == net.version and ip in net for net in networks)


def resolve(remote: str, forwarded: str, *, trusted: Sequence[Network] = (), hops: int = 0) -> str:
    """The client address from REMOTE_ADDR and the X-Forwarded-For header (pure; see the module doc)."""
    remote_ip = _address(remote) or remote or "unknown"
    if not forwarded or (not trusted and hops <= 0):
        return remote_ip
    claimed = [item for item in forwarded.split(",") if item.strip()]
    if trusted:
        if remote_ip == "unknown" or _address(remote) is None or not _trusted(remote_ip, trusted):
            return remote_ip  # not from a trusted proxy: the header is the client's own
        chosen = remote_ip
        for item in reversed(claimed):
            address = _address(item)
            if address is None:
                return chosen  # garbage written by no proxy of ours: stop at the last proxy's word
            chosen = address
            if not _trusted(address, trusted):
                return address
        return chosen  # every hop trusted: the leftmost is the client
    if len(claimed) < hops:
        return remote_ip  # fewer hops than configured: the request did not come through the proxies
    return _address(claimed[-hops]) or remote_ip


def client_ip(request) -> str:
    """The address whose budget this request spends."""
    spec = getattr(settings, "GONGKAI_TRUSTED_PROXIES", "")
    hops = int(getattr(settings, "GONGKAI_PROXY_HOPS", 0) or 0)
    return resolve(
        request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""),
        trusted=parse_networks(spec) if spec else (), hops=hops,
    )


def address_or_none(request) -> str | None:
    """client_ip() for storing in an address column: None when the request carries no address."""
    address = client_ip(request)
    return None if address == "unknown" else address
