"""Staff forms for interpretations; meaning (policies, media, images) is validated in services."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.documents.models import Document

from . import rules
from .models import InterpretationForm

_SPLIT = re.compile(r"[\s,，、;；]+")


class PolicyRefsField(forms.CharField):
    """Policies named by 索引号 or by their number in the back office, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("被解读的政策文件（索引号或文件编号，每行一个）"))
        kwargs.setdefault("error_messages", {"required": _("请至少填写一件被解读的政策文件。")})
        super().__init__(**kwargs)
        self.queryset = Document.objects.none()

    def clean(self, value):
        value = super().clean(value)
        refs = [r for r in _SPLIT.split(value or "") if r]
        found: list[Document] = []
        for ref in refs:
            qs = self.queryset.filter(pk=int(ref)) if ref.isdigit() else self.queryset.filter(index_number=ref)
            doc = qs.first()
            if doc is None:
                raise forms.ValidationError(_("找不到可以关联的政策文件“%(ref)s”（须为您所在机构可见、未撤回的文件）。")
                                            % {"ref": ref})
            if doc not in found:
                found.append(doc)
        return found


class _LinkFields(forms.Form):
    form = forms.ChoiceField(label=_("解读形式"), choices=InterpretationForm.choices,
                             error_messages={"required": _("请选择解读形式。"),
                                             "invalid_choice": _("解读形式不是可选的值。")})
    policies = PolicyRefsField()
    media_url = forms.URLField(label=_("视频或媒体文章网址"), required=False, max_length=500,
                               assume_scheme="https", error_messages={"invalid": _("网址格式不正确。")})
    media_source = forms.CharField(label=_("媒体名称（媒体解读）"), required=False, max_length=100)

    def __init__(self, *args, policy_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if policy_queryset is not None:
            self.fields["policies"].queryset = policy_queryset


class CreateForm(_LinkFields):
    title = forms.CharField(label=_("标题"), max_length=300, error_messages={"required": _("请填写解读标题。")})
    summary = forms.CharField(label=_("内容概述"), required=False, max_length=500)

    field_order = ["title", "form", "policies", "media_url", "media_source", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, _name in enumerate(rules.OUTLINE_PARTS):
            self.fields[f"part_{i}"] = forms.CharField(
                label=rules.outline_heading(i), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                max_length=20000)

    def sections(self) -> dict[int, str]:
        return {i: self.cleaned_data.get(f"part_{i}", "") for i in range(len(rules.OUTLINE_PARTS))}

    def outline_fields(self):
        return [self[f"part_{i}"] for i in range(len(rules.OUTLINE_PARTS))]


class EditForm(_LinkFields):
    pass


class ImageForm(forms.Form):
    file = forms.FileField(label=_("图片（JPG/PNG）"), error_messages={"required": _("请选择要上传的图片。")})
    alt_text = forms.CharField(label=_("图片文字说明（必填，供视障读者使用）"), max_length=500,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               error_messages={"required": _("请填写图片的文字说明，供视障读者和长者模式使用。"),
                                               "max_length": _("文字说明不能超过500个字。")})
    position = forms.IntegerField(label=_("排序"), required=False, min_value=0, max_value=999,
                                  error_messages={"invalid": _("排序须为整数。")})
