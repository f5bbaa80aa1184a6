"""Default deny: every route refuses anonymous requests unless it is on the allow-list."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from closedset.api import api
from closedset.urls import PUBLIC_API_OPERATIONS, PUBLIC_API_PATHS, PUBLIC_URL_NAMES


@dataclass(frozen=True)
class Route:
    name: str
    path: str
    callback: Any


_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
_SAMPLES = {"uuid": str(uuid.uuid4()), "int": "1", "str": "sample", "slug": "sample", "path": "x"}


def _sample_path(route: str) -> str:
    return _CONVERTER.sub(lambda m: _SAMPLES.get(m.group(1) or "str", "x"), route)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for item in patterns:
        if isinstance(item, URLResolver):
            ns = item.namespace or namespace
            if ns and namespace and item.namespace:
                ns = f"{namespace}:{item.namespace}"
            yield from _walk(item.url_patterns, prefix + str(item.pattern), ns)
        elif isinstance(item, URLPattern):
            name = f"{namespace}:{item.name}" if namespace and item.name else (item.name or "")
            yield Route(name, prefix + str(item.pattern), item.callback)


def _page_routes() -> list[Route]:
    return [r for r in _walk(get_resolver().url_patterns) if not r.path.startswith("api/")]


def _is_public(callback: Any) -> bool:
    view = getattr(callback, "view_class", None)
    dispatch = getattr(view, "dispatch", None) if view else None
    return getattr(callback, "login_required", True) is False or (
        dispatch is not None and getattr(dispatch, "login_required", True) is False
    )


def test_every_public_page_is_on_the_allow_list_and_every_listed_page_is_public() -> None:
    routes = _page_routes()
    public = {r.name for r in routes if _is_public(r.callback)}
    assert public - PUBLIC_URL_NAMES == set(), "public views missing from PUBLIC_URL_NAMES"
    named = {r.name for r in routes}
    assert named >= PUBLIC_URL_NAMES, "allow-list names that are no route"
    assert {n for n in PUBLIC_URL_NAMES if n in named} <= public | {"admin:login"}


PROTECTED_PAGES = [r for r in _page_routes() if r.name not in PUBLIC_URL_NAMES]


@pytest.mark.django_db
@pytest.mark.parametrize("route", PROTECTED_PAGES, ids=lambda r: r.name or r.path)
def test_an_anonymous_request_to_a_protected_page_is_sent_to_log_in(route: Route) -> None:
    path = "/" + _sample_path(route.path).replace("^", "").replace("$", "").replace("\\Z", "")
    for method in ("get", "post"):
        response = getattr(Client(), method)(path)
        assert response.status_code in {301, 302}, (method, path, response.status_code)
        assert "login" in response["Location"], (method, path, response["Location"])


def _api_operations() -> Iterator[tuple[str, str, Any]]:
    # The bound routers hold the operations as served, with the API's default auth applied.
    for bound in api._get_bound_routers():
        for route, path_view in bound.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield method, bound.prefix + route, operation


API_OPERATIONS = list(_api_operations())


def test_every_api_operation_needs_authentication_unless_allow_listed() -> None:
    assert API_OPERATIONS
    for method, route, operation in API_OPERATIONS:
        if operation.operation_id in PUBLIC_API_OPERATIONS:
            continue
        assert operation.auth_callbacks, f"{method} {route} answers without authentication"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "route", "operation"),
    API_OPERATIONS,
    ids=[f"{m} {r}" for m, r, _ in API_OPERATIONS],
)
def test_an_anonymous_api_request_gets_401_json(method: str, route: str, operation: Any) -> None:
    path = "/api/v1" + _CONVERTER.sub(lambda m: _SAMPLES.get(m.group(1) or "str", "x"), route)
    path = re.sub(r"\{(\w+)\}", str(uuid.uuid4()), path)
    response = Client().generic(method, path, data=b"{}", content_type="application/json")
    if operation.operation_id in PUBLIC_API_OPERATIONS:
        # Answered without a log-in: a result or a validation error, never 401 or a crash.
        assert response.status_code in {200, 400, 404, 422}, response.content
        return
    assert response.status_code == 401, (method, path, response.content)
    assert "detail" in response.json()


@pytest.mark.django_db
def test_the_openapi_schema_is_the_only_public_api_path() -> None:
    for path in PUBLIC_API_PATHS:
        assert Client().get(path).status_code == 200
