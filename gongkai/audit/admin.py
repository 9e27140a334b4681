from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import AuditEntry, ChainCheck


class _ReadOnly(admin.ModelAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(_ReadOnly):
    list_display = ("seq", "at", "actor_name", "org", "action", "object_type", "object_id", "from_state", "to_state")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_id", "comment")


@admin.register(ChainCheck)
class ChainCheckAdmin(_ReadOnly):
    list_display = ("at", "intact", "entries", "anchors_checked", "head_hash")


def _has_entries(user) -> bool:
    return AuditEntry.objects.filter(actor=user).exists()


class RegisterAwareUserAdmin(UserAdmin):
    """A user named in the register cannot be deleted (the register never changes): deactivate instead."""

    def delete_view(self, request, object_id, extra_context=None):
        user = self.get_object(request, object_id)
        if user is not None and _has_entries(user):
            extra_context = {**(extra_context or {}), "title": _("停用用户（该用户在登记簿中有记录，不能删除）")}
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        if _has_entries(obj):
            obj.is_active = False
            obj.save(update_fields=["is_active"])
            request._gongkai_deactivated = [obj]
        else:
            super().delete_model(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        if not getattr(request, "_gongkai_deactivated", None):
            return super().response_delete(request, obj_display, obj_id)
        self.message_user(
            request, _("用户“%(name)s”在登记簿中有记录，已停用账号而未删除。") % {"name": obj_display},
            messages.WARNING,
        )
        opts = self.opts
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    def delete_queryset(self, request, queryset):
        keep = list(queryset.filter(pk__in=AuditEntry.objects.filter(actor__isnull=False).values("actor")))
        if keep:
            queryset.model.objects.filter(pk__in=[u.pk for u in keep]).update(is_active=False)
            self.message_user(
                request,
                ngettext("%(n)d 个用户在登记簿中有记录，已停用而未删除。", "%(n)d 个用户在登记簿中有记录，已停用而未删除。", len(keep))
                % {"n": len(keep)},
                messages.WARNING,
            )
        super().delete_queryset(request, queryset.exclude(pk__in=[u.pk for u in keep]))


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, RegisterAwareUserAdmin)
