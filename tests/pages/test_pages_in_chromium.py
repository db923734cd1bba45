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


def test_timeline_page_of_a_dev_sized_timeline_is_usable(browser, tmp_path):
    """1,250 events in ~150 lanes, a 1942 anniversary and a 2030 target: the axis covers 2021-2025, no label
    overlaps another or leaves the drawing, the axis stays in view, a click shows details in view, and the
    find box highlights what matches."""
    from eventline.timeline_page import render_timeline_html
    from tests.eventline.timeline_entries import many

    entries = many()
    page = tmp_path / "big.html"
    page.write_text(render_timeline_html(entries))
    browser.open(page, settle=1.0)
    _screenshot(browser, tmp_path, "timeline-big")
    ticks = browser.evaluate("[...document.querySelectorAll('.axis .tick')].map(t => t.textContent)")
    assert ticks[1:] == ["2021", "2022", "2023", "2024", "2025", "2026"], ticks
    text = browser.text()
    assert "1 event before" in text and "1 event after" in text and "undated" in text
    # Labels: inside the drawing, right of the lane names, none over another.
    overlaps = browser.evaluate("""(() => {
        const svg = document.querySelector('svg.chart').getBoundingClientRect();
        const boxes = [...document.querySelectorAll('svg.chart .ev text')].map(t => t.getBoundingClientRect());
        let outside = 0, overlapping = 0;
        boxes.forEach((a, i) => {
            if (a.left < svg.left + 150 || a.right > svg.right) outside++;
            for (let j = i + 1; j < boxes.length; j++) { const b = boxes[j];
                if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
                    overlapping++; }
        });
        return [boxes.length, outside, overlapping];
    })()""")
    assert overlaps[0] > 300 and overlaps[1:] == [0, 0], overlaps
    height = browser.evaluate("document.documentElement.scrollHeight")
    assert height < 12000, height  # lanes of marks, not one row per event
    # Halfway down, the axis is still at the top and a click opens the details in view.
    browser.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    assert browser.evaluate("document.querySelector('.axis').getBoundingClientRect().top") == 0
    mark = browser.evaluate("""(() => { const g = [...document.querySelectorAll('svg.chart .ev')].find(g => {
        const r = g.getBoundingClientRect(); return r.top > 100 && r.bottom < innerHeight * 0.5; });
        return g.dataset.id; })()""")
    browser.click(f".ev[data-id='{mark}']")
    panel = browser.evaluate("(() => { const r = document.getElementById('details').getBoundingClientRect();"
                             " return [r.top, r.bottom, innerHeight]; })()")
    assert panel[0] > panel[2] * 0.4 and panel[1] <= panel[2]
    details = browser.evaluate("document.getElementById('details').innerText")
    clicked = entries[int(mark)]
    assert clicked["evidence"] in details and clicked["participants"][0]["name"] in details
    browser.evaluate("const f = document.getElementById('find'); f.value = 'antony BLINKEN';"
                     " f.dispatchEvent(new Event('input')); 1")
    blinken = sum("Antony Blinken" in [p["name"] for p in e["participants"]] for e in entries)
    assert browser.evaluate("document.getElementById('found').textContent") == \
        f"{blinken} of {len(entries)} events match"
    lit = browser.evaluate("document.querySelectorAll('svg.chart .ev:not(.dim)').length")
    assert 0 < lit <= blinken
    _nothing_from_outside(browser)


def test_hostile_text_is_shown_as_text_in_the_timeline_page(browser, tmp_path):
    import datetime as dt

    from eventline.timeline_page import render_timeline_html
    from tests.eventline.timeline_entries import HOSTILE, entry

    entries = [entry(0, dt.date(2024, 3, 4), evidence=HOSTILE, title=HOSTILE, location=HOSTILE, people=[HOSTILE],
                     commitment=HOSTILE, url="javascript:window.__pwned=1"),
               entry(1, None, evidence=HOSTILE, url="https://example.org/a?b=\"><script>window.__pwned=1</script>")]
    page = tmp_path / "hostile.html"
    page.write_text(render_timeline_html(entries))
    browser.open(page)
    browser.click(".ev[data-id='0']")
    details = browser.evaluate("document.getElementById('details').innerText")
    assert details.count("<img src=x onerror=") == 5  # heading, participant, commitment, evidence, article title
    assert "<img src=x onerror=" in browser.evaluate("document.querySelector('svg.chart .ev title').textContent")
    assert browser.evaluate("document.querySelector('#details a')") is None  # javascript: is no link
    browser.click("details.aside summary")
    browser.click("button[data-id='1']")
    assert browser.evaluate("document.querySelector('#details a').href").startswith("https://example.org/a?b=")
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img, script:not([id]):not([type])').length") <= 1
    _nothing_from_outside(browser)


def test_hostile_text_is_shown_as_text_in_the_summary_page(browser, tmp_path):
    from flows.report import build_report, stamp_quarantine
    from flows.summary_page import render_summary_html
    from tests.eventline.timeline_entries import HOSTILE
    from tests.flows.test_report import EVENTS, HISTORY, RUN, _outcome

    outcome = _outcome(False)
    for r in outcome.results["events"]:
        r.examples = [{"record_key": HOSTILE, "source_path": HOSTILE, "evidence": HOSTILE, "value": HOSTILE}]
    quarantine = stamp_quarantine([{"stage": "ingest", "source_path": HOSTILE, "record_key": HOSTILE,
                                    "reason": f"bad: {HOSTILE}", "payload": HOSTILE}], "run_1")
    page = tmp_path / "summary-hostile.html"
    page.write_text(render_summary_html(build_report(RUN, outcome, quarantine, {"events": 5}, EVENTS, HISTORY)))
    browser.open(page)
    browser.evaluate("document.querySelectorAll('details').forEach(d => d.open = true); 1")
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img, script').length") == 0
    assert browser.text().count("<img src=x onerror=") >= 5


def test_chart_labels_are_not_cut_at_the_edges(browser, tmp_path):
    """Five years of months: every label under the bars, the last one included, is drawn whole."""
    from flows.svg_charts import bar_chart, line_chart
    from flows.summary_page import _CSS

    months = [f"{2021 + m // 12}-{m % 12 + 1:02d}" for m in range(59)]
    page = tmp_path / "charts.html"
    page.write_text(f"<!DOCTYPE html><html><head><style>{_CSS}</style></head><body>"
                    f"{bar_chart('Events per month', [(m, i % 7) for i, m in enumerate(months)])}"
                    f"{line_chart('Runs', ['2026-12-06 18:24:05', '2026-12-06 18:24:59'], {'n': [1, 2]})}"
                    "</body></html>")
    browser.open(page)
    cut = browser.evaluate("""[...document.querySelectorAll('svg')].flatMap(svg => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()])
            .filter(([_, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5).map(([s]) => s); })""")
    assert cut == []
    labels = browser.evaluate("[...document.querySelectorAll('svg')[0].querySelectorAll('.tick')].map(t => t.textContent)")
    assert labels[-1] == "2025-11" and len(labels) >= 8
