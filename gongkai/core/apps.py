from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "gongkai.core"
    verbose_name = "平台"

    def ready(self):
        checks.register(check_trusted_proxies, checks.Tags.security)


def check_trusted_proxies(app_configs=None, **kwargs):
    """A mistyped GONGKAI_TRUSTED_PROXIES is reported at start, not as a failing request."""
    from django.conf import settings

    from .clientip import parse_networks

    try:
        parse_networks(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ""))
    except ValueError as exc:
        return [checks.Error(str(exc), id="gongkai.E001")]
    return []
