"""Cached public pages show organizations and columns: any change to them starts a new cache generation."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from gongkai.catalog.models import Column
from gongkai.orgs.models import Organization

from .cache import bump_generation


def _changed(sender, **kwargs) -> None:
    transaction.on_commit(bump_generation)


def connect() -> None:
    for model in (Organization, Column):
        post_save.connect(_changed, sender=model, dispatch_uid=f"portal-cache-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"portal-cache-{model.__name__}-delete")
