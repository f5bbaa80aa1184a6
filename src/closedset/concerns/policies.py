"""Who may see a report: the production's concern handlers, minus anyone the report names.

A report the actor may not see is "not found", exactly as if it did not exist: for a person
it names, for everyone else in the production, and while it is held for a match.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from closedset.concerns.matching import person_digests
from closedset.concerns.models import ICRequest, Report
from closedset.core.errors import NotFound
from closedset.core.ids import parse_uuid
from closedset.core.permissions import Perm
from closedset.productions.models import Membership
from closedset.productions.policies import Access, access_for
from closedset.scripts.models import Scene


def visible_reports(access: Access) -> QuerySet[Report]:
    """Reports the actor handles: released, of their production, not naming them."""
    if not access.has(Perm.CONCERN_TRIAGE):
        return Report.objects.none()
    return Report.objects.filter(production=access.production, held=False).exclude(
        subject_keys__digest__in=person_digests(access.membership.user)
    )


def is_named_in(report: Report, user: Any) -> bool:
    return report.subject_keys.filter(digest__in=person_digests(user)).exists()


def can_handle_report(access: Access, report: Report) -> bool:
    return (
        access.has(Perm.CONCERN_TRIAGE)
        and report.production_id == access.production.pk
        and not report.held
        and not is_named_in(report, access.membership.user)
    )


def get_report_for_actor(actor: Any, report_id: Any) -> tuple[Access, Report]:
    report = Report.objects.select_related("production").filter(pk=parse_uuid(report_id)).first()
    access = access_for(actor, report.production) if report else None
    if access is None or report is None or not can_handle_report(access, report):
        raise NotFound()
    return access, report


def recipients_for(report: Report, members: list[Membership]) -> list[Membership]:
    """Of ``members`` (the concern handlers), those the report does not name."""
    named = set(report.subject_keys.values_list("digest", flat=True))
    return [m for m in members if not (person_digests(m.user) & named)]


def can_view_ic_request(access: Access, request: ICRequest) -> bool:
    own = request.requested_by_id == access.membership.pk
    return request.production_id == access.production.pk and (
        own or access.has(Perm.IC_REQUEST_ANSWER)
    )


def get_ic_request_for_actor(actor: Any, request_id: Any) -> tuple[Access, ICRequest]:
    request = (
        ICRequest.objects.select_related("production", "scene", "requested_by__user")
        .filter(pk=parse_uuid(request_id))
        .first()
    )
    access = access_for(actor, request.production) if request else None
    if access is None or request is None or not can_view_ic_request(access, request):
        raise NotFound()
    return access, request


def get_scene_for_ic_request(actor: Any, scene_id: Any) -> tuple[Access, Scene]:
    """A scene of one of the actor's productions, for someone who may ask for an IC."""
    scene = Scene.objects.select_related("production").filter(pk=parse_uuid(scene_id)).first()
    access = access_for(actor, scene.production) if scene else None
    if access is None or scene is None or not access.has(Perm.IC_REQUEST_MAKE):
        raise NotFound()
    return access, scene
