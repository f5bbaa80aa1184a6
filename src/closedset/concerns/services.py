"""Writes for concerns, requests for an intimacy coordinator and retaliation protection.

Every write checks, writes and records its audit event in one transaction. Events about
reports carry no production (so no production-scoped view of the log can show that a report
exists) and, for anonymous reports, no actor and only the day. Notifications never carry a
report's content or who made it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from closedset.concerns import receipts
from closedset.concerns.matching import (
    STRENGTH,
    digests,
    email_identifier,
    fold_name,
    name_identifier,
    person_digests,
    person_identifiers,
)
from closedset.concerns.models import (
    AdverseAction,
    Entry,
    ICRequest,
    Kind,
    Protection,
    Referral,
    Report,
    ReportLink,
    State,
    SubjectKey,
)
from closedset.concerns.policies import recipients_for
from closedset.core import audit, crypto
from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditAction
from closedset.core.notify import notify
from closedset.core.permissions import Perm
from closedset.productions.models import Membership, Production
from closedset.productions.policies import Access
from closedset.productions.selectors import members_with
from closedset.scripts.models import Scene

BODY_MAX = 20_000
WANTS_MAX = 5_000
SHORT_MAX = 200
NAME_MAX = 150
SUBJECTS_MAX = 20
REPLY_MAX = 10_000
JUSTIFICATION_MAX = 5_000
SMALL_GROUP = 10  # fewer members than this: anonymity is limited, and the form says so

ANONYMOUS_KINDS = {Kind.ANONYMOUS}
MAY_BE_ANONYMOUS = {Kind.WITNESS, Kind.STAND_DOWN, Kind.HOLD_FOR_MATCH}

# Stand-down reports wait for the reporter's go before anything beyond acknowledging them.
_ACTION_STATES = {State.IN_PROGRESS, State.RESOLVED, State.REFERRED}


def _today() -> date:
    return timezone.now().astimezone(UTC).date()


def _start_of_day() -> datetime:
    return datetime.combine(_today(), datetime.min.time(), tzinfo=UTC)


def _url(name: str, *args: Any) -> str:
    return settings.CLOSEDSET_BASE_URL.rstrip("/") + reverse(name, args=args)


# --- the reporting link ----------------------------------------------------------------


@transaction.atomic
def report_link_get_or_create(*, production: Production) -> ReportLink:
    """The production's reporting link, made on first use (a random token)."""
    link = ReportLink.objects.filter(production=production).first()
    if link is not None:
        return link
    link = ReportLink.objects.create(production=production, token=secrets.token_urlsafe(18))
    audit.record(AuditAction.REPORT_LINK_CREATED, production=production, obj=link)
    return link


def report_link_lookup(token: str) -> ReportLink:
    link = (
        ReportLink.objects.select_related("production").filter(token=token[:64]).first()
        if token
        else None
    )
    if link is None or link.production.shredded_at is not None:
        raise NotFound(
            "This reporting link is not valid. Check that you copied all of it, or ask for "
            "the link on the call sheet."
        )
    return link


# --- reports ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectIn:
    member_id: Any = None
    name: str = ""


@dataclass(frozen=True)
class Filed:
    report: Report
    receipt: str


