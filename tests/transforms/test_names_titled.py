"""Open-world titles (reference/names/titles.yaml): every example is read, every counter-example left alone,
and the word classes behave as the file's header says."""

from __future__ import annotations

import pytest

from transforms.names import Gazetteer, find_people
from transforms.names.titled import title_words
from transforms.reference import load

TITLES = load("names/titles.yaml")
EMPTY = Gazetteer.from_text("", "")


@pytest.mark.parametrize("example", TITLES.examples, ids=lambda e: e.text[:50])
def test_titles_examples_are_read(example):
    for gazetteer in (None, EMPTY):
        found = {m.name: m for m in find_people(example.text, gazetteer=gazetteer)}
        for person in example.people:
            assert person.name in found, (example.text, list(found))
            if person.title is not None:
                assert found[person.name].title == person.title
            if person.country is not None:
                assert found[person.name].country == person.country


@pytest.mark.parametrize("sentence", TITLES.not_, ids=lambda s: s[:50])
def test_titles_counter_examples_find_nobody(sentence):
    assert find_people(sentence, gazetteer=EMPTY) == []


@pytest.mark.parametrize("text,name,title", [
    ("Ghana's Minister for Foreign Affairs and Regional Integration, Ama Serwaa Boateng, said so.",
     "Ama Serwaa Boateng", "Minister of Foreign Affairs"),
    ("Acting Foreign Minister Tomas Varga met the press.", "Tomas Varga", "Minister of Foreign Affairs"),
    ("The talks were led by Ambassador of Chile to Peru Rosa Medina Salas.", "Rosa Medina Salas", "Ambassador"),
    ("Present were Deputy Governor of the Central Bank Aram Petrosyan and others.", "Aram Petrosyan",
     "Deputy Governor of the Central Bank"),
    ("Secretary of State for European Affairs, Ines Moreira, also took part.", "Ines Moreira",
     "Secretary of State for European Affairs"),
])
def test_open_titles_in_several_house_styles(text, name, title):
    (m,) = [m for m in find_people(text, gazetteer=EMPTY) if m.name == name]
    assert m.title == title


def test_a_name_after_an_open_title_has_two_words():
    assert find_people("He met Khokim Rashidov on Monday.", gazetteer=EMPTY) == []


def test_title_case_headings_give_no_unknown_people():
    heading = "Deputy Minister Lauds Progress On Trade Deal With Neighbours"
    assert find_people(heading, gazetteer=EMPTY) == []


def test_word_classes():
    words = title_words()
    assert words.blocks_name("Development") and words.blocks_name("Deputy") and words.blocks_name("Khokim")
    assert words.ends_name("Deputy") and not words.ends_name("Green")
    assert not words.blocks_name("Grace")
