"""Prefilled text for sections 一、五、六, written from the year's figures; the office edits it freely."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from gongkai.documents.models import Document, Status
from gongkai.foi.models import Consultation, DisclosureRequest
from gongkai.orgs.models import Organization


def column_counts(org_ids: Iterable[int], year: int) -> list[tuple[str, int]]:
    """Items published in ``year`` per column, busiest first."""
    qs = (Document.objects.filter(org_id__in=list(org_ids), status=Status.PUBLISHED,
                                  published_on__year=year)
          .values("column__name").annotate(n=Count("pk")).order_by("-n", "column__name"))
    return [(r["column__name"], r["n"]) for r in qs]


def overview_text(org: Organization, year: int, data: dict, columns: list[tuple[str, int]],
                  consultations: int) -> str:
    """Section 一: what was published, how requests were handled, how the work was organised."""
    total_items = sum(n for _c, n in columns)
    rows = data["requests"]["rows"]
    new, processed, forward = rows["new"][-1], rows["total_processed"][-1], rows["carried_forward"][-1]
    granted = rows["granted"][-1] + rows["partially_granted"][-1]
    p = data["proactive"]
    parts = [
        f"{year}年，{org.name}认真贯彻《中华人民共和国政府信息公开条例》，"
        f"通过政府信息公开平台主动公开政府信息{total_items}条。"
    ]
    if columns:
        top = "、".join(f"“{name}”{n}条" for name, n in columns[:5])
        parts.append(f"按栏目统计，发布较多的有{top}。")
    parts.append(
        f"本年制发规章{p['rules'][0]}件、行政规范性文件{p['normative_documents'][0]}件，"
        f"年末现行有效的规章{p['rules'][2]}件、行政规范性文件{p['normative_documents'][2]}件。"
    )
    parts.append(
        f"全年新收政府信息公开申请{new}件，办结{processed}件，其中予以公开或部分公开{granted}件"
        + (f"，结转下年度继续办理{forward}件" if forward else "")
        + (f"；办理中书面征求第三方或其他机关意见{consultations}次" if consultations else "")
        + "。所有申请均按规定时限登记、审核、答复和归档。"
    )
    parts.append("本机关明确了政府信息公开工作机构和专人，落实发布前审核和保密审查制度，"
                 "及时更新政府信息公开指南和目录。")
    return "\n".join(parts)


def problems_text(year: int) -> str:
    return (f"{year}年本机关政府信息公开工作仍存在部分栏目更新不够及时、政策解读形式较为单一等不足。"
            f"{year + 1}年将加强栏目日常维护和信息员培训，丰富图解等解读形式，"
            "进一步提高依申请公开答复质量。")


def other_text(fees: tuple[int, Decimal]) -> str:
    """Section 六 must state the information-processing fees charged under 国办函〔2020〕109号."""
    count, amount = fees
    if count:
        fee = f"本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费{count}件，共{amount:.2f}元。"
    else:
        fee = "本年度未依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。"
    return fee + "无其他需要报告的事项。"


def fees_in_year(org_ids: Iterable[int], year: int) -> tuple[int, Decimal]:
    """Requests whose information-processing fee was paid in ``year``, and the amount net of waivers."""
    agg = DisclosureRequest.objects.filter(
        org_id__in=list(org_ids), fee_paid_on__year=year, fee_amount__isnull=False,
    ).aggregate(n=Count("pk"), amount=Sum(F("fee_amount") - F("fee_waived")))
    return agg["n"], agg["amount"] or Decimal("0")


def consultations_in_year(org_ids: Iterable[int], year: int) -> int:
    return Consultation.objects.filter(
        Q(request__org_id__in=list(org_ids)),
        started_on__gte=date(year, 1, 1), started_on__lte=date(year, 12, 31),
    ).count()


def prefill(org: Organization, year: int, data: dict) -> dict[str, str]:
    ids = [org.pk]
    columns = column_counts(ids, year)
    return {
        "overview": overview_text(org, year, data, columns, consultations_in_year(ids, year)),
        "problems": problems_text(year),
        "other": other_text(fees_in_year(ids, year)),
    }
