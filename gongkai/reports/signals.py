"""Keep the validity history: every change of Document.validity becomes a dated ValidityEvent.

A change made through any service (or the admin) is dated the day it is saved; when the legal effect
came on another day, staff record it with services.record_validity_change, which writes the event
itself and tells this handler to stay out of the way. A document created already repealed has no
known repeal date and gets no event (rules.validity_on then uses its current validity).
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from gongkai.documents.models import Document

from .models import ValidityEvent


@receiver(pre_save, sender=Document, dispatch_uid="reports_validity_before")
def remember_validity(sender, instance: Document, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        instance._reports_old_validity = None
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "validity" not in update_fields:
        instance._reports_old_validity = None
        return
    instance._reports_old_validity = (
        Document.objects.filter(pk=instance.pk).values_list("validity", flat=True).first()
    )


@receiver(post_save, sender=Document, dispatch_uid="reports_validity_after")
def record_validity(sender, instance: Document, created: bool, raw: bool = False, **kwargs) -> None:
    old = getattr(instance, "_reports_old_validity", None)
    instance._reports_old_validity = None
    if raw or created or old is None or old == instance.validity:
        return
    if getattr(instance, "_reports_skip_validity_event", False):
        return
    ValidityEvent.objects.create(document=instance, status=instance.validity or "in_force",
                                 effective_on=timezone.localdate(), note="效力状态修改")
