"""R10: minors. No nudity or sexual content for a performer under 18; a guardian co-signs the rest.

    ADULT_AGE = 18
    age_on(date_of_birth, day) -> int        completed years on `day`
    is_minor(age) -> bool                    None (age unknown) is not treated as a minor
    barred_act(action, area, parameters) -> bool
    barred_exposure(visibility) -> bool
    barred_modesty(level) -> bool

What counts, for a performer under 18 (the consent rules apply these to each answer):

- **Barred** (any answer other than "no" is refused, citing R10; a beat with it is prohibited):
  every simulated sex act; any contact with possible genital contact (the R5 predicate: an action
  on the groin/genitals, or body press, lying on top or straddling unless clothed); nudity of any
  part at any visibility other than "not shown" (implied/covered included); appearing in pasties
  or a G-string. Appearing in underwear or a swimsuit is not barred.
- **Guardian co-signature**: every other contact (kiss and intimate touch) is agreed only when a
  named guardian has co-signed that consent version.

Ages: the app computes the age on the shoot day (or today, before one is set) from the date of
birth on the membership, falling back to the cast character's stated age. When neither is known
the age is None and the performer is treated as an adult: the app must pass any age it has.
A birthday on 29 February counts from 1 March in common years, so a performer born then stays
under 18 one day longer rather than one day shorter.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from closedset.rules.vocabulary import (
    NOT_SHOWN,
    Params,
    contact_action,
    modesty_level,
    possible_genital_contact,
    visibility,
)

ADULT_AGE = 18
_BARRED_MODESTY = frozenset({"pasties", "g_string"})


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years of age on `day`; ValueError if `day` is before the date of birth."""
    if day < date_of_birth:
        raise ValueError("the day is before the date of birth")
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def is_minor(age: int | None) -> bool:
    return age is not None and age < ADULT_AGE


def barred_act(action: str, area: str | None, parameters: Params | Mapping[str, str] = ()) -> bool:
    """R10: a simulated sex act or possible genital contact (sexual content)."""
    if contact_action(action).simulated_sex:
        return True
    return possible_genital_contact(action, area, parameters)


def barred_exposure(visibility_code: str) -> bool:
    """R10: nudity at this visibility (anything but "not shown")."""
    visibility(visibility_code)
    return visibility_code != NOT_SHOWN


def barred_modesty(level: str) -> bool:
    """R10: appearing in pasties or a G-string (underwear or a swimsuit is not barred)."""
    modesty_level(level)
    return level in _BARRED_MODESTY
