"""Debian's chromium, headless, driven by Playwright: the browser tests' one harness.

Playwright's Python package brings its driver only; it never downloads a browser here (no
`playwright install`): it launches /usr/bin/chromium, which the set-up installs from Debian.

    def test_page(browser):
        page, problems = open_file(browser, path)
        ...
        assert problems == []
"""

import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",  # tests run as root
    "--disable-gpu",  # no GPU here; WebGL falls back to SwiftShader
    "--no-first-run",
    "--disable-background-networking",  # no update checks, no component downloads:
    "--disable-component-update",  # a request the page never made is not the page's problem
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


def launch():
    """(playwright, context): chromium with a fresh profile, 1280x720."""
    if shutil.which("chromium") is None:
        pytest.fail("the browser tests need Debian's chromium: apt-get install -y chromium "
                    "(./dev setup installs it)")  # fmt: skip
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, headless=True, args=ARGS,
        viewport={"width": 1280, "height": 720},
    )  # fmt: skip
    return playwright, context


def watch(page):
    """The list every failed request, HTTP error, console error and page error is added to."""
    problems = []

    def failed(request):
        # A <video> of a few MB drops its first request once it switches to range requests
        # and logs net::ERR_ABORTED; it plays on. A missing file fails otherwise.
        if request.resource_type == "media" and request.failure == "net::ERR_ABORTED":
            return
        problems.append(f"failed: {request.url} {request.failure} ({request.resource_type})")

    page.on("requestfailed", failed)
    page.on("response", lambda r: r.status >= 400 and problems.append(f"http {r.status}: {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    return problems


def open_file(context, path: Path):
    """(page, problems) with `path` loaded from file:// and every problem watched from the start."""
    page = context.new_page()
    problems = watch(page)
    page.goto(Path(path).resolve().as_uri())
    return page, problems
