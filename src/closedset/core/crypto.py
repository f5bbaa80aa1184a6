"""Field encryption: AES-256-GCM under a per-production data key, wrapped by the master key.

The only module that touches key material. Values are sealed and unsealed explicitly
(services seal, selectors unseal); a sealed value read from the database is a ``Sealed``
object that renders as "[encrypted]" and cannot be stored from a plain string by accident.

Ciphertext format: ``cs1.<data key id hex>.<base64url(nonce ‖ ciphertext ‖ tag)>``.
Associated data binds each value to its table, column and row, so a ciphertext copied to
another row or column fails to decrypt. See docs/adr/0002-key-management.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import models, transaction

from closedset.core import audit
from closedset.core.models import AuditAction, DataKey

PREFIX = "cs1"
_NONCE = 12
_CACHE_SECONDS = 60.0


class CryptoError(Exception):
    """A value cannot be sealed or unsealed."""


class KeyDestroyed(CryptoError):
    """The production's data key was destroyed: its sensitive values are gone for good."""


class TamperedValue(CryptoError):
    """The ciphertext does not belong here or was altered."""


# --- master key ring -------------------------------------------------------------------


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict[str, bytes]

    def key(self, key_id: str) -> bytes:
        try:
            return self.keys[key_id]
        except KeyError:
            raise CryptoError(f"master key {key_id} is not in the key file") from None


def _write_private(path: Path, content: str) -> None:
    """Write a file readable by its owner only, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _dump_ring(ring: KeyRing) -> str:
    return json.dumps(
        {
            "format": "closedset-master-key-1",
            "current": ring.current,
            "keys": {k: base64.b64encode(v).decode() for k, v in ring.keys.items()},
        },
        indent=2,
    )


def master_key_path() -> Path:
    return Path(settings.MASTER_KEY_FILE)


def ensure_master_key(path: Path | None = None) -> bool:
    """Create the master key file (0600) if it is missing. Returns True if it was created."""
    path = path or master_key_path()
    if path.exists():
        load_key_ring(path)
        return False
    key_id = secrets.token_hex(8)
    _write_private(path, _dump_ring(KeyRing(key_id, {key_id: AESGCM.generate_key(256)})))
    return True


def load_key_ring(path: Path | None = None) -> KeyRing:
    path = path or master_key_path()
    try:
        raw = json.loads(path.read_text())
        keys = {k: base64.b64decode(v) for k, v in raw["keys"].items()}
        ring = KeyRing(raw["current"], keys)
        if len(ring.key(ring.current)) != 32:
            raise CryptoError("the current master key is not 256 bits")
    except FileNotFoundError:
        raise CryptoError(f"master key file {path} is missing; run 'closedset init'") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CryptoError(f"master key file {path} is unreadable: {exc}") from None
    return ring


_ring_lock = threading.Lock()
_ring_cache: dict[Path, tuple[float, KeyRing]] = {}


def _ring() -> KeyRing:
    path = master_key_path()
    mtime = path.stat().st_mtime if path.exists() else -1.0
    with _ring_lock:
        cached = _ring_cache.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        ring = load_key_ring(path)
        _ring_cache[path] = (mtime, ring)
        return ring


# --- data keys ---------------------------------------------------------------------------


def _wrap_aad(data_key_id: uuid.UUID, production_id: Any) -> bytes:
    return f"closedset-data-key|{data_key_id}|{production_id}".encode()


def _wrap(ring: KeyRing, key_id: str, raw: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(_NONCE)
    return nonce + AESGCM(ring.key(key_id)).encrypt(nonce, raw, aad)


def _unwrap(ring: KeyRing, key_id: str, wrapped: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(ring.key(key_id)).decrypt(wrapped[:_NONCE], wrapped[_NONCE:], aad)
    except InvalidTag:
        raise CryptoError("a data key does not open with the master key") from None


_keys_lock = threading.Lock()
_key_cache: dict[uuid.UUID, tuple[float, bytes]] = {}


def forget_cached_keys() -> None:
    with _keys_lock:
        _key_cache.clear()
    with _ring_lock:
        _ring_cache.clear()


def create_data_key(production: Any) -> DataKey:
    """Give a new production its data key (inside the production's creating transaction)."""
    ring = _ring()
    key_id = uuid.uuid4()
    raw = AESGCM.generate_key(256)
    return DataKey.objects.create(
        id=key_id,
        production=production,
        master_key_id=ring.current,
        wrapped=_wrap(ring, ring.current, raw, _wrap_aad(key_id, production.pk)),
    )


def _data_key(*, production_id: Any = None, data_key_id: uuid.UUID | None = None) -> DataKey:
    query = DataKey.objects.all()
    row = (
        query.filter(id=data_key_id).first()
        if data_key_id is not None
        else query.filter(production_id=production_id).first()
    )
    if row is None:
        raise CryptoError("no data key exists for this production")
    return row


def _raw_key(row: DataKey) -> bytes:
    if row.destroyed_at is not None or not row.wrapped:
        raise KeyDestroyed("this production's data key was destroyed")
    now = time.monotonic()
    with _keys_lock:
        cached = _key_cache.get(row.id)
        if cached and cached[0] > now:
            return cached[1]
    raw = _unwrap(
        _ring(), row.master_key_id, bytes(row.wrapped), _wrap_aad(row.id, row.production_id)
    )
    with _keys_lock:
        _key_cache[row.id] = (now + _CACHE_SECONDS, raw)
    return raw


# --- sealed values -----------------------------------------------------------------------


class Sealed:
    """A ciphertext as stored. Renders as "[encrypted]"; unseal it through a selector."""

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        if not token.startswith(PREFIX + "."):
            raise TamperedValue("not a sealed value")
        self.token = token

    def __str__(self) -> str:
        return "[encrypted]"

    def __repr__(self) -> str:
        return "Sealed([encrypted])"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)


