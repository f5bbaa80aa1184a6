from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from tests.conftest import Cast
from tests.consent.conftest import Casting, answers, kiss, nudity

from closedset.consent import selectors, services
from closedset.consent.models import ConsentVersion
from closedset.consent.signals import consent_changed
from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditEvent


def _save(cast: Cast, casting: Casting, key: str = "performer", **kwargs: object) -> ConsentVersion:
    return services.consent_save(
        actor=cast.users[key],
        access=cast.access(key),
        scene=kwargs.pop("scene", casting.kitchen),  # type: ignore[arg-type]
        member=kwargs.pop("member", cast.members["performer"]),  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_performer_answers_and_every_change_is_a_new_version(
    cast: Cast, casting: Casting
) -> None:
    partner = cast.members["partner"]
    first = _save(cast, casting, answers=answers((kiss("give", partner), "yes")))
    second = _save(
        cast,
        casting,
        answers=answers((kiss("give", partner), "yes"), (kiss("receive", partner), "discuss")),
        expected_version=1,
    )
    assert (first.number, second.number) == (1, 2)
    view = selectors.consent_get(
        access=cast.access("performer"), scene=casting.kitchen, member=cast.members["performer"]
    )
    assert view.version == 2
    assert len(view.answers_json) == 2
    assert [h.number for h in view.history] == [2, 1]
    assert AuditEvent.objects.filter(action="consent.changed").count() == 2
    assert AuditEvent.objects.filter(action="consent.read").count() == 1


def test_answers_are_sealed(cast: Cast, casting: Casting) -> None:
    version = _save(
        cast,
        casting,
        answers=answers((kiss("give", cast.members["partner"]), "no")),
        note="Only after the first rehearsal.",
    )
    assert "kiss" not in version.answers.token  # type: ignore[union-attr]
    assert "rehearsal" not in version.note.token  # type: ignore[union-attr]


def test_a_stale_version_is_a_conflict_and_changes_nothing(cast: Cast, casting: Casting) -> None:
    partner = cast.members["partner"]
    _save(cast, casting, answers=answers((kiss("give", partner), "yes")))
    with pytest.raises(Conflict):
        _save(cast, casting, answers=answers((kiss("give", partner), "no")), expected_version=0)
    assert ConsentVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"kind": "contact", "direction": "give", "action": "hug", "area": "lips"}, "hug"),
        ({"kind": "nudity", "part": "elbows", "visibility": "fully_visible"}, "elbows"),
        ({"kind": "teleport"}, "teleport"),
    ],
)
def test_unknown_vocabulary_codes_are_refused(
    cast: Cast, casting: Casting, item: dict[str, object], message: str
) -> None:
    if item.get("kind") == "contact":
        item["partner"] = str(cast.members["partner"].pk)
    with pytest.raises(ServiceError, match=message):
        _save(cast, casting, answers=answers((item, "yes")))  # type: ignore[arg-type]
    assert ConsentVersion.objects.count() == 0


def test_a_partner_not_in_the_scene_is_refused(cast: Cast, casting: Casting) -> None:
    with pytest.raises(ServiceError):
        _save(cast, casting, answers=answers((kiss("give", cast.members["crew"]), "yes")))
    assert ConsentVersion.objects.count() == 0


def test_answers_for_a_scene_not_cast_to_you_are_refused(cast: Cast, casting: Casting) -> None:
    with pytest.raises(ServiceError, match="not cast"):
        _save(cast, casting, scene=casting.yard, answers=answers((nudity(), "no")))


def test_a_minor_cannot_agree_to_nudity_r10(cast: Cast, casting: Casting) -> None:
    for answer in ("yes", "discuss"):
        with pytest.raises(ServiceError, match="R10"):
            _save(
                cast,
                casting,
                key="coordinator",
                scene=casting.yard,
                member=casting.minor,
                answers=answers((nudity(), answer)),
            )
    ok = _save(
        cast,
        casting,
        key="coordinator",
        scene=casting.yard,
        member=casting.minor,
        answers=answers((nudity(), "no")),
    )
    assert ok.number == 1


@pytest.mark.parametrize("key", ["director", "producer", "ad", "crew", "safety", "partner"])
def test_nobody_else_reads_a_performers_answers(cast: Cast, casting: Casting, key: str) -> None:
    _save(cast, casting, answers=answers((kiss("give", cast.members["partner"]), "no")))
    with pytest.raises(NotFound):
        selectors.consent_get(
            access=cast.access(key), scene=casting.kitchen, member=cast.members["performer"]
        )


@pytest.mark.parametrize("key", ["director", "producer", "ad", "crew", "safety", "partner"])
def test_nobody_else_changes_a_performers_answers(cast: Cast, casting: Casting, key: str) -> None:
    with pytest.raises(Forbidden):
        _save(cast, casting, key=key, answers=answers((nudity(), "yes")))


def test_withdrawal_turns_yes_into_no_and_tells_planners_only_that_it_changed(
    cast: Cast, casting: Casting, django_capture_on_commit_callbacks: Any
) -> None:
    partner = cast.members["partner"]
    _save(cast, casting, answers=answers((kiss("give", partner), "yes")))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        version = services.consent_withdraw(
            actor=cast.performer,
            access=cast.access("performer"),
            scene=casting.kitchen,
            member=cast.members["performer"],
        )
    assert version.kind == "withdrawal"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.coordinator.email, cast.producer.email, cast.ad.email]
    )
    for message in mail.outbox:
        assert "needs re-planning" in message.subject
        text = message.subject + message.body
        assert "kiss" not in text.lower()
        assert cast.performer.name not in text
    view = selectors.consent_get(
        access=cast.access("coordinator"), scene=casting.kitchen, member=cast.members["performer"]
    )
    assert {a["answer"] for a in view.answers_json} == {"no"}
    assert AuditEvent.objects.filter(action="consent.withdrawn").count() == 1


def test_nothing_to_withdraw_is_a_clear_error(cast: Cast, casting: Casting) -> None:
    with pytest.raises(ServiceError, match="nothing to withdraw"):
        services.consent_withdraw(
            actor=cast.performer,
            access=cast.access("performer"),
            scene=casting.kitchen,
            member=cast.members["performer"],
        )


def test_every_consent_change_is_signalled_inside_its_transaction(
    cast: Cast, casting: Casting
) -> None:
    seen: list[tuple[str, bool, bool]] = []

    def receiver(**kwargs: Any) -> None:
        seen.append((str(kwargs["member"].pk), kwargs["withdrawal"], connection.in_atomic_block))

    consent_changed.connect(receiver)
    try:
        partner = cast.members["partner"]
        _save(cast, casting, answers=answers((kiss("give", partner), "yes")))
        services.consent_withdraw(
            actor=cast.performer,
            access=cast.access("performer"),
            scene=casting.kitchen,
            member=cast.members["performer"],
        )
    finally:
        consent_changed.disconnect(receiver)
    performer = str(cast.members["performer"].pk)
    assert seen == [(performer, False, True), (performer, True, True)]
