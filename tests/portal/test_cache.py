"""Full-page cache: anonymous GETs are served from the cache until the generation is bumped."""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from gongkai.core.pagecache import GENERATION_KEY, bump_generation, current_generation, public_page
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_served_from_cache(client, township, make_doc):
    make_doc(township, "news", title="第一条")
    first = client.get("/gk/longjiaquan/col/news/")
    assert first["X-Portal-Cache"] == "miss"
    # A change made without bumping the generation is not visible: the page really comes from the cache.
    make_doc(township, "news", title="第二条")
    second = client.get("/gk/longjiaquan/col/news/")
    assert second["X-Portal-Cache"] == "hit"
    assert second.content == first.content and "第二条" not in second.content.decode()
    assert second["ETag"] == first["ETag"]


def test_bump_generation_invalidates_every_page(client, township, make_doc):
    make_doc(township, "news", title="第一条")
    client.get("/gk/longjiaquan/col/news/")
    client.get("/")
    before = current_generation()
    assert bump_generation() > before
    make_doc(township, "news", title="第二条")
    response = client.get("/gk/longjiaquan/col/news/")
    assert response["X-Portal-Cache"] == "miss" and "第二条" in response.content.decode()
    assert client.get("/")["X-Portal-Cache"] == "miss"


def test_bump_generation_when_key_was_evicted(client, township):
    client.get("/gk/longjiaquan/")
    cache.delete(GENERATION_KEY)
    generation = bump_generation()
    assert cache.get(GENERATION_KEY) == generation
    assert client.get("/gk/longjiaquan/")["X-Portal-Cache"] == "miss"


def test_logged_in_users_never_get_or_fill_cached_pages(client, township, make_user):
    make_user("clerk", township, Role.OFFICER)
    anonymous = client.get("/gk/longjiaquan/")
    assert anonymous["X-Portal-Cache"] == "miss"
    assert client.login(username="clerk", password=PASSWORD)
    for _ in range(2):
        response = client.get("/gk/longjiaquan/")
        assert response.status_code == 200 and "X-Portal-Cache" not in response
        response = client.get("/gk/longjiaquan/guide/")
        assert "X-Portal-Cache" not in response
    client.logout()
    # Nothing a logged-in user saw was stored: the guide is still uncached for the public.
    assert client.get("/gk/longjiaquan/guide/")["X-Portal-Cache"] == "miss"


def test_conditional_get_answers_304(client, township):
    first = client.get("/gk/longjiaquan/guide/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/gk/longjiaquan/guide/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/gk/longjiaquan/guide/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/gk/longjiaquan/guide/", HTTP_IF_NONE_MATCH='"other"').status_code == 200
    assert "Cookie" in first["Vary"]


def test_unknown_query_parameters_bypass_the_cache(client, township):
    for _ in range(2):
        response = client.get("/gk/longjiaquan/?utm=x")
        assert response.status_code == 200 and "X-Portal-Cache" not in response
    assert client.get("/gk/longjiaquan/col/news/?page=1")["X-Portal-Cache"] == "miss"
    assert client.get("/gk/longjiaquan/col/news/?page=1")["X-Portal-Cache"] == "hit"


def test_display_preferences_are_separate_cache_variants(client, township):
    assert client.get("/gk/longjiaquan/")["X-Portal-Cache"] == "miss"
    client.cookies["gk_elder"] = "1"
    elder = client.get("/gk/longjiaquan/")
    assert elder["X-Portal-Cache"] == "miss" and 'class="font-m elder"' in elder.content.decode()
    assert client.get("/gk/longjiaquan/")["X-Portal-Cache"] == "hit"


def test_responses_setting_cookies_or_csrf_are_not_stored():
    factory = RequestFactory()
    calls = []

    @public_page
    def sets_cookie(request):
        calls.append(1)
        response = HttpResponse("有 Cookie 的页面")
        response.set_cookie("x", "1")
        return response

    @public_page
    def uses_csrf(request):
        from django.middleware.csrf import get_token

        calls.append(1)
        return HttpResponse(get_token(request))

    for view in (sets_cookie, uses_csrf):
        for _ in range(2):
            request = factory.get("/p/")
            response = view(request)
            assert response.status_code == 200 and "X-Portal-Cache" not in response
    assert len(calls) == 4


def test_errors_are_not_cached(client, township):
    assert client.get("/gk/longjiaquan/col/news/?page=9").status_code == 404
    assert client.get("/gk/longjiaquan/col/news/?page=9").status_code == 404
    assert "X-Portal-Cache" not in client.get("/gk/longjiaquan/col/news/?page=9")


@pytest.fixture(params=["file", "redis"])
def deployed_cache(request, settings, tmp_path):
    """The cache backends the product really runs on: file-based (embedded) and Redis (production)."""
    if request.param == "file":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path),
            }
        }
    else:
        # A unique key prefix instead of clear(): clear() would flush a Redis database others may share.
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/0",
                "KEY_PREFIX": f"gongkai-portal-test-{uuid.uuid4().hex}",
                "TIMEOUT": 120,
            }
        }
    yield request.param
    if request.param == "redis":
        # Remove only this test's keys (cached pages and the generation) from the shared server.
        prefix = settings.CACHES["default"]["KEY_PREFIX"]
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


def test_page_cache_on_deployed_backends(deployed_cache, client, township, make_doc):
    assert cache.get(GENERATION_KEY) is None
    make_doc(township, "news", title="第一条")
    assert client.get("/gk/longjiaquan/col/news/")["X-Portal-Cache"] == "miss"
    assert client.get("/gk/longjiaquan/col/news/")["X-Portal-Cache"] == "hit"
    generation = current_generation()
    assert bump_generation() == generation + 1
    make_doc(township, "news", title="第二条")
    response = client.get("/gk/longjiaquan/col/news/")
    assert response["X-Portal-Cache"] == "miss" and "第二条" in response.content.decode()
    cache.delete(GENERATION_KEY)  # evicted or flushed: bumping must still work
    assert bump_generation() > generation + 1


@pytest.mark.django_db(transaction=True)
def test_editing_an_organization_refreshes_cached_pages(county):
    from gongkai.core.pagecache import current_generation

    before = current_generation()
    county.phone = "0539-2211111"
    county.save()
    assert current_generation() > before
