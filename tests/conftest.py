"""Test-wide environment: the project's Prefect settings, quiet logs, one Prefect server for the session.

Tests that run the real flow (in this process or as `eventline run` subprocesses) ask for the
`prefect_api` fixture. The server (eventline's own temporary server, on 127.0.0.1) is launched
as soon as collection shows such a test, so that its start-up overlaps the unit tests, and it is
stopped when the session ends. Prefect logs after pytest closes stdout: quiet logs.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from eventline.settings import PREFECT_HOME, configure_prefect  # noqa: E402

configure_prefect()

_SERVER = None


def pytest_collection_finish(session):
    global _SERVER
    if os.environ.get("PREFECT_API_URL") or not any("prefect_api" in getattr(item, "fixturenames", ())
                                                    for item in session.items):
        return
    from eventline.server import TemporaryServer

    _SERVER = TemporaryServer(PREFECT_HOME)
    # Prefect reads PREFECT_API_URL when it is first imported: no test module imports it at collection.
    os.environ["PREFECT_API_URL"] = _SERVER.start()


def pytest_sessionfinish(session, exitstatus):
    if _SERVER is not None:
        _SERVER.stop()


@pytest.fixture(scope="session")
def prefect_api():
    """The API URL of a running Prefect server (the session's, or the user's PREFECT_API_URL)."""
    if _SERVER is not None:
        _SERVER.wait_ready(float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")))
    return os.environ["PREFECT_API_URL"]


# Our own follow-up article, added before the second run: the trend then shows a change.
SECOND_RUN_ARTICLE = """---
title: "Foreign Minister Receives Counterpart from Mongolia"
date: '2024-04-11'
source_url: https://example.org/releases/kazakhstan-mongolia
---

On April 10, 2024, Minister of Foreign Affairs of Kazakhstan Murat Nurtleu held talks in Astana with
Minister of Foreign Affairs of Mongolia Battsetseg Batmunkh. Kazakhstan and Mongolia agreed to open a
direct flight between Astana and Ulaanbaatar.
"""


@pytest.fixture(scope="session")
def two_runs(tmp_path_factory, prefect_api):
    """The real flow run twice on the fixture articles (an article added before the second run):
    the folder holding raw/, curated/ and reports/, laid out like the project's data/ folder."""
    from eventline.settings import RunSettings
    from flows.pipeline import run_pipeline

    root = tmp_path_factory.mktemp("two_runs") / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "raw", root / "raw")
    settings = RunSettings(raw_dir=root / "raw", curated_dir=root / "curated", reports_dir=root / "reports",
                           workers=2, batch_size=2)
    run_pipeline(settings)
    (root / "raw" / "kazakhstan-mongolia.md").write_text(SECOND_RUN_ARTICLE, encoding="utf-8")
    run_pipeline(settings)
    return root
