"""Policy interpretations (政策解读): an interpretation is itself a Document in the org's 政策解读 column.

Making it a Document gives it the review chain, 索引号, search and the portal page of every other
item; this model adds what only an interpretation has: its form, the policies it explains and, for
图解, images with their alternative text.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InterpretationForm(models.TextChoices):
    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图解")
    VIDEO = "video", _("视频解读")
    ANIMATION = "animation", _("动漫解读")
    MEDIA = "media", _("媒体解读")


class Interpretation(models.Model):
    document = models.OneToOneField(
        "documents.Document", verbose_name=_("解读文件"), on_delete=models.CASCADE, related_name="interpretation"
    )
    form = models.CharField(_("解读形式"), max_length=20, choices=InterpretationForm.choices,
                            default=InterpretationForm.TEXT)
    policies = models.ManyToManyField(
        "documents.Document", verbose_name=_("解读的政策文件"), related_name="interpretations", blank=True
    )
    # 视频/动漫: where the video is played; 媒体解读: the article of the outlet.
    media_url = models.URLField(_("视频或媒体文章网址"), max_length=500, blank=True)
    media_source = models.CharField(_("媒体名称"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.document.title


def image_path(instance: "InterpretationImage", filename: str) -> str:
    return f"interpretation/{instance.interpretation.document.org.code}/{instance.interpretation_id}/{filename}"


class InterpretationImage(models.Model):
    """One picture of a 图解; the alternative text is required (screen readers, elder mode)."""

    interpretation = models.ForeignKey(Interpretation, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(_("图片"), upload_to=image_path, max_length=300)
    content_type = models.CharField(max_length=40)
    alt_text = models.CharField(_("图片文字说明"), max_length=500)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("图解图片")
        verbose_name_plural = _("图解图片")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt_text[:40]
