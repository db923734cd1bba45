"""Every trigger, cue and grammar key of reference/ reads its own examples and leaves its counter-examples alone.

The examples live beside their rules (reference/events/triggers.yaml, headline.yaml,
reference/commitments/cues.yaml: `examples:` and `not:`); this one parametrized test runs each
through the whole extraction of an article (as duckling runs its Corpus.hs) and checks what
the rule read: the event's type, countries and status, or the commitment's modality, parties
and action. The grammar keys beside the rules (bare patterns and word lists: `grammar_examples:`,
transforms/reference/grammar.py) are run the same way: the key must read (or leave) the sentence as the
extraction tries it, and where an example says what the whole extraction gives (`events`, `commitments`),
it must give that.
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import extract_article
from transforms.extract.topics import classify_topic
from transforms.reference import FILES, load
from transforms.reference.grammar import GrammarFile, evidenced_parts, reads

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
    return cases + _grammar_cases()


def _grammar_files() -> dict[str, GrammarFile]:
    files = {name: load(name) for name, spec in FILES.items() if hasattr(spec, "model")}
    return {name: data for name, data in files.items() if evidenced_parts(data)}


def _part(file: str, where: str) -> GrammarFile:
    return dict(evidenced_parts(load(file)))[where]


def _grammar_cases():
    cases = []
    for file, data in _grammar_files().items():
        for where, part in evidenced_parts(data):
            for key, case in part.grammar_examples.items():
                for kind, examples in (("example", case.examples), ("not", case.not_)):
                    cases.extend(pytest.param(file, where + key, (kind, example), False, id=f"{where}{key}-{kind}{i}")
                                 for i, example in enumerate(examples))
    return cases


def _check_grammar(file: str, name: str, kind: str, example) -> None:
    where, _, key = name.rpartition(".")
    data = _part(file, where + "." if where else "")
    found = reads(data.key_regex(key), example, whole=key in data.whole_lines)
    if kind == "not":
        assert found is None, f"{file} {name} must leave {example.text!r} alone, but reads {found.group(0)!r}"
    else:
        assert found is not None, f"{file} {name} does not read its example {example.text!r}"
        if example.match is not None:
            assert found.group(0).strip() == example.match.strip()
    if example.topic is not None:
        assert classify_topic(example.text) == example.topic, example.text
    if example.events is None and example.commitments is None and example.actions is None:
        return
    events, commitments = extract_article(_article(example.text, title=False))
    if example.events is not None:
        assert sorted(e.event_type for e in events) == sorted(example.events), (example.text, events)
    if example.commitments is not None:
        assert sorted(c.modality for c in commitments) == sorted(example.commitments), (example.text, commitments)
    if example.actions is not None:
        assert sorted(c.action for c in commitments) == sorted(example.actions), (example.text, commitments)


@pytest.mark.parametrize("file,rule,example,title", _cases())
def test_rule_reads_its_examples_and_leaves_its_counter_examples(file, rule, example, title):
    if isinstance(rule, str):  # a grammar key: example is (kind, example)
        _check_grammar(file, rule, *example)
        return
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


def test_every_trigger_and_cue_has_two_examples_and_a_counter_example():
    for rules in (load("events/triggers.yaml").triggers, load("events/headline.yaml").triggers,
                  load("commitments/cues.yaml").cues, load("names/participation.yaml").cues):
        assert all(len(rule.examples) >= 2 for rule in rules), [r.name for r in rules if len(r.examples) < 2]
        assert all(rule.not_ for rule in rules), [r.name for r in rules if not r.not_]


def test_every_topic_has_two_examples():
    data = load("commitments/topics.yaml")
    told = [e.topic for e in data.grammar_examples["topics"].examples]
    assert all(told.count(topic) >= 2 for topic in data.topics), {t: told.count(t) for t in data.topics}


# The files whose grammar keys all carry their evidence (a key added to one of them needs `grammar_examples`).
EVIDENCED = ("events/triggers.yaml", "events/headline.yaml", "commitments/cues.yaml", "text/boilerplate.yaml",
             "gazetteers/publishers.yaml", "names/participation.yaml", "commitments/topics.yaml",
             "names/titles.yaml", "names/offices.yaml", "names/name_particles.yaml",
             "gazetteers/countries.yaml", "dates/date_words.yaml")


@pytest.mark.parametrize("file", EVIDENCED)
def test_every_grammar_key_has_examples(file):
    for where, part in evidenced_parts(load(file)):
        missing = [key for key in part.grammar_keys() if key not in part.grammar_examples]
        assert not missing, f"reference/{file} {where}: grammar keys without grammar_examples: {missing}"
