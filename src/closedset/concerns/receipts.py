"""Receipts for reports: a public lookup part and a secret part, shown once.

Only the lookup part and an Argon2 hash of the secret are stored. A wrong secret and an
unknown lookup part take the same time and give the same error (an unknown lookup part is
checked against a fixed dummy hash). Failed attempts are counted in the cache (memory, never
the database), per lookup part and per client address. See docs/adr/0009-anonymous-reports.md.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings
from django.core.cache import cache as django_cache

from closedset.core.errors import ServiceError

# No I, L, O, 0 or 1: nothing that reads as something else.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LOOKUP_LENGTH = 8
SECRET_LENGTH = 28  # 28 * log2(31) = about 138.7 bits
GROUP = 4
TOTAL_LENGTH = LOOKUP_LENGTH + SECRET_LENGTH

WINDOW_SECONDS = 15 * 60
FAILURES_PER_RECEIPT = 5
FAILURES_PER_ADDRESS = 20
REPORTS_PER_ADDRESS = 30  # per window; generous, since a whole set may share one address

# argon2-cffi's defaults (Argon2id, t=3, 64 MiB, p=4) unless the settings say otherwise; the
# test settings use cheaper parameters, the same algorithm and code path.
_hasher = PasswordHasher(**getattr(settings, "CLOSEDSET_RECEIPT_ARGON2", {}))


class ReceiptRefused(ServiceError):
    """The receipt does not open a report (the same answer for unknown and wrong)."""

    status = 401

    def __init__(self) -> None:
        super().__init__(
            "No report opens with this receipt. Check each group of letters and digits and "
            "try again."
        )


class MalformedReceipt(ServiceError):
    def __init__(self) -> None:
        super().__init__(
            f"A receipt has {TOTAL_LENGTH} letters and digits in groups of {GROUP} "
            f"(such as ABCD-EFGH-…). It never uses I, L, O, 0 or 1.",
            field="receipt",
        )


class TooManyAttempts(ServiceError):
    status = 429

    def __init__(self) -> None:
        super().__init__("Too many attempts with a wrong receipt. Wait 15 minutes, then try again.")


@dataclass(frozen=True)
class NewReceipt:
    lookup: str
    secret: str
    hashed: str

    @property
    def display(self) -> str:
        return format_receipt(self.lookup + self.secret)


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_receipt() -> NewReceipt:
    secret = _random(SECRET_LENGTH)
    return NewReceipt(_random(LOOKUP_LENGTH), secret, _hasher.hash(secret))


def format_receipt(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def parse_receipt(text: str) -> tuple[str, str]:
    """(lookup, secret) from what a person typed or pasted; spaces, dashes and case ignored."""
    raw = "".join(ch for ch in (text or "")[:200].upper() if ch not in " -\t\r\n")
    if len(raw) != TOTAL_LENGTH or any(ch not in ALPHABET for ch in raw):
        raise MalformedReceipt()
    return raw[:LOOKUP_LENGTH], raw[LOOKUP_LENGTH:]


@cache
def _dummy_hash() -> str:
    return _hasher.hash(_random(SECRET_LENGTH))


def secret_matches(secret: str, stored_hash: str | None) -> bool:
    """Verify in constant work: a missing row is checked against the dummy hash."""
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), secret) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def _address_key(address: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:32]
    return f"concerns:receipt:addr:{digest}"


def _lookup_key(lookup: str) -> str:
    return f"concerns:receipt:lookup:{lookup}"


def check_rate(lookup: str, address: str) -> None:
    if (django_cache.get(_lookup_key(lookup), 0) >= FAILURES_PER_RECEIPT) or (
        django_cache.get(_address_key(address), 0) >= FAILURES_PER_ADDRESS
    ):
        raise TooManyAttempts()


class TooManyReports(ServiceError):
    status = 429

    def __init__(self) -> None:
        super().__init__(
            "Many reports came from this network in a short time. Wait 15 minutes and send "
            "yours again; what you wrote is still here."
        )


def count_report(address: str) -> None:
    """Count a report sent from ``address`` (in memory); refuse past the limit."""
    key = _address_key(address).replace(":addr:", ":reports:")
    if django_cache.get(key, 0) >= REPORTS_PER_ADDRESS:
        raise TooManyReports()
    if not django_cache.add(key, 1, WINDOW_SECONDS):
        try:
            django_cache.incr(key)
        except ValueError:  # expired between add and incr
            django_cache.add(key, 1, WINDOW_SECONDS)


def count_failure(lookup: str, address: str) -> None:
    for key in (_lookup_key(lookup), _address_key(address)):
        if not django_cache.add(key, 1, WINDOW_SECONDS):
            try:
                django_cache.incr(key)
            except ValueError:  # expired between add and incr
                django_cache.add(key, 1, WINDOW_SECONDS)
