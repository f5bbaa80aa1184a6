"""Notifications by e-mail, sent by a background task once the change that causes them commits.

Callers say who and what; the message must already be fit for its readers (need to know is the
caller's job: a notification never carries a performer's answers or a report's body).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def deliver_email(subject: str, body: str, recipients: list[str]) -> int:
    """Send one message to each recipient separately, so no one learns who else got it."""
    sent = 0
    for address in recipients:
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return sent


def notify(recipients: Iterable[str], subject: str, body: str) -> None:
    """E-mail ``recipients`` after the current transaction commits (nothing if it rolls back)."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return
    transaction.on_commit(lambda: deliver_email.enqueue(subject, body, addresses))
