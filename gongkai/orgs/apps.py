from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    verbose_name = "机构"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import actions  # noqa: F401  (register vocabulary)
        from .models import Membership, Organization

        # A role granted or an organization moved mid-request must not be answered from the memo.
        for model in (Membership, Organization):
            post_save.connect(_forget, sender=model, dispatch_uid=f"orgs-forget-save-{model.__name__}")
            post_delete.connect(_forget, sender=model, dispatch_uid=f"orgs-forget-delete-{model.__name__}")


def _forget(**_kwargs) -> None:
    from .permissions import forget

    forget()
