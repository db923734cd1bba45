"""Plain (Prefect-free) steps of a run that the flow's tasks wrap: each stage's guards live here."""

from __future__ import annotations

import logging
from pathlib import Path

from flows.budget import OverBudget, time_budget
from flows.io import FatalRunError
from flows.store import CuratedStore
from transforms.extract import ArticleBatch, extract_articles

log = logging.getLogger(__name__)


def extract_batch(articles: list[dict], seconds: float) -> ArticleBatch:
    """Mentions of a batch of articles, each within its time budget: one past it is kept without them."""
    batch = ArticleBatch()
    for article in articles:
        try:
            with time_budget(seconds):
                one = extract_articles([article])
        except OverBudget:
            one = ArticleBatch(published={article["article_id"]: article.get("published_date")},
                               record_keys={article["article_id"]: str(article.get("record_key") or "")})
            one.quarantine.append({
                "stage": "extract", "source_path": article.get("source_path"),
                "record_key": article.get("record_key") or article["article_id"],
                "reason": f"extraction took more than {seconds:g} s (--article-seconds): the article is kept "
                          "without events or commitments; split it, or raise the limit",
                "payload": "{}"})
        batch.events += one.events
        batch.commitments += one.commitments
        batch.quarantine += one.quarantine
        batch.published.update(one.published)
        batch.record_keys.update(one.record_keys)
    return batch


def guard_something_read(store: CuratedStore, raw_dir: Path, articles: list, entries: int,
                         quarantine: list[dict], run_id: str) -> None:
    """A run that read no article must not replace tables that hold some: keep them, and say why.

    The run's quarantine rows are kept (they tell why nothing could be read); FatalRunError ends the run.
    """
    previous = store.read_table("articles")
    if articles or previous is None or previous.num_rows == 0:
        return
    store.write_history("quarantine", run_id, quarantine)
    reasons = sorted({q["reason"].split(":")[0] for q in quarantine})[:3]
    raise FatalRunError(f"read no article from {raw_dir} ({entries} {'entry' if entries == 1 else 'entries'} found"
                        + (f"; quarantined: {'; '.join(reasons)}" if reasons else "")
                        + f"): the {previous.num_rows} curated articles are kept; check --raw, or see "
                          f"the quarantine rows of run {run_id}")
