"""The refusals of the crypto layer: each says what is wrong and never returns plaintext."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from tests.conftest import Cast

from closedset.core import crypto
from closedset.core.crypto import Sealed, SealedField
from closedset.productions import services
from closedset.productions.models import Membership, Production


def test_a_master_key_of_the_wrong_length_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "master.key"
    path.write_text(
        json.dumps({"current": "a", "keys": {"a": base64.b64encode(b"short").decode()}})
    )
    with pytest.raises(crypto.CryptoError, match="256 bits"):
        crypto.load_key_ring(path)


def test_a_key_id_missing_from_the_ring_is_named() -> None:
    ring = crypto.KeyRing("a", {"a": AESGCM.generate_key(256)})
    with pytest.raises(crypto.CryptoError, match="not in the key file"):
        ring.key("b")


def test_a_data_key_under_another_master_key_does_not_open(cast: Cast, tmp_path: Path) -> None:
    key = cast.production.data_key
    stranger = crypto.KeyRing(key.master_key_id, {key.master_key_id: AESGCM.generate_key(256)})
    with pytest.raises(crypto.CryptoError, match="does not open"):
        crypto._unwrap(stranger, key.master_key_id, bytes(key.wrapped), b"aad")


def test_sealing_for_a_production_without_a_data_key_is_refused(db: object) -> None:
    production = Production.objects.create(title="No key")
    member = Membership(production=production)
    with pytest.raises(crypto.CryptoError, match="no data key"):
        crypto.seal(member, "date_of_birth", "2000-01-01")


def test_a_row_without_a_production_or_a_key_cannot_be_sealed(cast: Cast) -> None:
    with pytest.raises(crypto.CryptoError, match="no production"):
        crypto.seal(cast.producer, "name", "x")
    member = Membership(production=cast.production)
    member.pk = None
    with pytest.raises(crypto.CryptoError, match="primary key"):
        crypto.seal(member, "date_of_birth", "x")


def test_sealed_values_compare_hash_and_serialise_without_plaintext(cast: Cast) -> None:
    member = cast.members["performer"]
    services.member_set_date_of_birth(
        actor=cast.performer,
        access=cast.access("performer"),
        member=member,
        date_of_birth=date(1990, 2, 3),
    )
    member.refresh_from_db()
    sealed = member.date_of_birth
    assert isinstance(sealed, Sealed)
    assert {sealed, Sealed(sealed.token)} == {sealed}
    field = Membership._meta.get_field("date_of_birth")
    assert isinstance(field, SealedField)
    assert field.value_to_string(member) == "[encrypted]"
    assert field.to_python(sealed.token) == sealed
    assert field.to_python(None) is None
    with pytest.raises(crypto.TamperedValue):
        Sealed("plain text")


def test_unsealing_what_is_not_a_sealed_value_is_refused(cast: Cast) -> None:
    member = cast.members["performer"]
    assert crypto.unseal(member, "date_of_birth") is None
    member.date_of_birth = "2000-01-01"  # type: ignore[assignment]
    with pytest.raises(crypto.TamperedValue, match="does not hold"):
        crypto.unseal(member, "date_of_birth")
    member.date_of_birth = Sealed("cs1.not-hex.AAAA")
    with pytest.raises(crypto.TamperedValue, match="malformed"):
        crypto.unseal(member, "date_of_birth")


def test_destroying_a_destroyed_key_is_refused(cast: Cast) -> None:
    crypto.destroy_data_key(cast.production)
    with pytest.raises(crypto.CryptoError, match="no live data key"):
        crypto.destroy_data_key(cast.production)
