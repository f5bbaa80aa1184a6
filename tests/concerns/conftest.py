"""Helpers for concerns: the production's reporting link and filing a report through it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from closedset.concerns import services
from closedset.concerns.services import Filed, SubjectIn
from tests.conftest import Cast
from tests.consent.conftest import casting  # noqa: F401 - the cast script, for IC requests


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def token_of(production: Any) -> str:
    return services.report_link_get_or_create(production=production).token


def file_report(
    cast: Cast,
    *,
    kind: str = "anonymous",
    about: list[str] | None = None,
    names: list[str] | None = None,
    actor: Any = None,
    production: Any = None,
    what: str = "He kept touching my shoulder between takes after I said no.",
    **extra: Any,
) -> Filed:
    """File a report about cast members (keys of ``cast.members``) and typed names."""
    subjects = [SubjectIn(member_id=cast.members[key].pk) for key in about or []]
    subjects += [SubjectIn(name=n) for n in names or []]
    return services.report_create(
        token=token_of(production or cast.production),
        actor=actor,
        kind=kind,
        subjects=subjects,
        what=what,
        **extra,
    )
