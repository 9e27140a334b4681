"""Validation of search parameters, shared by the search page and GET /api/v1/search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Column
from gongkai.documents.models import Genre, Validity
from gongkai.orgs.models import Organization

from .query import MAX_QUERY_LENGTH
from .services import Filters

MAX_PAGE = 1000
SORTS = [("relevance", _("按相关度")), ("date", _("按发布日期"))]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("检索词"), required=False, strip=True)
    org = forms.CharField(label=_("发布机构"), required=False)
    column = forms.CharField(label=_("栏目"), required=False)
    year = forms.CharField(label=_("发布年份"), required=False)
    genre = forms.ChoiceField(label=_("公文类型"), required=False, choices=[("", _("全部"))] + list(Genre.choices))
    validity = forms.ChoiceField(
        label=_("效力状态"), required=False, choices=[("", _("全部"))] + [c for c in Validity.choices if c[0]]
    )
    subject = forms.CharField(label=_("主题分类"), required=False, max_length=60)
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=SORTS)
    page = forms.CharField(label=_("页码"), required=False)

    default_error_messages = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("genre", "validity", "sort"):
            self.fields[name].error_messages["invalid_choice"] = _("“%(value)s”不是可选的值。")
        self.fields["subject"].error_messages["max_length"] = _("主题分类不能超过 60 个字。")

    def clean_q(self) -> str:
        q = self.cleaned_data["q"]
        if len(q) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(_("检索词不能超过 %(n)d 个字，请精简后再试。") % {"n": MAX_QUERY_LENGTH})
        return q

    def clean_org(self) -> Organization | None:
        code = self.cleaned_data["org"].strip()
        if not code:
            return None
        org = Organization.objects.filter(code=code).first()
        if org is None:
            raise forms.ValidationError(_("没有代码为“%(code)s”的机构。") % {"code": code[:40]})
        return org

    def clean_year(self) -> int | None:
        raw = self.cleaned_data["year"].strip()
        if not raw:
            return None
        if not raw.isascii() or not raw.isdigit() or not 1949 <= int(raw) <= 2100:
            raise forms.ValidationError(_("年份应为 1949 到 2100 之间的四位数字。"))
        return int(raw)

    def clean_page(self) -> int:
        raw = self.cleaned_data["page"].strip()
        if not raw:
            return 1
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
            raise forms.ValidationError(_("页码应为 1 到 %(n)d 之间的整数。") % {"n": MAX_PAGE})
        return int(raw)

    def clean(self):
        data = super().clean()
        raw = (data.get("column") or "").strip()
        data["column"] = None
        if raw and "org" not in self.errors:
            org = data.get("org")
            if raw.isascii() and raw.isdigit():
                column = Column.objects.filter(pk=int(raw)).first()
                if column is not None and org is not None and column.org_id != org.pk:
                    column = None
            elif org is None:
                self.add_error("column", _("按栏目标识筛选时请同时指定机构（org）。"))
                return data
            else:
                column = Column.objects.filter(org=org, slug=raw).first()
            if column is None:
                self.add_error("column", _("没有找到栏目“%(c)s”。") % {"c": raw[:60]})
            else:
                data["column"] = column
        return data

    def filters(self) -> Filters:
        d = self.cleaned_data
        return Filters(
            org_id=d["org"].pk if d.get("org") else None,
            column_id=d["column"].pk if d.get("column") else None,
            year=d.get("year"),
            genre=d.get("genre") or "",
            validity=d.get("validity") or "",
            subject=d.get("subject") or "",
        )


def first_errors(form: forms.Form) -> dict[str, str]:
    """{field: first message} for a JSON 400 answer."""
    return {field: str(errors[0]) for field, errors in form.errors.items()}
