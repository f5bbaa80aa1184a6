from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import Cast
from tests.scripts.conftest import REVISION, SCRIPT, scene_by_heading

from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditEvent
from closedset.productions import services as production_services
from closedset.scripts import services
from closedset.scripts.models import Character, Flag, FlagStatus, Revision, Scene, Script
from closedset.scripts.signals import casting_changed


def _counts() -> tuple[int, int, int, int]:
    return (
        Script.objects.count(),
        Revision.objects.count(),
        Scene.objects.count(),
        Flag.objects.count(),
    )


def test_uploading_a_script_stores_every_scene_and_flags_the_intimate_ones(
    cast: Cast, uploaded: services.UploadResult
) -> None:
    assert uploaded.scenes == 4
    assert uploaded.flagged == 3
    assert uploaded.revision.script.title == "Tide Line"
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    assert {f.category for f in kitchen.flags.all()} == {"kiss"}
    assert all(f.status == FlagStatus.PENDING for f in kitchen.flags.all())
    harbour = scene_by_heading(uploaded, "EXT. HARBOUR - DAY")
    assert harbour.flags.count() == 0
    bedroom = scene_by_heading(uploaded, "INT. BEDROOM - NIGHT")
    assert {"nudity", "simulated_sex"} <= {f.category for f in bedroom.flags.all()}
    yard = scene_by_heading(uploaded, "EXT. SCHOOLYARD - DAY")
    assert yard.minor is True
    assert AuditEvent.objects.filter(action="script.uploaded").count() == 1


def test_characters_and_their_stated_ages_are_recorded(uploaded: services.UploadResult) -> None:
    ages = dict(Character.objects.values_list("name", "age"))
    assert ages["MIA"] == 16
    assert ages["TOM"] == 16
    assert "ANA" in ages


def test_script_text_and_evidence_are_sealed(uploaded: services.UploadResult) -> None:
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    flag = kitchen.flags.get()
    assert str(flag.evidence) == "[encrypted]"
    assert "kisses" not in flag.evidence.token  # type: ignore[union-attr]
    assert "kisses" not in kitchen.text.token  # type: ignore[union-attr]
    assert "kisses" not in uploaded.revision.source.token  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.fountain", "empty"),
        (b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "photo.fountain", ""),
        (b"<?xml version='1.0'?><FinalDraft><Content>", "broken.fdx", ""),
    ],
)
def test_an_unreadable_file_is_refused_and_nothing_is_stored(
    cast: Cast, data: bytes, filename: str, message: str
) -> None:
    before = _counts()
    events = AuditEvent.objects.count()
    with pytest.raises(ServiceError) as error:
        services.script_upload(
            actor=cast.coordinator, access=cast.access("coordinator"), data=data, filename=filename
        )
    assert error.value.field == "file"
    assert filename in error.value.message
    assert message in error.value.message
    assert _counts() == before
    assert AuditEvent.objects.count() == events


def test_an_oversized_file_is_refused_before_reading(cast: Cast, settings: object) -> None:
    settings.CLOSEDSET_MAX_SCRIPT_BYTES = 1000  # type: ignore[attr-defined]
    with pytest.raises(services.UploadTooLarge):
        services.script_upload(
            actor=cast.coordinator,
            access=cast.access("coordinator"),
            data=SCRIPT * 10,
            filename="big.fountain",
        )
    assert _counts() == (0, 0, 0, 0)


@pytest.mark.parametrize("key", ["director", "producer", "ad", "performer", "crew", "safety"])
def test_only_the_coordinator_uploads_scripts(cast: Cast, key: str) -> None:
    with pytest.raises(Forbidden):
        services.script_upload(
            actor=cast.users[key], access=cast.access(key), data=SCRIPT, filename="s.fountain"
        )
    assert _counts() == (0, 0, 0, 0)


def test_the_coordinator_confirms_dismisses_and_adds_flags(
    cast: Cast, uploaded: services.UploadResult
) -> None:
    bedroom = scene_by_heading(uploaded, "INT. BEDROOM - NIGHT")
    updated = services.flags_update(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=bedroom,
        confirm=["nudity"],
        dismiss=["simulated_sex"],
        add=["intimate_touch"],
        note="They hold each other before the cut.",
        version=bedroom.version,
    )
    status = dict(updated.flags.values_list("category", "status"))
    assert status["nudity"] == FlagStatus.CONFIRMED
    assert status["simulated_sex"] == FlagStatus.DISMISSED
    assert status["intimate_touch"] == FlagStatus.CONFIRMED
    assert updated.version == bedroom.version + 1
    assert AuditEvent.objects.filter(action="script.flags_decided").count() == 1


