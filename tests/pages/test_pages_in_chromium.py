"""The pages as a person sees them: headless Chromium with the network off, a screenshot, the text shown.

Each test saves its screenshot (and checks it is not blank); set EVENTLINE_SCREENSHOTS=DIR
to keep copies for a look.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from flows.quality import validate_tables
from tests.browser import Browser, chromium_path, png_colours
from tests.flows.test_quality import _tables


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        pytest.fail("Debian's chromium is needed for the page tests: apt-get install -y chromium")
    with Browser(width=1280, height=900) as b:
        yield b


def _screenshot(browser, tmp_path: Path, name: str) -> Path:
    shot = browser.screenshot(tmp_path / f"{name}.png", full_page=True)
    assert png_colours(shot) > 10, f"{name}: the screenshot is blank"
    if os.environ.get("EVENTLINE_SCREENSHOTS"):
        shutil.copy(shot, Path(os.environ["EVENTLINE_SCREENSHOTS"]) / shot.name)
    return shot


def _nothing_from_outside(browser):
    outside = [u for u in browser.requests if not u.startswith(("file:", "data:", "about:"))]
    assert outside == [], outside


def test_summary_page_shows_verdict_trend_and_events_per_month(browser, two_runs, tmp_path):
    browser.open(two_runs / "reports" / "summary.html")
    _screenshot(browser, tmp_path, "summary")
    text = browser.text()
    verdict = re.search(r"(BLOCKING FAILURES|PASSED WITH WARNINGS|PASSED)\n", text)
    assert verdict and text.index(verdict.group(0)) < text.index("Needs attention") < text.index("Trend over")
    assert "Trend over the last 2 runs" in text and "Events per month" in text
    assert text.index("Trend over") < text.index("Events per month") < text.index("Data Docs and earlier runs")
    charts = browser.evaluate("[...document.querySelectorAll('svg')].map(s => s.getAttribute('aria-label'))")
    assert charts == ["Rows per table", "Quarantined rows", "Share of dated events", "Expectations failed",
                      "Events per month (by start date)"]
    # Both runs are points on the trend, and the charts are drawn at a visible size.
    assert browser.evaluate("document.querySelectorAll('svg[aria-label=\"Quarantined rows\"] circle').length") == 2
    assert browser.evaluate("document.querySelector('svg').getBoundingClientRect().width") > 200
    bars = browser.evaluate("[...document.querySelectorAll('svg[aria-label^=\"Events per month\"] rect title')]"
                            ".map(t => t.textContent)")
    assert "2024-03: 2" in bars and "2024-04: 1" in bars  # this fixture's events, by month
    assert "not UTF-8" in text and "What to do" in text  # the quarantined broken.txt, with advice
    _nothing_from_outside(browser)


def test_summary_page_puts_the_failure_first(browser, tmp_path):
    from flows.report import build_report
    from flows.summary_page import render_summary_html
    from tests.flows.test_report import EVENTS, HISTORY, QUARANTINE, RUN, _outcome

    page = tmp_path / "failing.html"
    page.write_text(render_summary_html(build_report(RUN, _outcome(False), QUARANTINE, {"events": 5}, EVENTS,
                                                     HISTORY)))
    browser.open(page)
    _screenshot(browser, tmp_path, "summary-failing")
    text = browser.text()
    assert text.index("BLOCKING FAILURES") < text.index("events.x") < text.index("events.w")
    assert "Threshold: at least 90% of rows" in text and "They met." in text


def test_timeline_page_shows_events_and_click_shows_evidence(browser, two_runs, tmp_path):
    from eventline.timeline import TimelineFilter, load_timeline
    from eventline.timeline_page import render_timeline_html

    page = tmp_path / "timeline.html"
    entries = load_timeline(two_runs / "curated", TimelineFilter(country="KAZ"))
    page.write_text(render_timeline_html(entries, TimelineFilter(country="KAZ")))
    browser.open(page)
    text = browser.text()
    assert "talks · Ulaanbaatar · 2024-03-04" in text and "talks · Astana · 2024-04-10" in text
    assert "KAZ – MNG" in text
    assert "Click an event" in text
    browser.click(".ev[data-id='1']")
    _screenshot(browser, tmp_path, "timeline")
    details = browser.evaluate("document.getElementById('details').innerText")
    assert details.startswith("2024-04-10 · talks · Astana")
    assert "Murat Nurtleu" in details and "Battsetseg Batmunkh" in details
    assert "direct flight between Astana and Ulaanbaatar" in details  # the commitment made there
    assert entries[1]["evidence"] in details
    link = browser.evaluate("document.querySelector('#details a').href")
    assert link == "https://example.org/releases/kazakhstan-mongolia"  # followed only on a click
    _nothing_from_outside(browser)


@pytest.fixture(scope="module")
def data_docs(tmp_path_factory):
    docs = tmp_path_factory.mktemp("reports") / "docs"
    validate_tables(_tables(), docs, "run_failing")
    return docs


def test_data_docs_are_styled_and_the_filter_works_offline(browser, data_docs, tmp_path):
    page = next(data_docs.glob("validations/eventline/events/run_failing/*/*eventline.events.html"))
    browser.open(page, settle=1.0)
    _nothing_from_outside(browser)
    # Bootstrap's styles and Font Awesome's icons are applied: the primary button is blue, icons have a font.
    assert browser.evaluate("getComputedStyle(document.querySelector('.btn-primary:not(.active)')).backgroundColor") \
        == "rgb(0, 123, 255)"
    assert "Font Awesome" in browser.evaluate("getComputedStyle(document.querySelector('.fas, .fa')).fontFamily")
    assert browser.evaluate("document.fonts.ready.then(() => [...document.fonts].some("
                            "f => f.family.includes('Font Awesome') && f.status === 'loaded'))")
    visible = "[...document.querySelectorAll('td')].filter(td => td.offsetParent !== null).map(td => td.innerText)" \
              ".join('\\n')"
    before = browser.evaluate(visible)
    assert "end_date is on or after start_date" not in before  # GX's words for a real-column pair check
    assert "Values in end_date must always be greater than or equal to those in start_date" in before
    assert "every item of countries is an ISO 3166-1 alpha-3 code" in before  # a passing derived check
    browser.click("label.btn:nth-of-type(2)", settle=1.5)  # "Failed Only"
    _screenshot(browser, tmp_path, "datadocs-failed-only")
    after = browser.evaluate(visible)
    assert "every item of countries is an ISO 3166-1 alpha-3 code" not in after
    assert "the event names at least one country" in after  # the failing warning stays


def test_data_docs_index_lists_runs_offline(browser, data_docs, tmp_path):
    browser.open(data_docs / "index.html", settle=1.0)
    _screenshot(browser, tmp_path, "datadocs-index")
    assert "run_failing" in browser.text()
    _nothing_from_outside(browser)
