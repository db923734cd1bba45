"""The strict loader of reference/ (transforms.reference): every file loads, bad files are refused."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import transforms.reference as R
from transforms.reference import files
from transforms.reference.patterns import expand_sets, phrase_alternation, trie_alternation

REFERENCE = Path(R.files._root())


def test_every_reference_file_loads_and_has_a_schema():
    loaded = R.load_all()
    assert "events/triggers.yaml" in loaded and "gazetteers/people.csv" in loaded


def test_the_readme_describes_every_file():
    readme = (REFERENCE / "README.md").read_text(encoding="utf-8")
    for name in files.all_files():
        assert f"`{name.rsplit('/', 1)[-1]}`" in readme, f"reference/README.md does not describe {name}"


def test_version_is_read_and_well_formed():
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d+", R.reference_version())


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A copy of reference/ that a test may break; the loader reads it instead of the real one."""
    root = tmp_path / "reference"
    shutil.copytree(REFERENCE, root, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(files, "_root", lambda: root)
    _clear()
    yield root
    _clear()


def _clear() -> None:
    for cached in (R.load, R.rows, R._base_sets, R.word_sets):
        cached.cache_clear()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_file_is_an_error_not_an_empty_table(scratch):
    (scratch / "events" / "headline.yaml").unlink()
    with pytest.raises(R.ReferenceDataError, match=r"reference/events/headline.yaml is missing"):
        R.load("events/headline.yaml")
    (scratch / "gazetteers" / "places.csv").unlink()
    with pytest.raises(R.ReferenceDataError, match="places.csv is missing"):
        R.rows("gazetteers/places.csv")


def test_an_unknown_field_is_refused_naming_the_file_and_entry(scratch):
    _edit(scratch / "events" / "triggers.yaml", "    needs_object: true\n", "    needs_object: true\n    need_object: true\n")
    with pytest.raises(R.ReferenceDataError) as err:
        R.load("events/triggers.yaml")
    message = str(err.value)
    assert "reference/events/triggers.yaml" in message
    assert "triggers[0]" in message and "need_object" in message and "Extra inputs" in message


def test_an_unknown_vocabulary_value_is_refused(scratch):
    _edit(scratch / "events" / "triggers.yaml", "    type: phone_call\n", "    type: telephone_call\n")
    with pytest.raises(R.ReferenceDataError, match=r"triggers\[0\].*type"):
        R.load("events/triggers.yaml")
    _edit(scratch / "commitments" / "cues.yaml", "    modality: agreement\n", "    modality: accord\n")
    with pytest.raises(R.ReferenceDataError, match=r"cues\[0\].*modality"):
        R.load("commitments/cues.yaml")


def test_a_file_without_a_schema_is_refused(scratch):
    (scratch / "events" / "extra.yaml").write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(R.ReferenceDataError, match="extra.yaml has no schema"):
        R.load_all()


# One wrong entry each: the loader refuses the file and says which entry is wrong.
REFUSALS = [
    pytest.param("events/headline.yaml", r"pattern: '\bcalls?\s+(?:with", r"pattern: '\bcalls?\s+((?:with",
                 r"triggers\[0\].*pattern does not compile", id="pattern that does not compile"),
    pytest.param("gazetteers/places.csv", "place,country,aliases", "place,country", "header", id="csv header"),
    # YAML 1.1 reads a bare On / No / Yes as a boolean: such words must be quoted.
    pytest.param("names/name_particles.yaml", '  - "On"\n', "  - On\n", r"stop_tokens\[\d+\].*valid string",
                 id="yaml boolean"),
    pytest.param("events/triggers.yaml", "&WEEKDAYS", "&WEEKDAY", "unknown word set &WEEKDAY", id="unknown word set"),
    pytest.param("text/word_sets.yaml", "ORDINAL_WORDS: [first,", "ORDINAL_WORDS: ['&LIST_ORDINALS', first,",
                 "include each other", id="word sets in a circle"),
    pytest.param("events/triggers.yaml", 'text: "The President of Kenya hosted the Prime Minister',
                 'text: "The President of Kenya welcomed the Prime Minister',
                 r"rule hosted does not read its example .*key words", id="example without the rule's keys"),
    pytest.param("commitments/cues.yaml", 'text: "Japan pledged to provide', 'text: "Japan pledged that it would provide',
                 r"rule pledged_to does not read its example .*pattern does not match", id="example the rule misses"),
    pytest.param("commitments/cues.yaml", "  - name: decided_to\n", "  - name: agreed_to\n",
                 "two rules are named agreed_to", id="rule names unique"),
    pytest.param("events/triggers.yaml", r"pattern: '\b(?:announced|announces|announcing)\b(?!", r"pattern: '\b\w+ed\b(?!",
                 "rule announced: no words of its pattern", id="pattern without key words"),
    pytest.param("gazetteers/office_holders.csv", "Ashraf Ghani,AFG,President,", "Ashraf Ghani,AFX,President,",
                 r"office_holders.csv.*\n  line 2 \(Ashraf Ghani\), country: .*AFX", id="csv country code"),
    pytest.param("gazetteers/office_holders.csv", "Ashraf Ghani,AFG,President,", "Ashraf Ghani,AFG,Leader,",
                 r"line 2 \(Ashraf Ghani\), office", id="csv office outside the list"),
    pytest.param("dates/corpus.tsv", "day\tbench\n", "day\tbenchmark\n",
                 r"(?s)corpus.tsv.*line 10 \(April 26, 2023\): .*unknown option 'benchmark'", id="corpus option"),
    pytest.param("dates/corpus.tsv", "day\tbench\n", "none\tbench\n", "a non-date has none", id="corpus half date"),
    # The evidence of grammar keys (grammar_examples): read as stated, counter-examples left alone, known keys only.
    pytest.param("events/triggers.yaml", "The plan was met with criticism from Greece.', after",
                 "The plan was met with flowers from Greece.', after",
                 "grammar key reception_after does not read its example", id="grammar example not read"),
    pytest.param("events/headline.yaml", "match: Forthcoming}", "match: Summit}",
                 "grammar key planned reads 'Forthcoming' in its example", id="grammar example read otherwise"),
    pytest.param("commitments/cues.yaml", "      - 'Chile vowed revenge.'\n", "      - 'Chile vowed it would relent.'\n",
                 "grammar key said_frame must leave 'Chile vowed it would relent.' alone", id="grammar counter-example read"),
    pytest.param("text/boilerplate.yaml", "  line_patterns:\n    examples:", "  line_pattern:\n    examples:",
                 "line_pattern is not a grammar key", id="grammar key unknown"),
    pytest.param("names/participation.yaml", "      - {text: \"Russia's war in Ukraine dominated the talks.\", after: "
                 "'Russia'}\n      - {text: \"Kenya's economy grew by five percent.\", after: 'Kenya'}\n", "",
                 r"possessive_party.*at least 2 items", id="grammar key with one counter-example"),
]


@pytest.mark.parametrize("name,old,new,message", REFUSALS)
def test_a_wrong_entry_is_refused_naming_it(scratch, name, old, new, message):
    _edit(scratch / name, old, new)
    with pytest.raises(R.ReferenceDataError, match=message):
        R.rows(name) if name.endswith((".csv", ".tsv")) else R.load(name)


def test_one_builder_for_word_lists():
    rx = re.compile(trie_alternation(["call", "calls", "called"]) + r"\b")
    assert [m.group(0) for m in rx.finditer("called calls call")] == ["called", "calls", "call"]
    assert re.fullmatch(phrase_alternation(["next week"]), "next \n week")
    assert re.fullmatch(phrase_alternation(["may"], scan_case=True), "MAY")
    assert expand_sets(r"\b(?:&SAY) that", {"SAY": ["said", "pointed out"]}) == r"\b(?:(?:pointed out|said)) that"
    with pytest.raises(ValueError, match="unknown word set &TOLD"):
        expand_sets("&TOLD", {})


def test_word_sets_are_defined_once_and_used_by_name():
    sets = R.word_sets()
    assert "stressed" in sets["REPORTING_VERBS"] and sets["SAYING_VERBS"] == ("said", "says", "stated", "added")
    assert sets["LIST_ORDINALS"][:10] == sets["ORDINAL_WORDS"]  # an include keeps the set's order
    assert sets["WEEKDAYS"][0] == "monday" and sets["MONTHS"][4] == "may"  # from dates/date_words.yaml
    # The date tense cues and the commitment frames read the same reporting verbs.
    assert set(R.load("dates/date_words.yaml").tense.reporting) == set(sets["REPORTING_VERBS"])
    frames = re.compile(R.load("commitments/cues.yaml").reporting_verbs)
    assert all(frames.fullmatch(w) for w in sets["REPORTING_VERBS"])


def test_pre_filter_keys_come_from_the_rule_itself():
    triggers = {t.name: t for t in R.load("events/triggers.yaml").triggers}
    # A hand-kept key list hid "cochaired": the keys read from the pattern hold every spelling.
    assert {"chaired", "cochaired", "presided"} <= triggers["chaired"].keys()
    assert triggers["travelled_to"].keys() >= {"travel", "travelled", "went", "journeyed"}
    cues = {c.name: c for c in R.load("commitments/cues.yaml").cues}
    assert cues["will"].keys() == {"will", "shall"}
    assert "support" in cues["support"].keys()  # "reaffirmed their support for" holds it too