def _clean_text(value: str, *, field: str, limit: int, label: str, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ServiceError(f"{label} is empty. Say what happened, in your own words.", field=field)
    if len(text) > limit:
        raise ServiceError(
            f"{label} is {len(text):,} characters long; the limit is {limit:,}. "
            "Shorten it (nothing was sent).",
            field=field,
        )
    return text


def _resolve_subjects(
    production: Production, subjects: list[SubjectIn]
) -> tuple[list[dict[str, Any]], dict[str, str], list[set[str]]]:
    """Display list, digest → basis, and each subject's own digests."""
    if not subjects:
        raise ServiceError(
            "Say who the report is about: pick a person or type a name.", field="subjects"
        )
    if len(subjects) > SUBJECTS_MAX:
        raise ServiceError(f"Name at most {SUBJECTS_MAX} people in one report.", field="subjects")
    members = list(
        Membership.objects.filter(production=production, removed_at__isnull=True).select_related(
            "user"
        )
    )
    by_id = {str(m.pk): m for m in members}
    shown: list[dict[str, Any]] = []
    every: dict[str, str] = {}
    each: list[set[str]] = []
    for subject in subjects:
        identifiers: list[tuple[str, str]] = []
        if subject.member_id:
            member = by_id.get(str(subject.member_id))
            if member is None:
                raise ServiceError(
                    "One of the people picked is not a member of this production.", field="subjects"
                )
            identifiers += person_identifiers(member.user)
            shown.append({"name": member.user.name, "member_id": str(member.pk)})
        else:
            name = " ".join((subject.name or "").split())
            if not name:
                raise ServiceError("A name typed for a person is empty.", field="subjects")
            if len(name) > NAME_MAX:
                raise ServiceError(
                    f"A name is longer than {NAME_MAX} characters.", field="subjects"
                )
            identifiers += name_identifier(name)
            if "@" in name:
                identifiers += email_identifier(name)
            # A typed name that is a member's name routes (and matches) as that member.
            folded = fold_name(name)
            for member in members:
                if fold_name(member.user.name) == folded:
                    identifiers += person_identifiers(member.user)
            shown.append({"name": name, "member_id": None})
        found = digests(identifiers)
        every.update(
            {d: b for d, b in found.items() if STRENGTH[b] >= STRENGTH.get(every.get(d, "name"), 0)}
        )
        each.append(set(found))
    return shown, every, each


def _reporter_digests(actor: Any, contact_name: str, contact_email: str) -> set[str]:
    found: set[str] = set()
    if getattr(actor, "is_authenticated", False):
        found |= person_digests(actor)
    found |= set(digests(name_identifier(contact_name) + email_identifier(contact_email)))
    return found


def _member_for(production: Production, user: Any = None, email: str = "") -> Membership | None:
    query = Membership.objects.filter(production=production, removed_at__isnull=True)
    if user is not None and getattr(user, "is_authenticated", False):
        return query.filter(user=user).first()
    if email:
        return query.filter(user__email__iexact=email.strip()).first()
    return None


def _entry(report: Report, kind: str, text: str, *, author: Any = None) -> Entry:
    seq = Entry.objects.filter(report=report).count() + 1
    reporter_side = kind in {Entry.Kind.REPORTER, Entry.Kind.SYSTEM}
    entry = Entry(
        report=report,
        production_id=report.production_id,
        seq=seq,
        kind=kind,
        author=author,
        written_at=_start_of_day() if reporter_side else timezone.now(),
    )
    crypto.seal(entry, "text", text)
    entry.save()
    return entry


@transaction.atomic
def report_create(
    *,
    token: str,
    actor: Any,
    kind: str,
    subjects: list[SubjectIn],
    what: str,
    wants: str = "",
    when: str = "",
    where: str = "",
    scene: str = "",
    identify: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    may_refer: bool = False,
    address: str = "",
) -> Filed:
    """File a report through a production's reporting link; the receipt is shown once.

    ``address`` (the client's) only counts reports in memory against flooding; never stored.
    """
    link = report_link_lookup(token)
    production = link.production
    try:
        kind = Kind(kind)
    except ValueError:
        raise ServiceError(f"{kind!r} is not a kind of report.", field="kind") from None
    body = {
        "what": _clean_text(
            what, field="what", limit=BODY_MAX, label="What happened", required=True
        ),
        "wants": _clean_text(wants, field="wants", limit=WANTS_MAX, label="What you want"),
        "when": _clean_text(when, field="when", limit=SHORT_MAX, label="When"),
        "where": _clean_text(where, field="where", limit=SHORT_MAX, label="Where"),
        "scene": _clean_text(scene, field="scene", limit=SHORT_MAX, label="Scene"),
    }
    anonymous = kind == Kind.ANONYMOUS or (kind in MAY_BE_ANONYMOUS and not identify)
    logged_in = getattr(actor, "is_authenticated", False)
    contact: dict[str, str] | None = None
    if not anonymous:
        if logged_in:
            contact = {"name": actor.name, "email": actor.email}
        else:
            name = _clean_text(
                contact_name, field="contact_name", limit=NAME_MAX, label="Your name"
            )
            email = _clean_text(
                contact_email, field="contact_email", limit=254, label="Your e-mail"
            )
            if not name or "@" not in email:
                raise ServiceError(
                    "A named report needs your name and e-mail address, so that the people "
                    "handling it can answer you. Or choose to report anonymously.",
                    field="contact_name" if not name else "contact_email",
                )
            contact = {"name": name, "email": email}
    shown, subject_digests, each = _resolve_subjects(production, subjects)
    mine = _reporter_digests(
        actor, contact["name"] if contact else "", contact["email"] if contact else ""
    )
    if mine and all(found & mine for found in each):
        raise ServiceError(
            "This report names only you. Name the person (or people) the concern is about.",
            field="subjects",
        )
    receipts.count_report(address)
    receipt = receipts.new_receipt()
    report = Report(
        production=production,
        kind=kind,
        anonymous=anonymous,
        reporter=actor if (logged_in and not anonymous) else None,
        may_refer=may_refer,
        held=kind == Kind.HOLD_FOR_MATCH,
        standing_down=kind == Kind.STAND_DOWN,
        reported_on=_today(),
        receipt_lookup=receipt.lookup,
        receipt_hash=receipt.hashed,
    )
    crypto.seal(report, "body", body)
    crypto.seal(report, "subjects", shown)
    crypto.seal(report, "contact", contact)
    report.save()
    SubjectKey.objects.bulk_create(
        [SubjectKey(report=report, digest=d, basis=b) for d, b in subject_digests.items()]
    )
    audit.record(
        AuditAction.CONCERN_REPORTED,
        actor=report.reporter,
        obj=report,
        summary=f"kind {kind}",
        day_only=anonymous,
    )
    if not anonymous:
        member = _member_for(
            production, actor if logged_in else None, contact["email"] if contact else ""
        )
        if member is not None:
            protect(member=member, actor=report.reporter)
    if not report.held:
        _route(report)
    _match(report)
    return Filed(report, receipt.display)


def _route(report: Report) -> None:
    """Tell the people who handle this report that it arrived; if the report names all of
    them, send it to the installation's external contact."""
    handlers = members_with(report.production, Perm.CONCERN_TRIAGE)
    recipients = recipients_for(report, handlers)
    if recipients:
        notify(
            [m.user.email for m in recipients],
            f"A concern was reported on {report.production.title}",
            "A new report is waiting for you in Closed Set. For the reporter's safety, it is "
            "not copied into e-mail. Open it here:\n"
            f"{_url('concerns:concern-detail', report.pk)}\n",
        )
        return
    report.routed_externally = True
    report.save(update_fields=["routed_externally"])
    contact = settings.CLOSEDSET_EXTERNAL_CONTACT_EMAIL
    audit.record(
        AuditAction.CONCERN_ROUTED_EXTERNALLY,
        obj=report,
        summary="external contact" if contact else "no external contact configured",
        day_only=report.anonymous,
    )
    _entry(
        report,
        Entry.Kind.SYSTEM,
        "Your report names everyone who would normally handle it on this production, so it "
        "was sent to the installation's external contact instead"
        + (f" ({contact})." if contact else ". No external contact is configured yet.")
        + (
            " Because you reported anonymously, what you wrote was not sent by e-mail: you "
            "can write to the external contact directly if you wish."
            if report.anonymous
            else ""
        ),
    )
    if contact:
        notify([contact], *_external_message(report))


def _external_message(report: Report) -> tuple[str, str]:
    subject = f"A concern on {report.production.title} that no one on the production can handle"
    lines = [
        f"A {report.get_kind_display().lower()} report was made on {report.reported_on:%d %B %Y} "
        f"about {report.production.title}. It names every person who would normally "
        "handle concerns there, so it comes to you as the installation's external contact.",
        "",
    ]
    if report.anonymous:
        lines.append(
            "It was made anonymously. Its content is not sent by e-mail, so that nothing in it "
            "can identify the reporter outside Closed Set; the reporter was told how to reach you."
        )
    else:
        body = crypto.unseal(report, "body")
        contact = crypto.unseal(report, "contact") or {}
        names = ", ".join(s["name"] for s in crypto.unseal(report, "subjects"))
        lines += [
            f"Reporter: {contact.get('name', '')} <{contact.get('email', '')}>",
            f"About: {names}",
            f"When: {body['when'] or '-'}",
            f"Where: {body['where'] or '-'}",
            f"Scene: {body['scene'] or '-'}",
            "",
            "What happened:",
            body["what"],
            "",
            "What the reporter wants:",
            body["wants"] or "-",
        ]
    return subject, "\n".join(lines) + "\n"


def _match(report: Report) -> None:
    """Hold for match: release held reports that share a named person with another report
    (on any production of this installation), and tell both sides."""
    mine = dict(report.subject_keys.values_list("digest", "basis"))
    others = (
        SubjectKey.objects.filter(digest__in=mine)
        .exclude(report=report)
        .select_related("report__production")
    )
    pairs: dict[Any, tuple[Report, str]] = {}
    for key in others:
        other = key.report
        if report.reporter_id is not None and other.reporter_id == report.reporter_id:
            continue  # one person's two reports are not a match
        if not (report.held or other.held):
            continue
        basis = key.basis if STRENGTH[key.basis] <= STRENGTH[mine[key.digest]] else mine[key.digest]
        best = pairs.get(other.pk)
        if best is None or STRENGTH[basis] > STRENGTH[best[1]]:
            pairs[other.pk] = (other, basis)
    for other, basis in pairs.values():
        for side in (report, other):
            _release(side, basis)


def _release(report: Report, basis: str) -> None:
    was_held = report.held
    report.held = False
    if not report.matched or STRENGTH[basis] > STRENGTH.get(report.match_basis, 0):
        report.match_basis = basis
    report.matched = True
    report.save(update_fields=["held", "matched", "match_basis"])
    audit.record(
        AuditAction.CONCERN_MATCHED,
        obj=report,
        summary=f"matched on {basis}",
        day_only=report.anonymous,
    )
    _entry(
        report,
        Entry.Kind.SYSTEM,
        "Another report names the same person. "
        + (
            "Your report, held until now, has been passed to the people who handle concerns "
            "on this production."
            if was_held
            else "The people handling your report have been told."
        ),
    )
    if was_held:
        _route(report)
    _tell_reporter(
        report,
        "Another report names the same person",
        "Another report names the same person as your report. Open your report with your "
        f"receipt to read more:\n{_url('concerns:receipt')}\n",
    )


def _tell_reporter(report: Report, subject: str, body: str) -> None:
    """E-mail a named reporter (an anonymous one reads their thread with the receipt)."""
    if report.anonymous:
        return
    contact = crypto.unseal(report, "contact") or {}
    if contact.get("email"):
        notify([contact["email"]], subject, body)


def _handlers_to_tell(report: Report) -> list[str]:
    return [
        m.user.email
        for m in recipients_for(report, members_with(report.production, Perm.CONCERN_TRIAGE))
    ]


@transaction.atomic
def concern_update(
    *,
    actor: Any,
    access: Access,
    report: Report,
    state: str | None = None,
    note: str = "",
    reply: str = "",
    referral: str = "",
) -> Report:
    """Triage: change the state, add an internal note, reply to the reporter, refer."""
    access.require(Perm.CONCERN_TRIAGE)
    report = Report.objects.select_for_update().get(pk=report.pk)
    note = _clean_text(note, field="note", limit=REPLY_MAX, label="The note")
    reply = _clean_text(reply, field="reply", limit=REPLY_MAX, label="The reply")
    if referral:
        try:
            referral = Referral(referral)
        except ValueError:
            raise ServiceError(f"{referral!r} is not a referral.", field="referral") from None
        if referral != Referral.LAW_ENFORCEMENT and not (report.may_refer or report.matched):
            raise Forbidden(
                "The reporter did not give permission to pass this report to a union or "
                "employer, and it has not matched another report (R13).",
            )
        state = State.REFERRED
    if state is not None:
        try:
            state = State(state)
        except ValueError:
            raise ServiceError(f"{state!r} is not a state.", field="state") from None
        if report.standing_down and state in _ACTION_STATES:
            raise Conflict(
                "The reporter asked to stand down: you can acknowledge the report, and act "
                "once they say go."
            )
    if state is None and not note and not reply:
        raise ServiceError("Nothing to change: choose a state, or write a note or a reply.")
    if state is not None and state != report.state:
        report.state = state
        report.save(update_fields=["state"])
        audit.record(AuditAction.CONCERN_TRIAGED, actor=actor, obj=report, summary=f"state {state}")
    if referral:
        report.referral = referral
        report.save(update_fields=["referral"])
        audit.record(
            AuditAction.CONCERN_REFERRED, actor=actor, obj=report, summary=f"to {referral}"
        )
    if note:
        _entry(report, Entry.Kind.NOTE, note, author=actor)
        audit.record(AuditAction.CONCERN_NOTE_ADDED, actor=actor, obj=report)
    if reply:
        _entry(report, Entry.Kind.REPLY, reply, author=actor)
        audit.record(AuditAction.CONCERN_REPLIED, actor=actor, obj=report)
        _tell_reporter(
            report,
            "A reply about your report",
            "The people handling your report have replied. For your privacy the reply is not "
            f"copied into e-mail; open it with your receipt:\n{_url('concerns:receipt')}\n",
        )
    return report


# --- the reporter, holding the receipt ---------------------------------------------------


def receipt_open(*, receipt: str, address: str) -> Report:
    """The report a receipt opens. Wrong and unknown receipts fail alike; failures are
    rate-limited per receipt and per client address."""
    lookup, secret = receipts.parse_receipt(receipt)
    receipts.check_rate(lookup, address)
    report = Report.objects.select_related("production").filter(receipt_lookup=lookup).first()
    if not receipts.secret_matches(secret, report.receipt_hash if report else None):
        receipts.count_failure(lookup, address)
        raise receipts.ReceiptRefused()
    assert report is not None  # noqa: S101 - secret_matches is False without a row
    return report


@transaction.atomic
def reporter_answer(*, report: Report, text: str = "", go: bool = False) -> Report:
    """The reporter writes in their thread, or says go to a stand-down report."""
    text = _clean_text(text, field="text", limit=BODY_MAX, label="Your message")
    report = Report.objects.select_for_update().select_related("production").get(pk=report.pk)
    if not text and not go:
        raise ServiceError("Your message is empty. Write something, then send it.", field="text")
    if go and not report.standing_down:
        raise Conflict("This report is not waiting for your go-ahead.")
    if text:
        _entry(report, Entry.Kind.REPORTER, text)
        audit.record(
            AuditAction.CONCERN_REPORTER_ANSWERED,
            actor=report.reporter,
            obj=report,
            day_only=report.anonymous,
        )
    if go:
        report.standing_down = False
        report.save(update_fields=["standing_down"])
        _entry(report, Entry.Kind.SYSTEM, "You said go ahead: your report can now be acted on.")
        audit.record(
            AuditAction.CONCERN_GO_AHEAD,
            actor=report.reporter,
            obj=report,
            day_only=report.anonymous,
        )
    if not report.held:
        notify(
            _handlers_to_tell(report),
            f"A reporter wrote about a concern on {report.production.title}",
            "A reporter has "
            + ("said go ahead" if go else "written in their thread")
            + f". Open it here:\n{_url('concerns:concern-detail', report.pk)}\n",
        )
    return report


# --- protection and the adverse-action check ----------------------------------------------


def protect(*, member: Membership, actor: Any) -> None:
    """Mark a member protected for the production's duration (idempotent). No reason kept."""
    _, created = Protection.objects.get_or_create(
        member=member, defaults={"production_id": member.production_id, "since": _today()}
    )
    if created:
        audit.record(AuditAction.MEMBER_PROTECTED, actor=actor, obj=member)


PROTECTED_MESSAGE = (
    "This person is protected under the production's anti-retaliation policy. Give a "
    "justification to continue: it is recorded, and the safety officer sees it."
)


class JustificationRequired(ServiceError):
    def __init__(self) -> None:
        super().__init__(PROTECTED_MESSAGE, field="justification")


def is_protected(member: Membership) -> bool:
    return Protection.objects.filter(member=member).exists()


def adverse_action_check(
    *,
    actor: Any,
    access: Access,
    member: Membership,
    action: str,
    detail: str = "",
    justification: str = "",
) -> None:
    """Called before a member is removed or their roles change: a protected member needs a
    justification, which is recorded for the safety officer. A check, not a block."""
    if not is_protected(member):
        return
    text = _clean_text(
        justification, field="justification", limit=JUSTIFICATION_MAX, label="The justification"
    )
    if not text:
        raise JustificationRequired()
    record = AdverseAction(
        production=access.production,
        member=member,
        action=action,
        detail=detail[:200],
        actor=actor,
    )
    crypto.seal(record, "justification", text)
    record.save()
    audit.record(
        AuditAction.ADVERSE_ACTION_JUSTIFIED,
        actor=actor,
        production=access.production,
        obj=record,
        summary=action,
    )
    viewers = [
        m.user.email
        for m in members_with(access.production, Perm.ADVERSE_ACTION_VIEW)
        if m.user_id != getattr(actor, "pk", None)
    ]
    notify(
        viewers,
        f"A protected member's position changed on {access.production.title}",
        "Someone protected under the production's anti-retaliation policy was "
        f"{AdverseAction.Action(action).label.lower()}. The justification given is recorded: "
        f"{_url('concerns:adverse-action-list', access.production.pk)}\n",
    )


# --- requests for an intimacy coordinator (R7) -------------------------------------------


@transaction.atomic
def ic_request_create(
    *, actor: Any, access: Access, scene: Scene, note: str = "", on_behalf_of: str = ""
) -> ICRequest:
    access.require(Perm.IC_REQUEST_MAKE)
    if scene.production_id != access.production.pk:
        raise NotFound()
    note = _clean_text(note, field="note", limit=WANTS_MAX, label="The note")
    on_behalf_of = _clean_text(on_behalf_of, field="on_behalf_of", limit=NAME_MAX, label="The name")
    if ICRequest.objects.filter(
        scene__lineage=scene.lineage, requested_by=access.membership, answered_at__isnull=True
    ).exists():
        raise Conflict(
            "You already asked for an intimacy coordinator for this scene; it awaits an answer."
        )
    request = ICRequest(
        production=access.production,
        scene=scene,
        requested_by=access.membership,
        on_behalf_of=on_behalf_of,
    )
    crypto.seal(request, "note", note or None)
    request.save()
    audit.record(
        AuditAction.IC_REQUEST_MADE, actor=actor, production=access.production, obj=request
    )
    protect(member=access.membership, actor=actor)
    notify(
        [m.user.email for m in members_with(access.production, Perm.IC_REQUEST_ANSWER)],
        f"A request for an intimacy coordinator on {access.production.title}",
        "A request for an intimacy coordinator is waiting for your good-faith answer:\n"
        f"{_url('concerns:ic-request-list', access.production.pk)}\n",
    )
    return request


@transaction.atomic
def ic_request_answer(
    *, actor: Any, access: Access, request: ICRequest, answer: str, response: str
) -> ICRequest:
    access.require(Perm.IC_REQUEST_ANSWER)
    request = ICRequest.objects.select_for_update().get(pk=request.pk)
    if request.answered_at is not None:
        raise Conflict("This request was already answered.")
    try:
        answer = ICRequest.Answer(answer)
    except ValueError:
        raise ServiceError(f"{answer!r} is not an answer.", field="answer") from None
    response = _clean_text(response, field="response", limit=WANTS_MAX, label="The response")
    if not response:
        raise ServiceError(
            "Write your answer to the performer: a good-faith response is recorded (R7).",
            field="response",
        )
    request.answer = answer
    crypto.seal(request, "response", response)
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "response", "answered_by", "answered_at"])
    audit.record(
        AuditAction.IC_REQUEST_ANSWERED,
        actor=actor,
        production=access.production,
        obj=request,
        summary=answer,
    )
    notify(
        [request.requested_by.user.email],
        f"Your request for an intimacy coordinator on {access.production.title} was answered",
        f"Read the answer here:\n{_url('concerns:ic-request-list', access.production.pk)}\n",
    )
    return request
