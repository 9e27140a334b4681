"""Rebuild the segmenter when an operator edits the dictionary."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SearchTerm
from .segment import invalidate


@receiver([post_save, post_delete], sender=SearchTerm)
def dictionary_changed(sender, **kwargs) -> None:
    invalidate()
