"""Staff forms for drafting. Validation of meaning (发文字号, legal ground, column) lives in services."""

from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Column

from .models import Document, Validity


def _columns_in_tree_order(org):
    """The organization's columns, each parent followed by its children, for the column select."""
    if org is None:
        return Column.objects.none()
    columns = list(Column.objects.filter(org=org).order_by("position", "id"))
    children: dict[int | None, list[Column]] = {}
    for column in columns:
        children.setdefault(column.parent_id, []).append(column)
    ordered: list[int] = []

    def walk(parent_id):
        for column in children.get(parent_id, []):
            ordered.append(column.pk)
            walk(column.pk)

    walk(None)
    if not ordered:
        return Column.objects.none()
    order = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ordered)), output_field=IntegerField())
    return Column.objects.filter(pk__in=ordered).select_related("parent").order_by(order)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DocumentForm(forms.ModelForm):
    """All catalog metadata of seed 001 except 索引号, which is assigned on publication."""

    class Meta:
        model = Document
        fields = [
            "column", "title", "subject", "agency", "written_on", "doc_number", "genre", "published_on",
            "validity", "unified_number", "attribute", "not_disclosed_ground", "summary", "body",
            "needs_interpretation",
        ]
        widgets = {
            "written_on": DateInput(),
            "published_on": DateInput(),
            "body": forms.Textarea(attrs={"rows": 16}),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "attribute": forms.RadioSelect(),
        }
        help_texts = {
            "doc_number": _("例如：龙街办发〔2023〕12号；粘贴的“[2023]”“【2023】”会自动改为“〔2023〕”。"),
            "published_on": _("可不填，发布时自动填写当天日期。"),
            "not_disclosed_ground": _("公开属性为“不予公开”时必须选择。"),
            "body": _("可直接输入纯文本（每行一段），或粘贴 HTML；脚本和样式会被清除。"),
        }

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        org = org or (self.instance.org if self.instance.pk else None)
        self.fields["column"].queryset = _columns_in_tree_order(org)
        self.fields["column"].label_from_instance = lambda c: c.path_name()
        self.fields["column"].empty_label = _("请选择栏目")
        self.fields["title"].widget.attrs["size"] = 60
        for name in ("written_on", "published_on"):
            self.fields[name].input_formats = ["%Y-%m-%d"]

    def service_fields(self) -> dict:
        """Cleaned values to pass to documents.services (column included)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"), help_text=_("允许 .doc .docx .pdf .xls .xlsx .wps .ofd .jpg .png .zip"))


class CommentForm(forms.Form):
    action = forms.CharField()
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    override_findings = forms.BooleanField(label=_("我已核对检查结果，确认可以公开（保密审查人）"), required=False)


class ValidityForm(forms.Form):
    """Change of a published document's 效力状态, with the day it took legal effect."""

    status = forms.ChoiceField(
        label="效力状态", choices=[(v, label) for v, label in Validity.choices if v],
        error_messages={"required": "请选择效力状态。", "invalid_choice": "请选择有效的效力状态。"},
    )
    effective_on = forms.DateField(
        label="生效日期", widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写生效日期。", "invalid": "生效日期格式应为 YYYY-MM-DD。"},
    )
    note = forms.CharField(label="说明（如废止决定的文号）", required=False, max_length=200,
                           error_messages={"max_length": "说明不能超过 200 字。"})
