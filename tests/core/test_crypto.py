"""Field encryption: sealed values, binding to table/column/row, shredding, rotation."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from tests.conftest import Cast

from closedset.core import crypto
from closedset.core.crypto import Sealed
from closedset.core.models import DataKey
from closedset.productions import selectors, services
from closedset.productions.models import Membership


def _raw_column(member: Membership) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT date_of_birth FROM productions_membership WHERE id = %s",
            [member.pk.hex if connection.vendor == "sqlite" else member.pk],
        )
        return str(cursor.fetchone()[0])


def _set_dob(cast: Cast, key: str, value: date) -> Membership:
    member = cast.members[key]
    services.member_set_date_of_birth(
        actor=cast.users[key], access=cast.access(key), member=member, date_of_birth=value
    )
    return Membership.objects.get(pk=member.pk)


def test_a_sealed_value_is_stored_as_ciphertext_and_reads_back(cast: Cast) -> None:
    member = _set_dob(cast, "performer", date(2008, 3, 14))
    raw = _raw_column(member)
    assert raw.startswith("cs1.")
    assert "2008" not in raw
    assert isinstance(member.date_of_birth, Sealed)
    assert crypto.unseal(member, "date_of_birth") == "2008-03-14"


def test_a_sealed_value_renders_as_encrypted_never_as_plaintext(cast: Cast) -> None:
    member = _set_dob(cast, "performer", date(2008, 3, 14))
    assert str(member.date_of_birth) == "[encrypted]"
    assert "2008" not in repr(member.date_of_birth)


def test_a_plain_string_cannot_be_saved_into_a_sealed_field(cast: Cast) -> None:
    member = cast.members["performer"]
    member.date_of_birth = "2008-03-14"  # type: ignore[assignment]
    with pytest.raises(TypeError, match="only stores sealed values"):
        member.save()


def test_a_ciphertext_copied_to_another_row_does_not_decrypt(cast: Cast) -> None:
    first = _set_dob(cast, "performer", date(2000, 1, 1))
    second = cast.members["partner"]
    second.date_of_birth = first.date_of_birth
    with pytest.raises(crypto.TamperedValue):
        crypto.unseal(second, "date_of_birth")


def test_a_ciphertext_from_another_production_does_not_decrypt(cast: Cast) -> None:
    first = _set_dob(cast, "performer", date(2000, 1, 1))
    other = Membership.objects.get(production=cast.other_production)
    other.date_of_birth = first.date_of_birth
    with pytest.raises(crypto.TamperedValue):
        crypto.unseal(other, "date_of_birth")


def test_an_altered_ciphertext_does_not_decrypt(cast: Cast) -> None:
    member = _set_dob(cast, "performer", date(2000, 1, 1))
    token = member.date_of_birth.token  # type: ignore[union-attr]
    middle = len(token) - 20  # inside the ciphertext, clear of base64 padding bits
    flipped = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    member.date_of_birth = Sealed(flipped)
    with pytest.raises(crypto.TamperedValue):
        crypto.unseal(member, "date_of_birth")


def test_each_seal_uses_a_fresh_nonce(cast: Cast) -> None:
    a = _set_dob(cast, "performer", date(2000, 1, 1)).date_of_birth
    b = _set_dob(cast, "performer", date(2000, 1, 1)).date_of_birth
    assert a != b


def test_shredding_a_production_makes_its_secrets_unrecoverable_and_the_rest_works(
    cast: Cast,
) -> None:
    member = _set_dob(cast, "performer", date(2000, 1, 1))
    other_member = Membership.objects.get(production=cast.other_production)
    services.member_set_date_of_birth(
        actor=cast.other_producer,
        access=cast.access("other_producer", cast.other_production),
        member=other_member,
        date_of_birth=date(1980, 5, 5),
    )
    services.production_shred(actor=cast.producer, access=cast.access("producer"))

    key = DataKey.objects.get(production=cast.production)
    assert bytes(key.wrapped) == b""
    assert key.destroyed_at is not None
    with pytest.raises(crypto.KeyDestroyed):
        crypto.unseal(Membership.objects.get(pk=member.pk), "date_of_birth")
    # The production's other data and every other production still work.
    assert [m.name for m in selectors.member_list(access=cast.access("producer"))]
    other_member.refresh_from_db()
    assert crypto.unseal(other_member, "date_of_birth") == "1980-05-05"


def test_the_master_key_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "master.key"
    assert crypto.ensure_master_key(path) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert crypto.ensure_master_key(path) is False
    ring = crypto.load_key_ring(path)
    assert len(ring.key(ring.current)) == 32


def test_an_unreadable_master_key_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "master.key"
    path.write_text("not json")
    with pytest.raises(crypto.CryptoError, match="unreadable"):
        crypto.load_key_ring(path)
    with pytest.raises(crypto.CryptoError, match="missing"):
        crypto.load_key_ring(tmp_path / "absent.key")


def test_rotating_the_master_key_rewraps_every_data_key_and_data_stays_readable(
    cast: Cast, tmp_path: Path, settings: object
) -> None:
    path = Path(crypto.master_key_path())
    before = crypto.load_key_ring(path)
    member = _set_dob(cast, "performer", date(1999, 9, 9))
    result = crypto.rotate_master_key(path)
    after = crypto.load_key_ring(path)
    try:
        assert after.current == result.new_key_id != before.current
        assert set(after.keys) == {result.new_key_id}, "old keys leave the key file"
        assert result.rewrapped == DataKey.objects.filter(destroyed_at__isnull=True).count() >= 2
        assert set(DataKey.objects.values_list("master_key_id", flat=True)) == {after.current}
        assert stat.S_IMODE(result.retired_file.stat().st_mode) == 0o600
        crypto.forget_cached_keys()
        member.refresh_from_db()
        assert crypto.unseal(member, "date_of_birth") == "1999-09-09"
    finally:
        result.retired_file.unlink()
