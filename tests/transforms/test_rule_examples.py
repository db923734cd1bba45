"""Every trigger and cue of reference/ reads its own examples and leaves its counter-examples alone.

The examples live beside their rules (reference/events/triggers.yaml, headline.yaml,
reference/commitments/cues.yaml: `examples:` and `not:`); this one parametrized test runs each
through the whole extraction of an article (as duckling runs its Corpus.hs) and checks what
the rule read: the event's type, countries and status, or the commitment's modality, parties
and action.
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import extract_article
from transforms.reference import load

PUBLISHED = dt.date(2024, 3, 14)


def _article(text: str, *, title: bool) -> dict:
    return {"article_id": "art_example", "source_path": "examples/example.txt", "url": None,
            "title": text if title else None, "published_date": PUBLISHED, "published_date_source": "metadata",
            "text": text}


def _cases():
    cases = []
    for file, rules, title in (("events/triggers.yaml", load("events/triggers.yaml").triggers, False),
                               ("events/headline.yaml", load("events/headline.yaml").triggers, True),
                               ("commitments/cues.yaml", load("commitments/cues.yaml").cues, False)):
        for rule in rules:
            for i, example in enumerate(rule.examples):
                cases.append(pytest.param(file, rule, example, title, id=f"{rule.name}-example{i}"))
            for i, sentence in enumerate(rule.not_):
                cases.append(pytest.param(file, rule, sentence, title, id=f"{rule.name}-not{i}"))
    return cases


@pytest.mark.parametrize("file,rule,example,title", _cases())
def test_rule_reads_its_examples_and_leaves_its_counter_examples(file, rule, example, title):
    text = example if isinstance(example, str) else example.text
    events, commitments = extract_article(_article(text, title=title))
    found = [m for m in (commitments if file.startswith("commitments") else events) if m.rule == rule.name]
    if isinstance(example, str):
        assert not found, f"{file} {rule.name} must leave {text!r} alone, but read {found[0]}"
        return
    assert found, f"{file} {rule.name} does not read its example {text!r}"
    got = found[0]
    if file.startswith("commitments"):
        assert got.modality == (example.modality or rule.modality)
        if example.parties is not None:
            assert sorted(got.parties) == sorted(example.parties)
        if example.action is not None:
            assert got.action == example.action
    else:
        assert got.event_type == (example.type or rule.type)
        if example.countries is not None:
            assert sorted(got.countries) == sorted(example.countries)
        if example.status is not None:
            assert got.status == example.status


def test_every_trigger_and_cue_has_an_example():
    for rules in (load("events/triggers.yaml").triggers, load("events/headline.yaml").triggers,
                  load("commitments/cues.yaml").cues):
        assert all(rule.examples for rule in rules), [r.name for r in rules if not r.examples]
