"""Register actions on organizations and staff accounts."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from gongkai.audit.vocabulary import register


class OrgAction(TextChoices):
    ORG_CREATE = "org.create", _("新建机构")
    USER_CREATE = "user.create", _("新建工作人员账号")
    USER_ROLES = "user.roles", _("调整岗位")


register(OrgAction)
