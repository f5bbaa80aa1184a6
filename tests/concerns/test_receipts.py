"""Receipts: readable, high-entropy, found by a lookup part; wrong and unknown fail alike;
brute force is rate-limited (in memory, never in the database)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from closedset.concerns import receipts, services
from closedset.concerns.receipts import (
    ALPHABET,
    FAILURES_PER_ADDRESS,
    FAILURES_PER_RECEIPT,
    MalformedReceipt,
    ReceiptRefused,
    TooManyAttempts,
)
from tests.concerns.conftest import file_report
from tests.conftest import Cast


def _wrong_secret(receipt: str) -> str:
    raw = receipt.replace("-", "")
    last = ALPHABET[(ALPHABET.index(raw[-1]) + 1) % len(ALPHABET)]
    return receipts.format_receipt(raw[:-1] + last)


def test_a_receipt_is_groups_of_unambiguous_characters_with_at_least_128_secret_bits() -> None:
    made = receipts.new_receipt()
    groups = made.display.split("-")
    assert all(len(g) == 4 for g in groups)
    assert not set("ILO01") & set(made.display)
    assert receipts.SECRET_LENGTH * math.log2(len(ALPHABET)) >= 128


def test_a_receipt_is_read_back_whatever_the_case_and_spacing(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    typed = " " + filed.receipt.lower().replace("-", " ") + "\n"
    assert services.receipt_open(receipt=typed, address="a").pk == filed.report.pk


def test_wrong_and_unknown_receipts_give_the_same_error_after_the_same_work(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    filed = file_report(cast, about=["director"])
    calls: list[str] = []
    real = receipts._hasher
    dummy = receipts._dummy_hash()

    class Counting:
        def hash(self, secret: str) -> str:
            return real.hash(secret)

        def verify(self, hashed: str, secret: str) -> Any:
            calls.append(hashed)
            return real.verify(hashed, secret)

    monkeypatch.setattr(receipts, "_hasher", Counting())
    with pytest.raises(ReceiptRefused) as wrong:
        services.receipt_open(receipt=_wrong_secret(filed.receipt), address="a")
    unknown_receipt = receipts.new_receipt().display
    with pytest.raises(ReceiptRefused) as unknown:
        services.receipt_open(receipt=unknown_receipt, address="b")
    assert str(wrong.value) == str(unknown.value)
    assert wrong.value.status == unknown.value.status == 401
    # Each ran exactly one Argon2 verification: the unknown one against the dummy hash.
    assert len(calls) == 2
    assert calls[1] == dummy
    assert calls[0].split("$")[:4] == calls[1].split("$")[:4]  # same algorithm and cost


@pytest.mark.parametrize(
    "text", ["", "ABCD", "0000-1111-IIII-OOOO-LLLL-AAAA-BBBB-CCCC-DDDD", "x" * 500]
)
def test_a_malformed_receipt_says_what_a_receipt_looks_like(text: str) -> None:
    with pytest.raises(MalformedReceipt, match="36 letters and digits"):
        services.receipt_open(receipt=text, address="a")


def test_repeated_wrong_receipts_for_one_report_are_rate_limited(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    for i in range(FAILURES_PER_RECEIPT):
        with pytest.raises(ReceiptRefused):
            services.receipt_open(receipt=_wrong_secret(filed.receipt), address=f"10.0.0.{i}")
    with pytest.raises(TooManyAttempts) as refused:
        services.receipt_open(receipt=filed.receipt, address="10.0.1.1")
    assert refused.value.status == 429


def test_one_address_trying_many_receipts_is_rate_limited(cast: Cast) -> None:
    for _ in range(FAILURES_PER_ADDRESS):
        with pytest.raises(ReceiptRefused):
            services.receipt_open(receipt=receipts.new_receipt().display, address="10.9.9.9")
    filed = file_report(cast, about=["director"])
    with pytest.raises(TooManyAttempts):
        services.receipt_open(receipt=filed.receipt, address="10.9.9.9")
    assert services.receipt_open(receipt=filed.receipt, address="10.9.9.8").pk == filed.report.pk


def test_the_api_answers_429_with_a_clear_message_when_rate_limited(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    client = Client()
    wrong = _wrong_secret(filed.receipt)
    for _ in range(FAILURES_PER_RECEIPT):
        response = client.get("/api/v1/report/receipt", HTTP_AUTHORIZATION=f"Bearer {wrong}")
        assert response.status_code == 401
    response = client.get("/api/v1/report/receipt", HTTP_AUTHORIZATION=f"Bearer {filed.receipt}")
    assert response.status_code == 429
    assert "Wait 15 minutes" in response.json()["detail"]


def test_rate_limit_counters_live_in_the_cache_not_the_database(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    with pytest.raises(ReceiptRefused):
        services.receipt_open(receipt=_wrong_secret(filed.receipt), address="192.0.2.55")
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        for table in tables:
            if not table.startswith("concerns_"):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            assert "192.0.2.55" not in repr(cursor.fetchall())


def test_a_flood_of_reports_from_one_address_is_slowed_down(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(receipts, "REPORTS_PER_ADDRESS", 3)
    for _ in range(3):
        file_report(cast, about=["director"], address="10.1.1.1")
    with pytest.raises(receipts.TooManyReports) as refused:
        file_report(cast, about=["director"], address="10.1.1.1")
    assert refused.value.status == 429
    file_report(cast, about=["director"], address="10.1.1.2")


def test_production_settings_keep_argon2_defaults_for_receipts() -> None:
    import closedset.settings as production  # noqa: PLC0415

    assert not hasattr(production, "CLOSEDSET_RECEIPT_ARGON2")
    assert receipts._hasher.hash("x").startswith("$argon2id$")
