import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from closedset.accounts.reauth import ensure_recent_auth
from closedset.concerns import selectors as concern_selectors
from closedset.core.errors import Forbidden, NotFound, ReauthenticationRequired
from closedset.core.permissions import Perm, Role
from closedset.productions import selectors, services
from closedset.productions.policies import (
    get_invitation_for_actor,
    get_member_for_actor,
    get_production_for_actor,
)

router = Router(tags=["productions"])


class ProductionOut(Schema):
    id: uuid.UUID
    title: str
    company: str
    policy_pack: str
    notice_hours: int
    time_zone: str
    roles: list[str]


class ProductionDetailOut(ProductionOut):
    permissions: list[str]
    report_token: str | None = Field(
        None, description="The reporting link's token; only for those who hand out the link."
    )


class MemberOut(Schema):
    id: uuid.UUID
    name: str
    roles: list[str]
    department: str
    email: str | None = Field(None, description="Only for roles that need contact details.")


class InvitationIn(Schema):
    email: str = Field(..., max_length=254)
    role: Role
    name: str = Field("", max_length=150)
    department: str = Field("", max_length=100)


class InvitationOut(Schema):
    id: uuid.UUID
    email: str
    name: str
    role: str
    department: str
    expires_at: datetime


class IssuedInvitationOut(InvitationOut):
    link: str = Field(..., description="The single-use link; shown once.")


@router.get("/productions", response=list[ProductionOut], operation_id="production_list")
@paginate(LimitOffsetPagination)
def production_list(request: HttpRequest) -> list[ProductionOut]:
    """The productions you belong to, with your roles in each."""
    return [
        ProductionOut(
            id=s.production.pk,
            title=s.production.title,
            company=s.production.company,
            policy_pack=s.production.policy_pack,
            notice_hours=s.production.notice_hours,
            time_zone=s.production.time_zone,
            roles=list(s.roles),
        )
        for s in selectors.production_list(actor=request.user)
    ]


@router.get(
    "/productions/{production_id}",
    response=ProductionDetailOut,
    operation_id="production_get",
)
def production_get(request: HttpRequest, production_id: uuid.UUID) -> ProductionDetailOut:
    access = get_production_for_actor(request.user, production_id)
    p = access.production
    return ProductionDetailOut(
        id=p.pk,
        title=p.title,
        company=p.company,
        policy_pack=p.policy_pack,
        notice_hours=p.notice_hours,
        time_zone=p.time_zone,
        roles=sorted(access.roles),
        permissions=selectors.permissions_of(access),
        report_token=concern_selectors.report_token(access=access),
    )


@router.get(
    "/productions/{production_id}/members",
    response=list[MemberOut],
    operation_id="member_list",
)
@paginate(LimitOffsetPagination)
def member_list(request: HttpRequest, production_id: uuid.UUID) -> list[MemberOut]:
    """Members with their roles; e-mail only where your role needs contact details."""
    access = get_production_for_actor(request.user, production_id, need=Perm.MEMBERS_VIEW)
    return [
        MemberOut(id=m.id, name=m.name, roles=list(m.roles), department=m.department, email=m.email)
        for m in selectors.member_list(access=access)
    ]


@router.get(
    "/productions/{production_id}/members/{member_id}",
    response=MemberOut,
    operation_id="member_get",
)
def member_get(request: HttpRequest, production_id: uuid.UUID, member_id: uuid.UUID) -> MemberOut:
    access = get_production_for_actor(request.user, production_id, need=Perm.MEMBERS_VIEW)
    m = selectors.member_get(access=access, member_id=member_id)
    return MemberOut(
        id=m.id, name=m.name, roles=list(m.roles), department=m.department, email=m.email
    )


def _invitation_out(inv: object) -> InvitationOut:
    return InvitationOut.model_validate(inv, from_attributes=True)


