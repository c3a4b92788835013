"""The browser app in real Chromium (Debian's, driven by Playwright), as a new user meets it.

One server, started with ``veerkracht app``. The test fails (does
not skip) when Chromium is missing: .ci/install_browser installs it. Screenshots
of both pages go to test-output/app/ (gitignored).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-output" / "app"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SECOND = 1000  # Playwright timeouts are in milliseconds


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is not installed; run 'bash .ci/install_browser' (Debian: chromium)")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = open(SHOTS.parent / "app-server.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "app", "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(240):
            if proc.poll() is not None:
                pytest.fail(f"veerkracht app stopped with code {proc.returncode}; see {log.name}")
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the app server did not answer within two minutes")
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    path = chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        # tall viewport: the app scrolls inside its own container, so screenshots take the view
        tab = browser.new_page(viewport={"width": 1400, "height": 2400})
        tab.goto(server)
        tab.locator(".month-label").wait_for(timeout=90 * SECOND)
        yield tab
        browser.close()


def month(page) -> str:
    return page.locator(".month-label").inner_text()


def assert_no_error(page) -> None:
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "Error:" not in body


def explore_explains_itself_in_dutch_then_english_and_plays(page) -> None:
    # a new user sees what the page is, what the colours mean, and that the data are illustrative
    assert month(page) == "2021-06"
    page.get_by_text("Wat ziet u?").first.wait_for(timeout=10 * SECOND)
    page.locator(".illustrative").get_by_text("Illustratieve gegevens").wait_for()
    page.get_by_text("De kaart:").first.wait_for()
    page.locator(".lang-toggle button", has_text="en").click()
    page.get_by_text("What am I looking at?").first.wait_for(timeout=10 * SECOND)
    page.locator(".illustrative").get_by_text("Illustrative data.").wait_for()

    # change a control: switch an intervention on; the budget meter follows
    page.get_by_label("Meeting place and community activities").check()
    # one meeting place per focus buurt: two programmes
    page.get_by_text("EUR 208,000").first.wait_for(timeout=10 * SECOND)
    before = page.locator(".now-table").inner_text()
    charts_before = page.locator(".charts").inner_html()

    page.locator(".step-button").click()
    page.wait_for_function(
        "document.querySelector('.month-label').innerText == '2021-07'", timeout=30 * SECOND
    )
    page.locator(".play-button").click()
    page.wait_for_function(
        "document.querySelector('.month-label').innerText >= '2021-12'", timeout=60 * SECOND
    )
    page.locator(".play-button").click()  # pause
    assert page.locator(".now-table").inner_text() != before
    assert page.locator(".charts").inner_html() != charts_before
    assert_no_error(page)

    # inspect a household through the agents
    page.locator(".pick-button").click()
    page.get_by_text("Members").wait_for(timeout=10 * SECOND)

    # a bad value typed into an input gets a visible message, not a crash
    seed = page.get_by_label("Seed (random number)")
    seed.fill("not a number")
    seed.press("Enter")
    page.locator(".reset-button").click()
    page.locator(".input-error").get_by_text("Invalid input").wait_for(timeout=10 * SECOND)
    assert "Traceback" not in page.locator("body").inner_text()
    page.screenshot(path=str(SHOTS / "explore.png"))


def compare_runs_in_the_background_and_shows_the_difference_table(page) -> None:
    page.locator(".nav-compare").click()
    reps = page.get_by_label("Replicates (10 to 100)")
    reps.fill("5")  # too few: a message, nothing runs
    reps.press("Enter")
    page.locator(".compare-button").click()
    page.locator(".input-error").get_by_text("Invalid input").wait_for(timeout=10 * SECOND)
    reps.fill("10")
    reps.press("Enter")
    years = page.get_by_label("Years after the programme start (1 to 10)")
    years.fill("2")  # lean: 10 paired replicates to two years after the January 2024 start
    years.press("Enter")
    page.locator(".compare-button").click()
    page.locator(".compare-progress").wait_for(timeout=20 * SECOND)
    # the page stays live while the runs go on: switching language still works
    page.locator(".lang-toggle button", has_text="nl").click()
    page.get_by_text("Vergelijken:").wait_for(timeout=10 * SECOND)
    page.locator(".lang-toggle button", has_text="en").click()
    page.locator(".diff-people").wait_for(timeout=240 * SECOND)
    table = page.locator(".diff-people").inner_text()
    assert "after 2 years" in table and "Mean resilience" in table
    assert "beyond the run" in table  # 5 and 10 years are past a 2-year run
    # the three views, people and city first; a focus-only run has no tweedeling
    assert page.locator(".diff-table").count() == 3
    body = page.locator("body").inner_text()
    assert body.index("the residents of 2024, followed") < body.index("for Nazareth and Pottenberg")
    page.locator(".no-tweedeling").wait_for()
    assert_no_error(page)
    page.screenshot(path=str(SHOTS / "compare.png"))


def test_explore_then_compare_in_chromium(page):
    """One test, so that pytest-xdist keeps it on one worker with one server."""
    explore_explains_itself_in_dutch_then_english_and_plays(page)
    compare_runs_in_the_background_and_shows_the_difference_table(page)
