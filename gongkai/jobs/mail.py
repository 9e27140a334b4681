"""E-mail from tasks, at most once per key however often the task runs.

``queue(key, …)`` is the transactional outbox for mail composed on a request: the message is stored
in the caller's transaction (so a rolled-back submission mails nothing and a retried one mails once)
and a task delivers it after commit; the body, which may hold an applicant's query code, is erased
once the message is sent. ``send_once`` is for tasks that compose their own mail.

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

from . import task
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
    SentMessage.objects.filter(pk=row.pk).update(state=SentMessage.State.SENT, sent_at=timezone.now(), body="")
    return True


def queue(key: str, subject: str, body: str, to: list[str]) -> bool:
    """Store the message in the current transaction and deliver it after commit; False if already queued."""
    recipients = [address for address in to if address]
    if not recipients:
        return False
    _row, created = SentMessage.objects.get_or_create(key=key, defaults={
        "subject": subject[:300], "recipients": recipients, "message_id": message_id(key), "body": body,
        "state": SentMessage.State.QUEUED})
    if created:
        deliver.enqueue(key)
    return created


@task(label="发送邮件", key="mail:{key}", max_attempts=8, backoff=60)
def deliver(key: str) -> bool:
    """Send a queued message (see queue); a no-op once it was sent."""
    row = SentMessage.objects.filter(key=key).first()
    if row is None or row.state == SentMessage.State.SENT:
        return False
    return send_once(key, row.subject, row.body, row.recipients)
