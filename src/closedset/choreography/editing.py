"""Edits of a beat list for the editor page: add, replace, duplicate, move, delete.

Pure list operations on the stored beats' JSON; the service validates and saves the result.
"""

from __future__ import annotations

import copy
from typing import Any

from closedset.core.errors import ServiceError

OPERATIONS = ("add", "update", "duplicate", "up", "down", "delete")
# "undo" is not a list edit: the service restores the previous version's beats.
UNDO = "undo"


def _index(beats: list[dict[str, Any]], beat_id: str) -> int:
    for i, beat in enumerate(beats):
        if beat.get("id") == beat_id:
            return i
    raise ServiceError("That beat is no longer there. Reload to see the latest.", field="beat")


def apply(
    beats: list[dict[str, Any]], op: str, beat_id: str = "", beat: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    result = copy.deepcopy(beats)
    if op == "add" and beat is not None:
        result.append(beat)
        return result
    if op not in OPERATIONS or op == "add":
        raise ServiceError("Unknown change to the beats.", field="op")
    i = _index(result, beat_id)
    if op == "update" and beat is not None:
        result[i] = {**beat, "id": beat_id}
    elif op == "duplicate":
        twin = {k: v for k, v in result[i].items() if k != "id"}
        result.insert(i + 1, twin)
    elif op == "up" and i > 0:
        result[i - 1], result[i] = result[i], result[i - 1]
    elif op == "down" and i < len(result) - 1:
        result[i + 1], result[i] = result[i], result[i + 1]
    elif op == "delete":
        del result[i]
    return result
