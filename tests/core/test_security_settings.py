"""HTTPS headers from the environment, `check --deploy` clean under the documented production settings,
and no-store on pages with personal data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "GONGKAI_SECURE_COOKIES": "true",
    "GONGKAI_SECRET_KEY": "k3y-" + "x9Qz" * 15,
    "GONGKAI_ALLOWED_HOSTS": "gk.yishui.gov.cn",
    "GONGKAI_TRUSTED_PROXIES": "127.0.0.1",
}


def _settings(env: dict, expression: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "gongkai.settings",
                               "GONGKAI_VAR_DIR": os.environ.get("GONGKAI_VAR_DIR", str(ROOT / "var")), **env})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_check_deploy_is_clean_under_the_production_settings(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    done = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
        capture_output=True, text=True, timeout=120,
        env={**clean, "DJANGO_SETTINGS_MODULE": "gongkai.settings", "GONGKAI_VAR_DIR": str(tmp_path), **PRODUCTION},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_https_settings_follow_secure_cookies_and_can_be_set_one_by_one():
    expression = "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, getattr(s, 'SECURE_PROXY_SSL_HEADER', None)"
    assert _settings(PRODUCTION, expression) == "True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')"
    assert _settings({}, expression) == "False 0 None"
    assert _settings({**PRODUCTION, "GONGKAI_SSL_REDIRECT": "false", "GONGKAI_HSTS_SECONDS": "3600",
                      "GONGKAI_PROXY_SSL_HEADER": "false"}, expression) == "False 3600 None"


@pytest.mark.django_db
def test_https_headers_on_a_response(client, settings, county):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/").status_code == 301  # plain HTTP is redirected
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_pages_with_personal_data_are_not_stored(client, officer):
    client.force_login(officer)
    for path in ("/staff/", "/staff/requests/", "/foi/track/", "/admin/login/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
    assert "no-store" not in client.get("/").get("Cache-Control", "")