@router.get(
    "/productions/{production_id}/invitations",
    response=list[InvitationOut],
    operation_id="invitation_list",
)
@paginate(LimitOffsetPagination)
def invitation_list(request: HttpRequest, production_id: uuid.UUID) -> list[InvitationOut]:
    """Open invitations (not yet accepted, withdrawn or expired)."""
    access = get_production_for_actor(request.user, production_id, need=Perm.MEMBERS_INVITE)
    return [_invitation_out(i) for i in selectors.invitation_list(access=access)]


@router.post(
    "/productions/{production_id}/invitations",
    response={201: IssuedInvitationOut},
    operation_id="invitation_create",
)
def invitation_create(
    request: HttpRequest, production_id: uuid.UUID, payload: InvitationIn
) -> Status[IssuedInvitationOut]:
    """Invite a person by e-mail into a role; the link in the answer is shown once."""
    access = get_production_for_actor(request.user, production_id, need=Perm.MEMBERS_INVITE)
    issued = services.invitation_create(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        email=payload.email,
        role=payload.role,
        name=payload.name,
        department=payload.department,
    )
    out = _invitation_out(issued.invitation)
    return Status(201, IssuedInvitationOut(**out.model_dump(), link=issued.url))


@router.delete(
    "/invitations/{invitation_id}", response={204: None}, operation_id="invitation_revoke"
)
def invitation_revoke(request: HttpRequest, invitation_id: uuid.UUID) -> Status[None]:
    """Withdraw an invitation that was not yet accepted."""
    access, invitation = get_invitation_for_actor(request.user, invitation_id)
    services.invitation_revoke(actor=request.user, access=access, invitation=invitation)  # type: ignore[arg-type]
    return Status(204, None)


class MemberRemoveIn(Schema):
    justification: str = Field("", max_length=10_000)
    password: str = Field("", max_length=1000, description="API token clients confirm with it.")


class MemberRolesIn(MemberRemoveIn):
    roles: list[Role] = Field(..., min_length=1)


def _confirm_password(request: HttpRequest, password: str) -> None:
    """Re-authentication: a recent confirmation in the browser, the password with a token."""
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        if not password or not request.user.check_password(password):
            raise Forbidden("Send your current password to do this with an API token.")
        return
    try:
        ensure_recent_auth(request)
    except ReauthenticationRequired:
        raise Forbidden(
            "Confirm your password first (re-authentication), then try again."
        ) from None


def _member_in(production_id: uuid.UUID, request: HttpRequest, member_id: uuid.UUID) -> Any:
    access, member = get_member_for_actor(request.user, member_id, need=Perm.MEMBERS_VIEW)
    if access.production.pk != production_id:
        raise NotFound()
    access.require(Perm.MEMBERS_MANAGE)
    return access, member


@router.post(
    "/productions/{production_id}/members/{member_id}/remove",
    response={204: None},
    operation_id="member_remove",
)
def member_remove(
    request: HttpRequest, production_id: uuid.UUID, member_id: uuid.UUID, payload: MemberRemoveIn
) -> Status[None]:
    """Remove a member. A member protected under the anti-retaliation policy needs a
    justification, which the safety officer sees."""
    access, member = _member_in(production_id, request, member_id)
    _confirm_password(request, payload.password)
    services.member_remove(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        member=member,
        justification=payload.justification,
    )
    return Status(204, None)


@router.put(
    "/productions/{production_id}/members/{member_id}/roles",
    response=MemberOut,
    operation_id="member_set_roles",
)
def member_set_roles(
    request: HttpRequest, production_id: uuid.UUID, member_id: uuid.UUID, payload: MemberRolesIn
) -> MemberOut:
    """Replace a member's roles (the same anti-retaliation check as removal)."""
    access, member = _member_in(production_id, request, member_id)
    _confirm_password(request, payload.password)
    services.member_set_roles(
        actor=request.user,  # type: ignore[arg-type]
        access=access,
        member=member,
        roles=[r.value for r in payload.roles],
        justification=payload.justification,
    )
    m = selectors.member_get(access=access, member_id=member.pk)
    return MemberOut(
        id=m.id, name=m.name, roles=list(m.roles), department=m.department, email=m.email
    )
