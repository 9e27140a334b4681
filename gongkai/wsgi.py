"""WSGI entry point (gunicorn gongkai.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()

from gongkai.portal.fastpath import CachedPages  # noqa: E402  (needs the configured settings)

# Repeated anonymous reads of published pages are answered from process memory (see fastpath.py).
application = CachedPages(application)
