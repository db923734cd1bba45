"""warm_up: a fresh process loads the rules and reference data before its first article, and results do not change."""

import subprocess
import sys
from pathlib import Path

from transforms.extract import extract_articles, warm_up

ROOT = Path(__file__).resolve().parents[2]


def test_warm_up_loads_the_rules_in_a_fresh_process():
    script = ("from transforms.extract import lexicon, warm_up; from transforms.names import gazetteer; warm_up(); "
              "print([f.cache_info().currsize for f in (lexicon.event_rules, lexicon.commitment_rules, "
              "lexicon.key_words, gazetteer.default_gazetteer)])")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[1, 1, 1, 1]"


def test_warm_up_changes_no_result():
    article = {"article_id": "a1", "source_path": "a.txt", "record_key": "0", "title": "Talks in Rome",
               "text": "Talks in Rome\n\nROME, 2 March 2023 - Prime Minister of Italy Giorgia Meloni met President "
                       "of France Emmanuel Macron in Rome on Thursday. The two leaders agreed to hold a summit in 2024.\n",
               "published_date": None, "published_date_source": "unknown"}
    before = extract_articles([dict(article)])
    warm_up()
    after = extract_articles([dict(article)])
    assert before.events and after.events == before.events and after.commitments == before.commitments
