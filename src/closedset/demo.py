"""The demo production: a realistic cast and crew a new user can log in as.

Idempotent: running it again keeps the same production and people and sets new passwords.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from unittest import mock

from django.db import transaction
from django.utils import timezone

from closedset.accounts.models import User
from closedset.accounts.services import user_create
from closedset.choreography import demo as choreography_demo
from closedset.concerns import demo as concerns_demo
from closedset.consent import demo as consent_demo
from closedset.core.permissions import Role
from closedset.productions import services as production_services
from closedset.productions.models import Membership, Production
from closedset.productions.policies import access_for
from closedset.scripts import selectors as script_selectors
from closedset.scripts import services as script_services
from closedset.shoot import demo as shoot_demo

DEMO_TITLE = "The Salt House"
DEMO_COMPANY = "Northlight Pictures (demo)"
DEMO_DOMAIN = "demo.test"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    role: Role
    department: str = ""
    age: int | None = None

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


PEOPLE = (
    DemoPerson("producer", "Helen Marsh", Role.PRODUCER),
    DemoPerson("coordinator", "Amara Okafor", Role.COORDINATOR),
    DemoPerson("director", "Tomás Ruiz", Role.DIRECTOR),
    DemoPerson("ad", "Priya Natarajan", Role.ASSISTANT_DIRECTOR),
    DemoPerson("performer1", "Zoë Łukasz", Role.PERFORMER, age=34),
    DemoPerson("performer2", "Kenji Satō (佐藤健二)", Role.PERFORMER, age=38),
    DemoPerson("performer3", "Maya Lindqvist", Role.PERFORMER, age=29),
    DemoPerson("performer4", "Ruby Kowalczyk", Role.PERFORMER, age=17),
    DemoPerson("performer5", "Finn Doyle", Role.PERFORMER, age=17),
    DemoPerson("hmu", "Sam Okonkwo", Role.CREW, "Hair and make-up"),
    DemoPerson("crew", "Lee Fischer", Role.CREW, "Camera"),
    DemoPerson("safety", "Grace Adeyemi", Role.SAFETY_OFFICER, "Production safety"),
)


@dataclass(frozen=True)
class Login:
    email: str
    password: str
    name: str
    role: str


def _birth_date(age: int, today: date) -> date:
    """A birthday a month ago, so the person is ``age`` today and for the next eleven months."""
    recent = today - timedelta(days=30)
    return date(recent.year - age, recent.month, min(recent.day, 28))


_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _password(fixed: str | None) -> str:
    """A readable generated password: three groups of five, about 74 bits."""
    if fixed:
        return fixed
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(3))


@transaction.atomic
def load_demo(*, password: str | None = None) -> tuple[Production, list[Login]]:
    logins: list[Login] = []
    users: dict[str, User] = {}
    for person in PEOPLE:
        secret = _password(password)
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = user_create(actor=None, email=person.email, name=person.name, password=secret)
        else:
            user.set_password(secret)
            user.save(update_fields=["password"])
        users[person.key] = user
        logins.append(Login(person.email, secret, person.name, person.role.label))

    producer = users["producer"]
    production = Production.objects.filter(is_demo=True, title=DEMO_TITLE).first()
    if production is None:
        production = production_services.production_create(
            actor=producer,
            title=DEMO_TITLE,
            company=DEMO_COMPANY,
            time_zone="Europe/London",
            creator_roles=[Role.PRODUCER],
            is_demo=True,
        )
    producer_access = access_for(producer, production)
    assert producer_access is not None  # noqa: S101 - the producer created or owns the demo
    today = timezone.localdate()
    for person in PEOPLE:
        user = users[person.key]
        membership = production_services.member_add(
            actor=producer,
            access=producer_access,
            user=user,
            roles=[person.role],
            department=person.department,
        )
        if person.age is not None and _needs_birth_date(membership):
            own = access_for(user, production)
            assert own is not None  # noqa: S101 - just added
            production_services.member_set_date_of_birth(
                actor=user,
                access=own,
                member=membership,
                date_of_birth=_birth_date(person.age, today),
            )
    # The story so far happened over the last few days, so that riders issued in it can be on
    # time (R1) for a shoot tomorrow.
    with story_clock(days_ago=STORY_DAYS_AGO):
        _load_script(production, users)
        consent_demo.load_demo(production, users)
        choreography_demo.load_demo(production, users)
        consent_demo.withdraw_demo(production, users)
    shoot_demo.load_demo(production, users)
    concerns_demo.load_demo(production, users)
    return production, logins


STORY_DAYS_AGO = 4


@contextmanager
def story_clock(*, days_ago: int) -> Iterator[None]:
    """Run demo loading as if it happened ``days_ago`` days ago (timestamps, audit times).

    Only the demo uses this: it dates the demo's history so a new user sees a production in
    mid-preparation rather than one created a second ago.
    """
    shift = timedelta(days=days_ago)
    real_now = timezone.now

    def earlier() -> datetime:
        return real_now() - shift

    with mock.patch("django.utils.timezone.now", earlier):
        yield


DEMO_SCRIPT = "the-salt-house.fountain"
# Who plays whom in the demo script.
DEMO_CASTING = {
    "MARA": "performer1",
    "DANIEL": "performer2",
    "IRIS": "performer3",
    "ELSIE": "performer4",
    "LEO": "performer5",
}


def _load_script(production: Production, users: dict[str, User]) -> None:
    """Upload the demo's own script once, as the coordinator, and cast its parts."""
    coordinator = users["coordinator"]
    access = access_for(coordinator, production)
    assert access is not None  # noqa: S101 - the coordinator was just added
    if script_selectors.script_list(access=access):
        return
    data = (resources.files("closedset.demo_data") / DEMO_SCRIPT).read_bytes()
    result = script_services.script_upload(
        actor=coordinator, access=access, data=data, filename=DEMO_SCRIPT, label="Pink revision"
    )
    script = result.revision.script
    members = {m.user_id: m for m in Membership.objects.filter(production=production)}
    for character in script_selectors.character_list(access=access, script=script):
        key = DEMO_CASTING.get(character.name)
        if key is not None:
            script_services.character_cast(
                actor=coordinator,
                access=access,
                character=character,
                member=members[users[key].pk],
            )


def _needs_birth_date(membership: Membership) -> bool:
    return membership.date_of_birth is None
