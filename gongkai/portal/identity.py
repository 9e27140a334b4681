"""The identity of each site hosted on the platform (集约化: one platform, many sites).

政府网站发展指引 (国办发〔2017〕47号) asks every page to name the site's 主办单位, its 网站标识码, ICP and
公安 备案 numbers and to carry the 党政机关网站标识. These are settings (``GONGKAI_SITES``), never
hard-coded: a mapping from host name to the site's identity, with ``"*"`` for any other host. A
hosted organization gets its own identity by adding its host name. Public pages are cached per host
(see ``cache._variant`` and ``fastpath``), so each host keeps its own footer.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.http.request import split_domain_port

DEFAULT_HOST = "*"


@dataclass(frozen=True)
class SiteIdentity:
    """What the footer, the meta tags and the home page's 指南/目录 links need to know of a site."""

    name: str = "政务公开"
    org_code: str = ""  # the site's own organization (its guide and catalog are the home page's links)
    domain: str = ""  # the canonical host name (SiteDomain); the request's host when empty
    sponsor: str = ""  # 主办单位
    organizer: str = ""  # 承办单位 (optional)
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号, e.g. 鲁ICP备12345678号
    psb: str = ""  # 公安机关备案号, e.g. 鲁公网安备 37132302000123号
    psb_code: str = ""  # the digits of the 公安 备案 number, for the beian.mps.gov.cn link
    conac_url: str = ""  # the 党政机关网站标识's verification address (bszs.conac.cn)
    phone: str = ""
    email: str = ""
    address: str = ""


_FIELDS = {f.name for f in fields(SiteIdentity)}


def _build(host: str, values: dict) -> SiteIdentity:
    unknown = set(values) - _FIELDS
    if unknown:
        raise ImproperlyConfigured(f"GONGKAI_SITES[{host!r}]: unknown keys {sorted(unknown)}")
    return SiteIdentity(**values)


def configured_sites() -> dict[str, SiteIdentity]:
    """Every configured site by host name (lower case, no port)."""
    return {host.lower(): _build(host, values) for host, values in settings.GONGKAI_SITES.items()}


def for_host(host: str) -> SiteIdentity:
    """The identity of the site served on ``host`` (the ``"*"`` entry, or defaults, for any other)."""
    sites = configured_sites()
    name, _port = split_domain_port(host)
    identity = sites.get(name.lower()) or sites.get(DEFAULT_HOST) or SiteIdentity()
    if not identity.domain and name:
        identity = SiteIdentity(**{**identity.__dict__, "domain": name.lower()})
    return identity


def for_request(request: HttpRequest) -> SiteIdentity:
    cached = getattr(request, "_gk_site", None)
    if cached is None:
        cached = for_host(request.get_host())
        request._gk_site = cached  # type: ignore[attr-defined]
    return cached
