"""Demo concerns: one anonymous report with a reply, and one request for an IC. Idempotent."""

from __future__ import annotations

from typing import Any

from closedset.accounts.models import User
from closedset.concerns import services
from closedset.concerns.models import ICRequest, Report
from closedset.concerns.policies import get_report_for_actor
from closedset.concerns.selectors import my_scenes
from closedset.productions.models import Production
from closedset.productions.policies import access_for


def load_demo(production: Production, users: dict[str, Any]) -> None:
    if Report.objects.filter(production=production).exists():
        return
    link = services.report_link_get_or_create(production=production)
    director = access_for(users["director"], production)
    assert director is not None  # noqa: S101 - the demo cast is loaded first
    filed = services.report_create(
        token=link.token,
        actor=None,
        kind="anonymous",
        subjects=[services.SubjectIn(member_id=director.membership.pk)],
        what="During the kitchen rehearsal the director asked for a closer kiss than the "
        "choreography we agreed, in front of everyone, and laughed when I hesitated.",
        wants="Keep to the agreed choreography, and a word with the director.",
        scene="Kitchen, night",
    )
    safety: User = users["safety"]
    access, report = get_report_for_actor(safety, filed.report.pk)
    services.concern_update(
        actor=safety,
        access=access,
        report=report,
        state="acknowledged",
        reply="Thank you for telling us. The intimacy coordinator will be at every rehearsal "
        "of that scene, and changes go through her.",
    )
    performer = access_for(users["performer1"], production)
    if performer is None or ICRequest.objects.filter(production=production).exists():
        return
    scenes = my_scenes(access=performer)
    if scenes:
        services.ic_request_create(
            actor=users["performer1"],
            access=performer,
            scene=scenes[-1],
            note="I would like the IC present for this scene too.",
        )