def test_a_stale_version_is_a_conflict_and_changes_nothing(
    cast: Cast, uploaded: services.UploadResult
) -> None:
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    access = cast.access("coordinator")
    services.flags_update(
        actor=cast.coordinator, access=access, scene=kitchen, confirm=["kiss"], version=1
    )
    with pytest.raises(Conflict):
        services.flags_update(
            actor=cast.coordinator, access=access, scene=kitchen, dismiss=["kiss"], version=1
        )
    assert kitchen.flags.get().status == FlagStatus.CONFIRMED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"confirm": ["hug"]}, "not an intimacy category"),
        ({"confirm": ["nudity"]}, "no nudity flag"),
        ({"confirm": ["kiss"], "dismiss": ["kiss"]}, "not both"),
        ({}, "Nothing to change"),
    ],
)
def test_bad_flag_changes_are_refused_clearly(
    cast: Cast, uploaded: services.UploadResult, kwargs: dict[str, list[str]], message: str
) -> None:
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    with pytest.raises(ServiceError, match=message):
        services.flags_update(
            actor=cast.coordinator, access=cast.access("coordinator"), scene=kitchen, **kwargs
        )
    assert kitchen.flags.get().status == FlagStatus.PENDING


@pytest.mark.parametrize("key", ["director", "producer", "ad", "performer", "crew"])
def test_only_the_coordinator_decides_flags(
    cast: Cast, uploaded: services.UploadResult, key: str
) -> None:
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    with pytest.raises(Forbidden):
        services.flags_update(
            actor=cast.users[key], access=cast.access(key), scene=kitchen, confirm=["kiss"]
        )


def test_a_new_revision_keeps_decisions_and_marks_new_intimate_content(
    cast: Cast, uploaded: services.UploadResult
) -> None:
    access = cast.access("coordinator")
    kitchen = scene_by_heading(uploaded, "INT. KITCHEN - NIGHT")
    services.flags_update(actor=cast.coordinator, access=access, scene=kitchen, confirm=["kiss"])
    second = services.script_upload(
        actor=cast.coordinator,
        access=access,
        data=REVISION,
        filename="tide-line-blue.fountain",
        script=uploaded.revision.script,
        label="Blue",
    )
    assert second.revision.number == 2
    new_kitchen = scene_by_heading(second, "INT. KITCHEN - NIGHT")
    assert new_kitchen.change == "same"
    assert new_kitchen.flags.get().status == FlagStatus.CONFIRMED, "decision carried over"
    harbour = scene_by_heading(second, "EXT. HARBOUR - DAY")
    assert harbour.change == "changed"
    assert {(f.category, f.change) for f in harbour.flags.all()} >= {("nudity", "new")}
    bathroom = scene_by_heading(second, "INT. BATHROOM - NIGHT")
    assert bathroom.change == "new"
    assert all(f.status == FlagStatus.PENDING for f in bathroom.flags.all())


def test_a_revision_of_another_productions_script_is_not_found(
    cast: Cast, uploaded: services.UploadResult
) -> None:
    other_access = cast.access("other_producer", cast.other_production)
    production_services.member_add(
        actor=cast.other_producer,
        access=other_access,
        user=cast.other_producer,
        roles=["coordinator"],
    )
    with pytest.raises(NotFound):
        services.script_upload(
            actor=cast.other_producer,
            access=cast.access("other_producer", cast.other_production),
            data=REVISION,
            filename="x.fountain",
            script=uploaded.revision.script,
        )


def test_casting_links_a_character_to_a_performer_only(
    cast: Cast, uploaded: services.UploadResult
) -> None:
    access = cast.access("coordinator")
    ana = Character.objects.get(name="ANA")
    services.character_cast(
        actor=cast.coordinator, access=access, character=ana, member=cast.members["performer"]
    )
    ana.refresh_from_db()
    assert ana.member == cast.members["performer"]
    with pytest.raises(ServiceError, match="Only performers"):
        services.character_cast(
            actor=cast.coordinator, access=access, character=ana, member=cast.members["crew"]
        )
    with pytest.raises(Forbidden):
        services.character_cast(
            actor=cast.director, access=cast.access("director"), character=ana, member=None
        )
    services.character_cast(
        actor=cast.producer, access=cast.access("producer"), character=ana, member=None
    )
    ana.refresh_from_db()
    assert ana.member is None


def test_a_scene_keeps_its_lineage_across_revisions(
    cast: Cast, uploaded: services.UploadResult
) -> None:
    second = services.script_upload(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        data=REVISION,
        filename="tide-line-blue.fountain",
        script=uploaded.revision.script,
    )
    for heading in ("INT. KITCHEN - NIGHT", "EXT. HARBOUR - DAY", "INT. BEDROOM - NIGHT"):
        assert (
            scene_by_heading(second, heading).lineage == scene_by_heading(uploaded, heading).lineage
        )
    new = scene_by_heading(second, "INT. BATHROOM - NIGHT")
    assert Scene.objects.filter(lineage=new.lineage).count() == 1


def test_casting_and_uncasting_are_signalled(cast: Cast, uploaded: services.UploadResult) -> None:
    seen: list[str | None] = []

    def receiver(**kwargs: Any) -> None:
        seen.append(kwargs["character"].member_id and str(kwargs["character"].member_id))

    casting_changed.connect(receiver)
    try:
        access = cast.access("coordinator")
        ana = Character.objects.get(name="ANA")
        member = cast.members["performer"]
        services.character_cast(actor=cast.coordinator, access=access, character=ana, member=member)
        services.character_cast(actor=cast.coordinator, access=access, character=ana, member=None)
    finally:
        casting_changed.disconnect(receiver)
    assert seen == [str(member.pk), None]
