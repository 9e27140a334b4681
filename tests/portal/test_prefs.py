"""Display preferences (字号, 高对比度, 长者模式) work without JavaScript through cookies."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_elder_mode_cookie_round_trip(client, township):
    response = client.get("/prefs/", {"elder": "1", "next": "/gk/longjiaquan/guide/"})
    assert response.status_code == 302 and response["Location"] == "/gk/longjiaquan/guide/"
    assert response.cookies["gk_elder"].value == "1"
    assert response.cookies["gk_elder"]["max-age"] == 365 * 24 * 60 * 60
    page = client.get("/gk/longjiaquan/guide/").content.decode()
    assert 'class="font-m elder"' in page and "退出长者模式" in page
    # Remembered on other pages too.
    assert 'class="font-m elder"' in client.get("/").content.decode()
    off = client.get("/prefs/", {"elder": "0", "next": "/"})
    assert off.cookies["gk_elder"].value == ""
    page = client.get("/").content.decode()
    assert 'class="font-m"' in page and ">长者模式<" in page


def test_font_size_and_contrast(client, township):
    client.get("/prefs/", {"font": "l", "next": "/"})
    client.get("/prefs/", {"contrast": "1", "next": "/"})
    page = client.get("/gk/longjiaquan/").content.decode()
    assert 'class="font-l contrast"' in page
    assert 'data-value="l" aria-current="true"' in page and "标准配色" in page


@pytest.mark.parametrize("value", ["xl", "", "<b>"])
def test_unknown_font_value_is_ignored(client, value):
    response = client.get("/prefs/", {"font": value, "next": "/"})
    assert response.status_code == 302 and "gk_font" not in response.cookies


def test_unknown_font_cookie_falls_back_to_medium(client):
    client.cookies["gk_font"] = "huge"
    assert 'class="font-m"' in client.get("/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_foreign_next_goes_home(client, target):
    response = client.get("/prefs/", {"elder": "1", "next": target})
    assert response["Location"] == "/"


def test_toolbar_links_return_to_the_current_page(client, township):
    page = client.get("/gk/longjiaquan/col/news/?page=1").content.decode()
    assert 'href="/prefs/?elder=1&amp;next=/gk/longjiaquan/col/news/%3Fpage%3D1"' in page
