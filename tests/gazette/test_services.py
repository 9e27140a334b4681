"""Assembling and publishing gazette issues; tracking the 20-working-day rule."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from pypdf import PdfReader

from gongkai.audit.models import AuditEntry
from gongkai.gazette import events, selectors, services
from gongkai.gazette.models import Category, IssueStatus, RegisterAction
from gongkai.gazette.rules import Timeliness

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def issue(editor, county):
    return services.create_issue(actor=editor, org=county, year=2025, number=11, issue_date=D(2025, 10, 28))


def test_issue_numbers_are_unique_per_year(editor, county, issue):
    with pytest.raises(ValidationError) as err:
        services.create_issue(actor=editor, org=county, year=2025, number=11, issue_date=D(2025, 11, 1))
    assert err.value.message_dict == {"number": ["2025年第11期已经存在。"]}


def test_entries_take_their_category_from_the_issuing_body(editor, county, office, department, issue, publish):
    gov = services.add_entry(actor=editor, issue=issue, document=publish(editor, county))
    off = services.add_entry(actor=editor, issue=issue, document=publish(editor, office,
                                                                         doc_number="沂政办发〔2025〕4号"))
    dep = services.add_entry(actor=editor, issue=issue, document=publish(editor, department,
                                                                         genre="行政规范性文件"))
    assert [e.category for e in (gov, off, dep)] == [Category.GOVERNMENT, Category.OFFICE, Category.DEPARTMENT]
    assert [e.position for e in (gov, off, dep)] == [1, 2, 3]


def test_only_public_documents_of_the_government_and_its_units_once(editor, county, issue, publish, make_org,
                                                                    make_user):
    doc = publish(editor, county)
    services.add_entry(actor=editor, issue=issue, document=doc)
    with pytest.raises(ValidationError, match="已经收录在公报中"):
        services.add_entry(actor=editor, issue=issue, document=doc)
    stranger = make_org("faraway")
    officer = make_user("far_officer", stranger, "officer")
    with pytest.raises(ValidationError, match="只能收录本机关及所属单位的文件"):
        services.add_entry(actor=editor, issue=issue, document=publish(officer, stranger))
    with pytest.raises(PermissionDenied):
        services.add_entry(actor=officer, issue=issue, document=publish(editor, county))


def test_publish_renders_one_pdf_and_freezes_the_issue(editor, county, office, issue, publish,
                                                       django_capture_on_commit_callbacks):
    first = services.add_entry(actor=editor, issue=issue, document=publish(editor, office, title="关于办公室工作的通知",
                                                                           doc_number="沂政办发〔2025〕4号"))
    services.add_entry(actor=editor, issue=issue, document=publish(editor, county, title="关于县政府工作的决定"))
    services.change_entry(actor=editor, entry=first, category=Category.OFFICE, position=5)
    received = []
    events.gazette_issue_published.connect(lambda sender, **kw: received.append(kw["issue"]), weak=False,
                                           dispatch_uid="test-gazette")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            published = services.publish_issue(actor=editor, issue=issue, today=D(2025, 11, 1))
    finally:
        events.gazette_issue_published.disconnect(dispatch_uid="test-gazette")
    assert published.status == IssueStatus.PUBLISHED and len(published.pdf_sha256) == 64
    assert received == [issue.pk]
    with default_storage.open(published.pdf.name, "rb") as fh:
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages]
    assert "2025年第11期" in pages[0]
    toc = pages[1]
    assert toc.index("政府文件") < toc.index("关于县政府工作的决定") < toc.index("政府办公室文件") < toc.index(
        "关于办公室工作的通知")
    with pytest.raises(ValidationError, match="已经出版"):
        services.add_entry(actor=editor, issue=issue, document=publish(editor, county))
    with pytest.raises(ValidationError, match="已经出版"):
        services.publish_issue(actor=editor, issue=issue, today=D(2025, 11, 1))
    assert list(AuditEntry.objects.filter(object_type="gazette.gazetteissue").values_list("action", flat=True)) == [
        RegisterAction.ISSUE_CREATE, RegisterAction.ENTRY_ADD, RegisterAction.ENTRY_ADD, RegisterAction.ENTRY_CHANGE,
        RegisterAction.ISSUE_PUBLISH]


def test_publishing_needs_the_office_admin_and_content(make_user, county, issue, editor):
    officer = make_user("county_officer", county, "officer")
    with pytest.raises(PermissionDenied):
        services.publish_issue(actor=officer, issue=issue)
    with pytest.raises(ValidationError, match="还没有收录文件"):
        services.publish_issue(actor=editor, issue=issue, today=D(2025, 11, 1))


def test_tracking_shows_due_dates_and_overdue_documents_first(editor, county, department, issue, publish):
    printed = publish(editor, county, title="按时刊登的文件", written_on=D(2025, 9, 26))
    late = publish(editor, county, title="迟迟未刊登的文件", written_on=D(2025, 9, 1))
    publish(editor, department, title="部门普通通知", doc_number="沂民发〔2025〕2号")  # not a gazette document
    publish(editor, county, title="工作动态", genre="工作动态")
    services.add_entry(actor=editor, issue=issue, document=printed)
    services.publish_issue(actor=editor, issue=issue, today=D(2025, 10, 28))
    rows = selectors.tracking(county, today=D(2025, 12, 1))
    assert [(r.document, r.state) for r in rows] == [(late, Timeliness.OVERDUE), (printed, Timeliness.ON_TIME)]
    assert rows[1].due == D(2025, 10, 30) and rows[1].issue == issue
    assert [r.document for r in selectors.overdue(county, today=D(2025, 12, 1))] == [late]


def test_search_finds_printed_documents_by_their_text(editor, county, issue, publish):
    services.add_entry(actor=editor, issue=issue, document=publish(editor, county, title="关于秸秆禁烧的通告",
                                                                   body="<p>严禁在田间焚烧秸秆。</p>"))
    other = services.create_issue(actor=editor, org=county, year=2025, number=12, issue_date=D(2025, 11, 5))
    services.add_entry(actor=editor, issue=other, document=publish(editor, county, title="未出版一期里的秸秆通知"))
    services.publish_issue(actor=editor, issue=issue, today=D(2025, 11, 1))
    assert [e.document.title for e in selectors.search(county, "焚烧 秸秆")] == ["关于秸秆禁烧的通告"]
    assert list(selectors.search(county, "不存在的词")) == []


def test_a_printed_document_knows_its_issue(editor, county, issue, publish):
    doc = publish(editor, county)
    services.add_entry(actor=editor, issue=issue, document=doc)
    assert selectors.printed_in(doc) is None  # not until the issue is out
    services.publish_issue(actor=editor, issue=issue, today=D(2025, 11, 1))
    assert selectors.printed_in(doc) == issue
