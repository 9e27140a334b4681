from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "gongkai.audit"
    verbose_name = "审计登记簿"

    def ready(self):
        from .roles import grant_app_role

        # After every migrate: the application role's rights (docs/deployment.md, two roles).
        post_migrate.connect(grant_app_role, sender=self, dispatch_uid="gongkai.audit.grant_app_role")
