"""Hold for match: sealed until another report, on any production of the installation, names
the same person; then both are released to their own recipients and both reporters are told."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail

from closedset.concerns import services
from closedset.concerns.matching import fold_name
from closedset.concerns.models import Report, SubjectKey
from closedset.concerns.policies import get_report_for_actor
from closedset.concerns.selectors import reporter_thread
from closedset.core import crypto
from closedset.core.errors import NotFound
from closedset.productions import services as production_services
from tests.concerns.conftest import file_report
from tests.conftest import Cast, make_user
from tests.test_cli import run


@pytest.fixture
def second(cast: Cast) -> dict[str, Any]:
    """Production B, where the director of production A also works, with its own safety
    officer and a crew member."""
    other_access = cast.access("other_producer", cast.other_production)
    safety_b = make_user("safety_b", "Sal Safety")
    crew_b = make_user("crew_b", "Cy Crew")
    members = {
        "director": production_services.member_add(
            actor=cast.other_producer, access=other_access, user=cast.director, roles=["director"]
        ),
        "safety_b": production_services.member_add(
            actor=cast.other_producer, access=other_access, user=safety_b, roles=["safety_officer"]
        ),
        "crew_b": production_services.member_add(
            actor=cast.other_producer, access=other_access, user=crew_b, roles=["crew"]
        ),
    }
    return {"members": members, "safety_b": safety_b, "crew_b": crew_b}


def _visible(user: Any, report: Report) -> bool:
    try:
        get_report_for_actor(user, report.pk)
    except NotFound:
        return False
    return True


def test_a_held_report_is_sealed_from_everyone_until_a_match(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        filed = file_report(cast, kind="hold_for_match", about=["director"])
    assert mail.outbox == []
    for key in ("coordinator", "safety", "producer", "director"):
        assert not _visible(cast.users[key], filed.report)


def test_two_reports_about_one_person_on_two_productions_release_both(
    cast: Cast, second: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    first = file_report(cast, kind="hold_for_match", about=["director"])
    with django_capture_on_commit_callbacks(execute=True):
        other = services.report_create(
            token=services.report_link_get_or_create(production=cast.other_production).token,
            actor=second["crew_b"],
            kind="hold_for_match",
            identify=True,
            subjects=[services.SubjectIn(member_id=second["members"]["director"].pk)],
            what="The same thing happened to me.",
        )
    a = Report.objects.get(pk=first.report.pk)
    b = Report.objects.get(pk=other.report.pk)
    assert not a.held and not b.held
    assert a.matched and b.matched and a.match_basis == "member"
    # Each goes to its own production's handlers, never to the other's.
    assert _visible(cast.safety, a) and _visible(cast.coordinator, a)
    assert not _visible(second["safety_b"], a)
    assert _visible(second["safety_b"], b)
    assert not _visible(cast.safety, b)
    assert not _visible(cast.director, a) and not _visible(cast.director, b)
    # Both reporters are told: the named one by e-mail, the anonymous one in the thread.
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert "crew_b@example.test" in recipients
    assert "director@example.test" not in recipients
    assert {"coordinator@example.test", "safety@example.test", "safety_b@example.test"} <= set(
        recipients
    )
    opened = services.receipt_open(receipt=first.receipt, address="a")
    assert "Another report names the same person" in reporter_thread(report=opened).entries[0].text


def test_a_typed_name_matches_a_member_report_after_folding(cast: Cast) -> None:
    first = file_report(cast, kind="hold_for_match", names=["Pat  PRODUCER"])
    second_report = file_report(cast, kind="anonymous", names=["pát producer"])
    first.report.refresh_from_db()
    assert first.report.matched and not first.report.held
    assert second_report.report.matched


def test_a_report_that_is_not_held_does_not_match_another_that_is_not_held(cast: Cast) -> None:
    file_report(cast, about=["director"])
    second_report = file_report(cast, about=["director"])
    assert not Report.objects.get(pk=second_report.report.pk).matched


def test_one_persons_two_named_reports_do_not_match_each_other(cast: Cast) -> None:
    first = file_report(
        cast, kind="hold_for_match", about=["director"], actor=cast.crew, identify=True
    )
    file_report(cast, kind="named", about=["director"], actor=cast.crew)
    assert Report.objects.get(pk=first.report.pk).held


def test_held_reports_about_different_people_stay_held(cast: Cast) -> None:
    first = file_report(cast, kind="hold_for_match", about=["director"])
    file_report(cast, kind="hold_for_match", about=["ad"])
    assert Report.objects.get(pk=first.report.pk).held


def test_subject_hashes_are_keyed_and_the_match_key_file_is_private(cast: Cast) -> None:
    filed = file_report(cast, kind="hold_for_match", about=["director"])
    plain = {
        hashlib.sha256(text.encode()).hexdigest()
        for text in (f"member:{cast.director.pk}", "email:director@example.test", "name:director")
    }
    stored = set(SubjectKey.objects.filter(report=filed.report).values_list("digest", flat=True))
    assert stored and not (stored & plain)
    path = settings.MATCH_KEY_FILE
    assert path.parent == settings.MASTER_KEY_FILE.parent
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert crypto.ensure_match_key() is False


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zoë Łukasz", "zoe  łukasz"),
        ("  Kenji   Satō ", "KENJI SATO"),
        ("\uff2d\uff41\uff59\uff41", "maya"),
    ],
)
def test_names_fold_case_accents_spacing_and_width(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


def test_init_creates_the_match_key_beside_the_master_key_once(tmp_path: Path) -> None:
    first = run(tmp_path, "init")
    assert first.returncode == 0, first.stderr
    assert "match key:" in first.stdout
    key = tmp_path / "match.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    content = key.read_text()
    assert run(tmp_path, "init").returncode == 0
    assert key.read_text() == content
