"""Roles and the named permissions they grant: the one table of who may do what.

Code checks permissions (``Perm.*``), never role names. A person may hold several roles
in a production; their permissions are the union.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    COORDINATOR = "coordinator"
    PERFORMER = "performer"
    DIRECTOR = "director"
    PRODUCER = "producer"
    ASSISTANT_DIRECTOR = "assistant_director"
    CREW = "crew"
    SAFETY_OFFICER = "safety_officer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.COORDINATOR: "Intimacy coordinator",
    Role.PERFORMER: "Performer",
    Role.DIRECTOR: "Director",
    Role.PRODUCER: "Producer",
    Role.ASSISTANT_DIRECTOR: "First assistant director",
    Role.CREW: "Crew",
    Role.SAFETY_OFFICER: "Safety officer",
}


class Perm(StrEnum):
    # The production itself
    PRODUCTION_VIEW = "production.view"
    PRODUCTION_EDIT = "production.edit"
    MEMBERS_VIEW = "production.view_members"
    MEMBERS_VIEW_CONTACTS = "production.view_member_contacts"
    MEMBERS_INVITE = "production.invite"
    MEMBERS_MANAGE = "production.manage_members"
    AUDIT_VIEW = "production.view_audit"
    # Scripts and breakdown
    SCRIPT_VIEW = "script.view"
    SCRIPT_UPLOAD = "script.upload"
    BREAKDOWN_EDIT = "breakdown.edit"
    CASTING_EDIT = "casting.edit"
    # Consent (a performer's own answers; the coordinator's view of everyone's)
    CONSENT_EDIT_OWN = "consent.edit_own"
    CONSENT_VIEW_ALL = "consent.view_all"
    CONSENT_COORDINATE = "consent.coordinate"
    RIDER_COUNTERSIGN = "rider.countersign"
    RIDER_STATUS_VIEW = "rider.view_status"
    # Choreography and the director's brief
    CHOREOGRAPHY_EDIT = "choreography.edit"
    CHOREOGRAPHY_APPROVE = "choreography.approve"
    BRIEF_VIEW = "brief.view"
    # Shoot day
    SCHEDULE_EDIT = "schedule.edit"
    READINESS_VIEW = "readiness.view"
    ROSTER_EDIT = "roster.edit"
    SCENE_PAUSE = "shoot.pause"
    SCENE_RESUME = "shoot.resume"
    SCENE_MARK_FILMED = "shoot.mark_filmed"
    # Concerns and requests
    CONCERN_REPORT = "concern.report"
    CONCERN_TRIAGE = "concern.triage"
    CONCERN_REPORT_LINK = "concern.view_report_link"
    IC_REQUEST_MAKE = "ic_request.make"
    IC_REQUEST_ANSWER = "ic_request.answer"
    ADVERSE_ACTION_VIEW = "adverse_action.view"


_EVERY_MEMBER = frozenset({Perm.PRODUCTION_VIEW, Perm.MEMBERS_VIEW, Perm.CONCERN_REPORT})

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    Role.COORDINATOR: _EVERY_MEMBER
    | {
        Perm.MEMBERS_VIEW_CONTACTS,
        Perm.MEMBERS_INVITE,
        Perm.SCRIPT_VIEW,
        Perm.SCRIPT_UPLOAD,
        Perm.BREAKDOWN_EDIT,
        Perm.CASTING_EDIT,
        Perm.CONSENT_VIEW_ALL,
        Perm.CONSENT_COORDINATE,
        Perm.RIDER_STATUS_VIEW,
        Perm.CHOREOGRAPHY_EDIT,
        Perm.CHOREOGRAPHY_APPROVE,
        Perm.BRIEF_VIEW,
        Perm.READINESS_VIEW,
        Perm.ROSTER_EDIT,
        Perm.SCENE_PAUSE,
        Perm.SCENE_RESUME,
        Perm.SCENE_MARK_FILMED,
        Perm.CONCERN_TRIAGE,
        Perm.CONCERN_REPORT_LINK,
    },
    Role.PERFORMER: _EVERY_MEMBER | {Perm.CONSENT_EDIT_OWN, Perm.SCENE_PAUSE, Perm.IC_REQUEST_MAKE},
    Role.DIRECTOR: _EVERY_MEMBER
    | {
        Perm.SCRIPT_VIEW,
        Perm.CHOREOGRAPHY_APPROVE,
        Perm.BRIEF_VIEW,
        Perm.READINESS_VIEW,
    },
    Role.PRODUCER: _EVERY_MEMBER
    | {
        Perm.PRODUCTION_EDIT,
        Perm.MEMBERS_VIEW_CONTACTS,
        Perm.MEMBERS_INVITE,
        Perm.MEMBERS_MANAGE,
        Perm.AUDIT_VIEW,
        Perm.SCRIPT_VIEW,
        Perm.CASTING_EDIT,
        Perm.RIDER_COUNTERSIGN,
        Perm.RIDER_STATUS_VIEW,
        Perm.BRIEF_VIEW,
        Perm.SCHEDULE_EDIT,
        Perm.READINESS_VIEW,
        Perm.IC_REQUEST_ANSWER,
    },
    Role.ASSISTANT_DIRECTOR: _EVERY_MEMBER
    | {
        Perm.MEMBERS_VIEW_CONTACTS,
        Perm.SCRIPT_VIEW,
        Perm.RIDER_STATUS_VIEW,
        Perm.BRIEF_VIEW,
        Perm.SCHEDULE_EDIT,
        Perm.READINESS_VIEW,
        Perm.ROSTER_EDIT,
        Perm.SCENE_MARK_FILMED,
    },
    Role.CREW: _EVERY_MEMBER,
    Role.SAFETY_OFFICER: _EVERY_MEMBER
    | {
        Perm.MEMBERS_VIEW_CONTACTS,
        Perm.CONCERN_TRIAGE,
        Perm.CONCERN_REPORT_LINK,
        Perm.ADVERSE_ACTION_VIEW,
    },
}


def permissions_for(roles: Iterable[str]) -> frozenset[Perm]:
    granted: set[Perm] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[Role(role)]
    return frozenset(granted)


def roles_with(perm: Perm) -> frozenset[Role]:
    """The roles that grant ``perm``."""
    return frozenset(role for role, granted in ROLE_PERMISSIONS.items() if perm in granted)
