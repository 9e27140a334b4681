"""E-mail from tasks, at most once per key however often the task runs.

The key's row is committed as "sending" before the message leaves and marked "sent" after, so no
transaction is held open while the mail server answers. A rerun finds "sent" and does nothing. Only
a worker killed in the milliseconds between the server's acceptance and the "sent" commit can cause a
second copy, and that copy carries the same Message-ID, which mail clients show once.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import SentMessage


def message_id(key: str) -> str:
    domain = getattr(settings, "GONGKAI_MAIL_DOMAIN", "") or settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def send_once(key: str, subject: str, body: str, to: list[str], *, from_email: str | None = None) -> bool:
    """Send the message unless one with ``key`` was sent already; True when it was sent now."""
    recipients = [address for address in to if address]
    if not recipients:
        return False
    with transaction.atomic():
        row, _created = SentMessage.objects.get_or_create(
            key=key, defaults={"subject": subject[:300], "recipients": recipients, "message_id": message_id(key)})
        if row.state == SentMessage.State.SENT:
            return False
        SentMessage.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
    message = EmailMessage(subject, body, from_email, recipients, headers={"Message-ID": row.message_id})
    message.send()
    SentMessage.objects.filter(pk=row.pk).update(state=SentMessage.State.SENT, sent_at=timezone.now())
    return True
