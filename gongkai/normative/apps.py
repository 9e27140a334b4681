from django.apps import AppConfig


class NormativeConfig(AppConfig):
    name = "gongkai.normative"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        from gongkai.audit.vocabulary import register
        from gongkai.documents import events as document_events
        from gongkai.documents.validity import register_validity_guard
        from gongkai.jobs import scheduler

        from . import events, tasks
        from .models import RegisterAction

        register(RegisterAction)
        register_validity_guard(_lifecycle_owns_validity)
        scheduler.register(tasks.expire_daily, daily_at="00:30")
        document_events.document_published.connect(_published, dispatch_uid="normative-register-published")
        document_events.documents_imported.connect(_imported, dispatch_uid="normative-register-imported")
        for signal in (events.normative_registered, events.normative_changed, events.lifecycle_changed,
                       events.cleanup_published):
            signal.connect(_schedule_rebuilds, dispatch_uid=f"normative-compile-{id(signal)}")


def _schedule_rebuilds(sender, org: int, **kwargs) -> None:
    from .tasks import schedule_rebuilds

    schedule_rebuilds(org)


def _published(sender, document_id: int, **kwargs) -> None:
    from .automatic import register_published

    register_published([document_id])


def _imported(sender, documents, **kwargs) -> None:
    from gongkai.documents.models import Genre

    from .automatic import register_published

    register_published([d.pk for d in documents if d.genre == Genre.NORMATIVE])


def _lifecycle_owns_validity(document, status: str) -> str:
    """A registered normative document changes 效力状态 only through the register, which keeps the basis."""
    from .models import NormativeDocument

    if NormativeDocument.objects.filter(document_id=document.pk).exists():
        return ("该文件已登记为行政规范性文件：请在“行政规范性文件”登记页标注修改、废止或失效，"
                "并写明作出决定的文件。")
    return ""
