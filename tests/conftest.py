"""The shared cast: a production with every role, and a second production next door."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from closedset.accounts.models import User
from closedset.accounts.services import user_create
from closedset.core import crypto
from closedset.core.permissions import Role
from closedset.productions import services as production_services
from closedset.productions.models import Membership, Production
from closedset.productions.policies import Access, access_for

pytest_plugins = ["tests.url_coverage"]

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session", autouse=True)
def _master_key() -> None:
    crypto.ensure_master_key()


@pytest.fixture(autouse=True)
def _fresh_key_cache() -> None:
    crypto.forget_cached_keys()


@dataclass
class Cast:
    production: Production
    other_production: Production
    users: dict[str, User] = field(default_factory=dict)
    members: dict[str, Membership] = field(default_factory=dict)

    def __getattr__(self, name: str) -> User:
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None

    def access(self, key: str, production: Production | None = None) -> Access:
        result = access_for(self.users[key], production or self.production)
        assert result is not None
        return result


ROLES = {
    "coordinator": Role.COORDINATOR,
    "performer": Role.PERFORMER,
    "partner": Role.PERFORMER,
    "director": Role.DIRECTOR,
    "producer": Role.PRODUCER,
    "ad": Role.ASSISTANT_DIRECTOR,
    "crew": Role.CREW,
    "safety": Role.SAFETY_OFFICER,
}


def make_user(key: str, name: str | None = None) -> User:
    return user_create(
        actor=None, email=f"{key}@example.test", name=name or key.title(), password=PASSWORD
    )


@pytest.fixture
def cast(db: Any) -> Cast:
    """Everyone of production A in one role each; production B with its own producer;
    ``outsider`` belongs to no production."""
    producer = make_user("producer", "Pat Producer")
    production = production_services.production_create(
        actor=producer, title="Production A", time_zone="Europe/London"
    )
    cast = Cast(production=production, other_production=production)
    cast.users["producer"] = producer
    producer_access = access_for(producer, production)
    assert producer_access is not None
    for key, role in ROLES.items():
        if key == "producer":
            cast.members[key] = producer_access.membership
            continue
        user = make_user(key)
        cast.users[key] = user
        cast.members[key] = production_services.member_add(
            actor=producer,
            access=producer_access,
            user=user,
            roles=[role],
            department="Camera" if key == "crew" else "",
        )
    other = make_user("other_producer", "Olive Other")
    cast.users["other_producer"] = other
    cast.other_production = production_services.production_create(actor=other, title="Production B")
    cast.users["outsider"] = make_user("outsider", "Oscar Outsider")
    return cast


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    def _login(user: User) -> Client:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
