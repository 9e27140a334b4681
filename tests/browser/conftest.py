"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

One browser and one page per test session (tests reset cookies and viewport); a small public site
built with the models for each test, because live-server tests run on a flushed, transactional database.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from gongkai.catalog.models import Column
from gongkai.documents.models import Attribute, Document, Genre, Status, Validity
from gongkai.orgs.models import Organization, Role

from .support import AXE_JS, CHROMIUM, CHROMIUM_ARGS, CSP_LISTENER, DESKTOP

# Playwright's sync API keeps an event loop in this thread; the ORM calls made by fixtures and
# assertions in between browser steps are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"未找到 Chromium（{CHROMIUM}）。浏览器测试使用 Debian 的 chromium：请运行 `make browser-deps`"
            "（即 apt-get install chromium fonts-noto-cjk），或用 GONGKAI_CHROMIUM 指定可执行文件。",
            pytrace=False,
        )
    if not AXE_JS.exists():
        pytest.fail(f"未找到 axe-core（{AXE_JS}）：请在仓库根目录运行 `npm ci`。", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def _session_page(live_server, browser):
    # Requesting live_server first makes it outlive the browser: keep-alive connections close
    # before the server thread stops.
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    context.expose_function("__gkCspViolation", lambda report: CSP_VIOLATIONS.append(report))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("console", _csp_console_message)
    page.on("framenavigated", lambda frame: CSP_PAGES.append(frame.url) if frame.parent_frame is None else None)
    yield page
    context.close()


# Every Content-Security-Policy violation any browser test causes (events and console reports alike).
CSP_VIOLATIONS: list[dict] = []
CSP_PAGES: list[str] = []  # every page load in the session, for the summary line
CSP_TOTAL: list[dict] = []


def _csp_console_message(message) -> None:
    if message.type == "error" and "Content Security Policy" in message.text:
        CSP_VIOLATIONS.append({"console": message.text, "page": message.location.get("url", "")})


def pytest_terminal_summary(terminalreporter):
    if CSP_PAGES:
        pages = [url for url in CSP_PAGES if url.startswith("http")]
        terminalreporter.write_line(
            f"Content-Security-Policy: {len(pages)} page loads ({len(set(pages))} distinct URLs), "
            f"{len(CSP_TOTAL)} violations"
        )


@pytest.fixture(autouse=True)
def csp_violations(request):
    """Each browser test must leave 0 violations of the site's Content-Security-Policy."""
    if "page" not in request.fixturenames:
        yield []
        return
    request.getfixturevalue("page")
    del CSP_VIOLATIONS[:]
    yield CSP_VIOLATIONS
    found = list(CSP_VIOLATIONS)
    CSP_TOTAL.extend(found)
    del CSP_VIOLATIONS[:]
    assert found == [], f"Content-Security-Policy violations: {found}"


@pytest.fixture
def page(_session_page, live_server):
    """The session's page, reset: no cookies (preferences, session), desktop viewport, blank."""
    _session_page.context.clear_cookies()
    _session_page.set_viewport_size(DESKTOP)
    _session_page.goto("about:blank")
    return _session_page


@pytest.fixture(autouse=True)
def browser_cache(settings):
    """A private in-memory cache per test: the portal page cache and FOI rate limits start empty."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"browser-{uuid.uuid4()}"}
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def clear_register_after(transactional_db):
    """Live-server tests flush the database; the root conftest's flush wrapper empties the register."""
    yield


WIDE_TABLE = (
    "<p>各村（社区）补贴资金发放情况如下表。</p><table><thead><tr>"
    + "".join(f"<th>第{i}项指标名称较长的列</th>" for i in range(1, 9))
    + "</tr></thead><tbody><tr>"
    + "".join(f"<td>{i * 1234.5:.2f}元（含追加资金）</td>" for i in range(1, 9))
    + "</tr></tbody></table>"
)


@dataclass
class Site:
    """The public site a browser test reads: a county, a township with contact details, documents."""

    county: Organization
    township: Organization
    docs: dict[str, Document] = field(default_factory=dict)
    url: str = ""

    def doc_url(self, key: str, *, print_view: bool = False) -> str:
        doc = self.docs[key]
        return f"{self.url}/gk/{doc.org.code}/doc/{doc.pk}/{'print/' if print_view else ''}"


def _publish(org: Organization, slug: str, seq: int, **fields) -> Document:
    published_on = fields.pop("published_on", dt.date(2025, 3, 1) + dt.timedelta(days=seq))
    return Document.objects.create(
        org=org,
        column=Column.objects.get(org=org, slug=slug),
        agency=org.name,
        index_number=f"{org.code}/{published_on.year}-{seq:07d}",
        status=Status.PUBLISHED,
        attribute=Attribute.PROACTIVE,
        published_on=published_on,
        written_on=published_on - dt.timedelta(days=2),
        **fields,
    )


@pytest.fixture
def site(live_server, county, township, other_township) -> Site:
    from gongkai.search.services import reindex

    Organization.objects.filter(pk=township.pk).update(
        office_name="龙家圈街道党政办公室", address="沂水县龙家圈街道振兴路88号", phone="0539-2251234",
        office_hours="工作日 8:30-12:00，13:30-17:30", postcode="276400", email="ljqgk@example.gov.cn",
    )
    township.refresh_from_db()
    docs = {
        "notice": _publish(
            township, "notices", 1, title="关于2025年城乡居民医疗保险集中缴费的通知",
            doc_number="龙街办发〔2025〕3号", subject="卫生、体育", genre=Genre.NOTICE, validity=Validity.IN_FORCE,
            body="<p>为做好2025年度城乡居民基本医疗保险集中缴费工作，现将有关事项通知如下。</p>"
            "<p>一、缴费时间：2025年9月1日至12月31日。</p><p>二、缴费标准：每人每年400元。</p>",
        ),
        "subsidy": _publish(
            township, "notices", 2, title="龙家圈街道2025年耕地地力保护补贴发放情况公示",
            doc_number="龙街办发〔2025〕7号", subject="农业、林业、水利", genre=Genre.NOTICE,
            body=WIDE_TABLE + "<p>公示期7天，如有异议请向街道农业农村办反映。</p>",
        ),
        "county": _publish(
            county, "notices", 3, title="沂水县人民政府关于加强秋冬季森林防火工作的通知",
            doc_number="沂政发〔2025〕12号", subject="农业、林业、水利", genre=Genre.NOTICE,
            body="<p>各乡镇人民政府、街道办事处：入秋以来降水偏少，森林火险等级较高。</p>",
        ),
    }
    reindex()
    return Site(county=county, township=township, docs=docs, url=live_server.url)


@pytest.fixture
def staff_chain(make_user, township):
    """An officer and one reviewer for each step of the default chain (党政办 → 分管领导 → 保密审查)."""
    return {
        role: make_user(name, township, role)
        for name, role in (
            ("ljq_officer", Role.OFFICER),
            ("ljq_office", Role.OFFICE_REVIEWER),
            ("ljq_leader", Role.LEADER_REVIEWER),
            ("ljq_secrecy", Role.SECRECY_REVIEWER),
        )
    }


@dataclass
class Participation:
    """Public participation around the site's township: one of each public page type, with content."""

    message: object
    solicitation: object
    survey: object
    interpretation: Document
    publisher: object
    site: Site

    def pages(self) -> dict[str, str]:
        from .support import participation_pages

        policy = self.site.docs["subsidy"]
        return participation_pages(
            self.site.url, self.site.township.code, message=self.message.pk, solicitation=self.solicitation.pk,
            survey=self.survey.pk, policy=policy.pk, interpretation=self.interpretation.pk,
            page_url=f"/gk/{policy.org.code}/doc/{policy.pk}/")


def _png_1px() -> bytes:
    """A valid 1x1 white PNG: the 图解 image of the interpretation (the tests read its alternative text)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


@pytest.fixture
def participation(site, make_user, settings, tmp_path) -> Participation:
    """An answered and published message, an open consultation with a published comment, an open survey
    with answers, and a 图解 interpretation of the subsidy notice, all made through the services."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from gongkai.interaction.models import Comment
    from gongkai.interaction.services import messages, solicitations, surveys
    from gongkai.interpretation.models import Interpretation, InterpretationForm, InterpretationImage
    from gongkai.interpretation.services import interpretation_column

    settings.MEDIA_ROOT = tmp_path / "media"
    org = site.township
    publisher = make_user("ljq_gk", org, Role.OFFICER)
    today = timezone.localdate()

    message, _code = messages.submit_message(
        org=org, kind="consult", name="李桂兰", contact="13905398765", topic="城乡居民医保缴费时间",
        content="请问2025年度城乡居民医保在哪里缴费，截止到什么时候？")
    messages.answer(actor=publisher, item=message,
                    text="您好：2025年度集中缴费期为9月1日至12月31日，可在手机银行或社区便民服务点缴纳。")
    message = messages.publish_message(actor=publisher, message=message)

    solicitation = solicitations.create_solicitation(
        actor=publisher, org=org, title="龙家圈街道农村人居环境整治实施方案（征求意见稿）",
        body="<p>为改善农村人居环境，街道拟开展以下工作。</p><p>一、垃圾分类收集点每村不少于两处。</p>",
        starts_on=today - dt.timedelta(days=3), ends_on=today + dt.timedelta(days=20))
    solicitation = solicitations.publish_solicitation(actor=publisher, solicitation=solicitation)
    comment = solicitations.submit_comment(solicitation=solicitation, name="赵建国",
                                           content="建议收集点设在村口，方便老人投放。")
    solicitations.moderate_comment(actor=publisher, comment=Comment.objects.get(pk=comment.pk), approve=True)

    survey = surveys.create_survey(
        actor=publisher, org=org, title="便民服务中心满意度调查", intro="请根据您最近一次办事的感受作答。",
        starts_on=today - dt.timedelta(days=1), ends_on=today + dt.timedelta(days=30),
        outline="[单选] 您对窗口服务态度是否满意？\n- 满意\n- 基本满意\n- 不满意\n"
                "[多选] 您通过哪些渠道了解办事指南？\n- 政府网站\n- 微信公众号\n- 窗口咨询\n[文字] 您的其他建议")
    survey = surveys.publish_survey(actor=publisher, survey=survey)
    single, multiple, _text = survey.questions.all()
    for pick, channels in ((0, [0, 1]), (0, [2]), (1, [0])):
        choices, picks = list(single.choices.all()), list(multiple.choices.all())
        surveys.submit_response(survey=survey, answers={single.pk: [choices[pick].pk],
                                                        multiple.pk: [picks[i].pk for i in channels]})

    interpretation = _publish(
        org, interpretation_column(org).slug, 9, title="图解：龙家圈街道2025年耕地地力保护补贴怎么领",
        doc_number="", genre=Genre.OTHER,
        body="<p>补贴对象为实际承包耕地的农户，标准为每亩120元，由街道统一发放到户。</p>")
    item = Interpretation.objects.create(document=interpretation, form=InterpretationForm.GRAPHIC)
    item.policies.add(site.docs["subsidy"])
    image = InterpretationImage(interpretation=item, content_type="image/png", position=0, sha256="0" * 64,
                                alt_text="补贴发放流程：农户申报、村级公示、街道审核、银行发放到户")
    image.file.save("flow.png", ContentFile(_png_1px()), save=True)
    return Participation(message=message, solicitation=solicitation, survey=survey,
                         interpretation=interpretation, publisher=publisher, site=site)


@pytest.fixture
def axe(page):
    """Run axe-core on the page that is loaded; returns the violations as dicts."""
    from .support import run_axe

    return lambda: run_axe(page)
