"""Normalising the people a report names, and their keyed hashes for routing and matching.

Identifiers: ``member:<user id>`` (installation-wide), ``email:<lower-cased address>``,
``name:<folded name>`` (NFKD, accents stripped, case-folded, whitespace collapsed). Only
their HMAC under the installation's match key is stored. See docs/adr/0008-concern-matching.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from closedset.core import crypto

STRENGTH = {"member": 3, "email": 2, "name": 1}


def fold_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def person_identifiers(user: Any) -> list[tuple[str, str]]:
    """The identifiers of an account: its id, e-mail and name."""
    found = [("member", f"member:{user.pk}"), ("email", f"email:{user.email.strip().lower()}")]
    if fold_name(user.name):
        found.append(("name", f"name:{fold_name(user.name)}"))
    return found


def name_identifier(name: str) -> list[tuple[str, str]]:
    folded = fold_name(name)
    return [("name", f"name:{folded}")] if folded else []


def email_identifier(email: str) -> list[tuple[str, str]]:
    email = email.strip().lower()
    return [("email", f"email:{email}")] if email else []


def digests(identifiers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """digest → basis."""
    return {crypto.keyed_hash(text): basis for basis, text in identifiers}


def person_digests(user: Any) -> set[str]:
    return set(digests(person_identifiers(user)))
