from django.contrib import admin

from .models import CleanupCampaign, NormativeDocument


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin):
    list_display = ("document", "lifecycle", "valid_until", "filed_with")
    list_filter = ("lifecycle",)
    search_fields = ("document__title", "document__doc_number", "document__unified_number")
    raw_id_fields = ("document", "replaced_by", "responsible")
    # Lifecycle changes go through the staff screens, which date and register them.
    readonly_fields = ("lifecycle", "lifecycle_on")


@admin.register(CleanupCampaign)
class CleanupCampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "org", "status", "cutoff_on", "published_on")
    readonly_fields = ("status", "opened_at", "approved_at", "published_on")
