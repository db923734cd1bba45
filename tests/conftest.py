"""Test-wide environment: the project's Prefect settings, quiet logs (Prefect logs after pytest closes stdout)."""

import os

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from eventline.settings import configure_prefect  # noqa: E402

configure_prefect()


import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

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
def two_runs(tmp_path_factory):
    """The real flow run twice on the fixture articles (an article added before the second run):
    the folder holding raw/, curated/ and reports/, laid out like the project's data/ folder."""
    from flows.pipeline import run_pipeline
    from eventline.settings import RunSettings

    root = tmp_path_factory.mktemp("two_runs") / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "raw", root / "raw")
    settings = RunSettings(raw_dir=root / "raw", curated_dir=root / "curated", reports_dir=root / "reports",
                           workers=2, batch_size=2)
    run_pipeline(settings)
    (root / "raw" / "kazakhstan-mongolia.md").write_text(SECOND_RUN_ARTICLE, encoding="utf-8")
    run_pipeline(settings)
    return root