class SealedField(models.TextField):  # type: ignore[type-arg]
    """A column holding a sealed value. Plain strings are refused on save."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Sealed | None:
        return None if value is None else Sealed(value)

    def to_python(self, value: Any) -> Sealed | None:
        if value is None or isinstance(value, Sealed):
            return value
        return Sealed(str(value))

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Sealed):
            raise TypeError(
                f"{self.model.__name__}.{self.name} only stores sealed values; "
                "use closedset.core.crypto.seal()"
            )
        return value.token

    def value_to_string(self, obj: models.Model) -> str:
        return "[encrypted]"


def _aad(instance: models.Model, field_name: str) -> bytes:
    field = instance._meta.get_field(field_name)
    column = getattr(field, "column", field_name)
    return f"closedset|{instance._meta.db_table}|{column}|{instance.pk}".encode()


def _production_id(instance: models.Model) -> Any:
    production_id = getattr(instance, "production_id", None)
    if production_id is None:
        raise CryptoError(f"{type(instance).__name__} has no production to key its secrets")
    return production_id


def seal(instance: models.Model, field_name: str, value: Any) -> None:
    """Encrypt ``value`` (any JSON-serialisable value) into ``instance.<field_name>``.

    The instance must already have its primary key (use UUID keys) and a ``production_id``.
    """
    if instance.pk is None:
        raise CryptoError("seal() needs the row's primary key; give the model a UUID key")
    row = _data_key(production_id=_production_id(instance))
    raw = _raw_key(row)
    nonce = os.urandom(_NONCE)
    plaintext = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    body = nonce + AESGCM(raw).encrypt(nonce, plaintext, _aad(instance, field_name))
    token = f"{PREFIX}.{row.id.hex}.{base64.urlsafe_b64encode(body).decode()}"
    setattr(instance, field_name, Sealed(token))


def unseal(instance: models.Model, field_name: str) -> Any:
    """Decrypt ``instance.<field_name>``. Callers (selectors) record the read in the audit log."""
    sealed = getattr(instance, field_name)
    if sealed is None:
        return None
    if not isinstance(sealed, Sealed):
        raise TamperedValue(f"{field_name} does not hold a sealed value")
    try:
        _, key_hex, b64 = sealed.token.split(".", 2)
        body = base64.urlsafe_b64decode(b64)
        row = _data_key(data_key_id=uuid.UUID(hex=key_hex))
    except (ValueError, CryptoError):
        raise TamperedValue(f"{field_name} holds a malformed ciphertext") from None
    if row.production_id != _production_id(instance):
        raise TamperedValue(f"{field_name} was sealed for another production")
    raw = _raw_key(row)
    try:
        plaintext = AESGCM(raw).decrypt(body[:_NONCE], body[_NONCE:], _aad(instance, field_name))
    except InvalidTag:
        raise TamperedValue(f"{field_name} does not belong to this row or was altered") from None
    return json.loads(plaintext)


# --- key lifecycle ------------------------------------------------------------------------


def destroy_data_key(production: Any) -> None:
    """Crypto-shred: destroy the production's data key for good."""
    updated = DataKey.objects.filter(production=production, destroyed_at__isnull=True).update(
        wrapped=b"", destroyed_at=datetime.now(tz=UTC)
    )
    if not updated:
        raise CryptoError("this production has no live data key")
    forget_cached_keys()


