"""URL coverage: every route must be exercised by a logged-in request that is allowed and by
one that is denied (403 or 404), so no page or API operation goes without an access test.

Anonymous requests do not count: ``tests/test_urls.py`` already sends one to every route.
Responses are recorded from Django's test client in every worker; the controller adds them
up and, at the end of a whole-suite run with ``CLOSEDSET_URL_COVERAGE=1`` (``make test``
sets it), fails the run naming each route that never saw both. A run of some tests only is
not judged. The report is written to ``.url-coverage.json`` either way.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

ALLOWED, DENIED = "allowed", "denied"
REPORT = Path(".url-coverage.json")
# Routes that are not ours to test this way: Django's admin, and public routes, which have
# no "denied" (they are checked by tests/test_urls.py instead).
IGNORED_PREFIXES = ("admin/",)
# Routes that serve people who are not logged in (their own tests cover who may use them):
# the API's index, the health check, reporting a concern and following it with a receipt.
# Logging out leaves no one logged in to count (tests/accounts covers it).
NOT_FOR_MEMBERS = frozenset(
    {
        "api/v1/",
        "api/v1/health",
        "api/v1/report/<token>",
        "api/v1/report/receipt",
        "account/logout/",
    }
)

# Routes any logged-in person may use for themselves: there is no one to deny.
EVERYONE = frozenset(
    {
        "",  # the dashboard
        "productions/new/",
        "account/code/",
        "account/confirm/",
        "account/password/",
        "account/security/",
        "account/security/two-factor/off/",
        "api/v1/me",
        "api/v1/productions",
        "api/v1/vocabulary",
    }
)

_seen: dict[str, set[str]] = defaultdict(set)
_FAILED = pytest.StashKey[dict[str, list[str]]]()


def _route_key(response: Any) -> str | None:
    match = getattr(response, "resolver_match", None)
    if match is None or match.route is None:
        return None
    return str(match.route)


def _record(response: Any) -> None:
    request = getattr(response, "wsgi_request", None)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    try:
        key = _route_key(response)
    except Exception:
        return
    if key is None:
        return
    status = response.status_code
    location = response.get("Location", "") if 300 <= status < 400 else ""
    if status in {403, 404}:
        _seen[key].add(DENIED)
    elif status < 400 and "/account/login" not in location and "/account/confirm" not in location:
        _seen[key].add(ALLOWED)


def pytest_configure(config: pytest.Config) -> None:
    from django.test import Client  # noqa: PLC0415 - Django is set up by pytest-django first

    original = Client.request

    def request(self: Any, **environ: Any) -> Any:
        response = original(self, **environ)
        _record(response)
        return response

    Client.request = request  # type: ignore[method-assign]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    output = getattr(config, "workeroutput", None)
    if output is not None:  # an xdist worker: hand the record to the controller
        output["url_coverage"] = {key: sorted(kinds) for key, kinds in _seen.items()}
        return
    if not _seen:
        return
    missing = _missing()
    REPORT.write_text(json.dumps({"missing": missing}, indent=1, sort_keys=True) + "\n")
    option = config.option
    whole_suite = not (option.file_or_dir or option.keyword or option.markexpr)
    if os.environ.get("CLOSEDSET_URL_COVERAGE") == "1" and whole_suite and missing:
        config.stash[_FAILED] = missing
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)  # an xdist hook: unknown when xdist is off
def pytest_testnodedown(node: Any, error: Any) -> None:
    for key, kinds in node.workeroutput.get("url_coverage", {}).items():
        _seen[key].update(kinds)


def all_routes() -> list[str]:
    """Every route pattern of the site that must be covered (pages and API operations)."""
    from django.urls import URLPattern, URLResolver, get_resolver  # noqa: PLC0415

    from closedset.urls import PUBLIC_API_PATHS, PUBLIC_URL_NAMES  # noqa: PLC0415

    public_paths = {p.removeprefix("/") for p in PUBLIC_API_PATHS}
    routes: list[str] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for item in patterns:
            if isinstance(item, URLResolver):
                ns = (
                    f"{namespace}:{item.namespace}"
                    if namespace and item.namespace
                    else (item.namespace or namespace)
                )
                walk(item.url_patterns, prefix + str(item.pattern), ns)
            elif isinstance(item, URLPattern):
                name = f"{namespace}:{item.name}" if namespace and item.name else item.name
                route = prefix + str(item.pattern)
                if name in PUBLIC_URL_NAMES or route.startswith(IGNORED_PREFIXES):
                    continue
                if route in public_paths or route.startswith("static/"):
                    continue
                routes.append(route)

    walk(get_resolver().url_patterns, "", "")
    return sorted(set(routes))


def _missing() -> dict[str, list[str]]:
    missing: dict[str, list[str]] = {}
    for route in all_routes():
        if route in NOT_FOR_MEMBERS:
            continue
        wanted = (ALLOWED,) if route in EVERYONE else (ALLOWED, DENIED)
        lacking = [kind for kind in wanted if kind not in _seen.get(route, set())]
        if lacking:
            missing[route] = lacking
    return missing


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    missing = config.stash.get(_FAILED, None)
    if not missing:
        return
    terminalreporter.section("URL coverage", sep="=", red=True)
    for route, lacking in missing.items():
        terminalreporter.write_line(f"{route}: never {' or '.join(lacking)}")
    terminalreporter.write_line(
        f"{len(missing)} routes lack an allowed or a denied logged-in request in the tests."
    )
