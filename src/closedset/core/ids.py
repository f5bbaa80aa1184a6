"""Public identifiers are UUIDs; anything else is simply not found."""

from __future__ import annotations

import uuid
from typing import Any

from closedset.core.errors import NotFound


def parse_uuid(value: Any) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError):
        raise NotFound() from None
