from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from closedset import __version__


def site(request: HttpRequest) -> dict[str, Any]:
    return {"closedset_version": __version__}
