import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from closedset.core.notify import notify

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_recipient_gets_their_own_message_after_commit():
    with transaction.atomic():
        notify(["b@x.test", "a@x.test", "", "a@x.test"], "Subject", "Body")
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [["a@x.test"], ["b@x.test"]]
    assert {m.subject for m in mail.outbox} == {"Subject"}


def test_nothing_is_sent_when_the_change_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(["a@x.test"], "Subject", "Body")
        raise RuntimeError
    assert mail.outbox == []


def test_no_recipients_sends_nothing():
    notify([], "Subject", "Body")
    assert mail.outbox == []


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_worker_delivers_what_the_queue_holds():
    notify(["a@x.test"], "Queued", "Body")
    assert mail.outbox == []
    call_command("worker", batch=True)
    assert [m.subject for m in mail.outbox] == ["Queued"]
