"""One headless Chromium for the whole run (Debian's, never a downloaded one), a page per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last: once Playwright starts, its event loop stays in this
    thread until the end of the run, and no other test should run next to it."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing; install Debian's chromium (make browser-deps)."
    if os.environ.get("CI") == "true":
        pytest.fail(message + " CI must run the browser tests.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_chromium()
    # Playwright's synchronous API runs an event loop in this thread; the test itself still
    # uses the ORM synchronously, which Django otherwise refuses next to a running loop.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only browser runs need it

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _page(browser: Any, **context_options: Any) -> Iterator[Any]:
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A desktop-sized page in a fresh context (no cookies from other tests)."""
    yield from _page(browser, viewport=DESKTOP)


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    """A touch phone, 360 by 740 CSS pixels."""
    yield from _page(browser, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