@dataclass(frozen=True)
class RotationResult:
    new_key_id: str
    retired_key_ids: tuple[str, ...]
    rewrapped: int
    retired_file: Path


def rotate_master_key(path: Path | None = None) -> RotationResult:
    """Re-wrap every live data key under a new master key and retire the old ones.

    Order matters so that no crash loses data: (1) the key file gains the new key while
    keeping the old ones; (2) all data keys are re-wrapped in one transaction; (3) the old
    keys move out of the key file into a retired-keys file the operator destroys once no
    backup needs them.
    """
    path = path or master_key_path()
    old = load_key_ring(path)
    new_id = secrets.token_hex(8)
    both = KeyRing(new_id, {**old.keys, new_id: AESGCM.generate_key(256)})
    _write_private(path, _dump_ring(both))
    forget_cached_keys()
    count = 0
    with transaction.atomic():
        for row in DataKey.objects.select_for_update().filter(destroyed_at__isnull=True):
            aad = _wrap_aad(row.id, row.production_id)
            raw = _unwrap(both, row.master_key_id, bytes(row.wrapped), aad)
            row.wrapped = _wrap(both, new_id, raw, aad)
            row.master_key_id = new_id
            row.rotated_at = datetime.now(tz=UTC)
            row.save(update_fields=["wrapped", "master_key_id", "rotated_at"])
            count += 1
        audit.record(
            AuditAction.KEYS_ROTATED,
            object_type="master_key",
            object_id=new_id,
            summary=f"{count} data keys re-wrapped; retired {', '.join(old.keys)}",
        )
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    retired_file = path.with_name(f"{path.name}.retired-{stamp}")
    retired = KeyRing(old.current, dict(old.keys))
    _write_private(retired_file, _dump_ring(retired))
    _write_private(path, _dump_ring(KeyRing(new_id, {new_id: both.keys[new_id]})))
    forget_cached_keys()
    return RotationResult(new_id, tuple(old.keys), count, retired_file)


# --- the installation's match key (keyed hashes of the people concerns name) ---------------


def match_key_path() -> Path:
    return Path(settings.MATCH_KEY_FILE)


def ensure_match_key(path: Path | None = None) -> bool:
    """Create the match key file (0600, beside the master key) if missing. True if created."""
    path = path or match_key_path()
    if path.exists():
        return False
    _write_private(
        path,
        json.dumps(
            {"format": "closedset-match-key-1", "key": base64.b64encode(os.urandom(32)).decode()}
        ),
    )
    return True


_match_lock = threading.Lock()
_match_cache: dict[Path, bytes] = {}


def _match_key() -> bytes:
    path = match_key_path()
    with _match_lock:
        cached = _match_cache.get(path)
        if cached is not None:
            return cached
        ensure_match_key(path)
        try:
            key = base64.b64decode(json.loads(path.read_text())["key"])
        except (ValueError, KeyError, TypeError) as exc:
            raise CryptoError(f"match key file {path} is unreadable: {exc}") from None
        if len(key) != 32:
            raise CryptoError("the match key is not 256 bits")
        _match_cache[path] = key
        return key


def keyed_hash(identifier: str) -> str:
    """HMAC-SHA256 of a normalised identifier under the installation's match key (hex)."""
    return hmac.new(_match_key(), identifier.encode(), hashlib.sha256).hexdigest()
