"""Register actions (登记簿) recorded on documents, with the labels the 登记簿 screen and CSV show."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from gongkai.audit.vocabulary import register


class DocumentAction(TextChoices):
    CREATE = "create", _("新建草稿")
    UPDATE = "update", _("修改")
    ATTACH = "attach", _("上传附件")
    DETACH = "detach", _("删除附件")
    MASK = "mask", _("遮盖个人信息")
    PUBLISH = "publish", _("发布")
    WITHDRAW = "withdraw", _("撤回")
    IMPORT = "document.import", _("导入")
    VALIDITY_CHANGE = "validity_change", _("变更效力状态")
    DOC_NUMBER_CORRECTED = "doc_number_corrected", _("更正发文字号")
    DOC_NUMBER_CONFIRMED = "doc_number_confirmed", _("确认发文字号")


# The back office once labelled "import", a code nothing ever wrote; kept so that a stray entry reads right.
register(DocumentAction, legacy={"import": DocumentAction.IMPORT})
