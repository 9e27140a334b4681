"""Register actions on policy interpretations (政策解读)."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from gongkai.audit.vocabulary import register


class InterpretationAction(TextChoices):
    CREATE = "interpretation_create", _("新建政策解读")
    UPDATE = "interpretation_update", _("修改政策解读")
    IMAGE_ADD = "interpretation_image_add", _("上传解读图片")
    IMAGE_REMOVE = "interpretation_image_remove", _("删除解读图片")


register(InterpretationAction)
