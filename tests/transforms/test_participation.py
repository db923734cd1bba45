"""Participation cues (reference/names/participation.yaml): each example, read after the file's lead
sentence, adds its people to an event; each counter-example adds nobody."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import extract_article
from transforms.extract.document import prepare
from transforms.extract.participants import attendance
from transforms.extract.speakers import label_name
from transforms.reference import load

RULES = load("names/participation.yaml")
PUBLISHED = dt.date(2024, 3, 14)


def _article(text: str) -> dict:
    return {"article_id": "art_example", "source_path": "examples/example.txt", "url": None, "title": None,
            "published_date": PUBLISHED, "published_date_source": "metadata", "text": text}


def _participants(text: str) -> set[str]:
    events, _ = extract_article(_article(text))
    return {p.name for m in events for p in m.participants if p.entity_type == "person"}


def _cases():
    cases = []
    for cue in RULES.cues:
        cases += [pytest.param(cue, e.text, e.people, id=f"{cue.name}-example{i}") for i, e in enumerate(cue.examples)]
        cases += [pytest.param(cue, t, None, id=f"{cue.name}-not{i}") for i, t in enumerate(cue.not_)]
    return cases


@pytest.mark.parametrize("cue,sentence,people", _cases())
def test_participation_cue_reads_its_examples(cue, sentence, people):
    text = f"{RULES.lead} {sentence}"
    doc = prepare(_article(text))
    sent = doc.sentences[-1]
    if people is None:
        z = attendance(doc, sent)
        assert z is None or not z.people, [p.name for p in z.people]
        return
    assert any(h.cue.name == cue.name for h in doc.participation.get(sent.index, ())), (cue.name, sentence)
    found = _participants(text)
    assert set(people) <= found, (sentence, found)


def test_every_cue_has_examples():
    assert all(len(cue.examples) >= 2 and cue.not_ for cue in RULES.cues)


def test_a_list_introduced_by_a_cue_joins_the_event():
    text = (f"{RULES.lead} The following ministers took part:\n\n- Ghana: Minister of Trade Ama Konadu Boateng\n"
            f"- Kenya: Cabinet Secretary for Trade Peter Kiprop Mutai\n\nThe talks ended at noon.")
    assert {"Ama Konadu Boateng", "Peter Kiprop Mutai"} <= _participants(text)


def test_side_and_accompanied_countries():
    text = (f"{RULES.lead} On the Kenyan side, they were attended by Director of Protocol Jane Wanjiru Kamau. "
            f"The Foreign Minister of Ghana was accompanied by Director of Trade Kofi Mensah Boateng.")
    events, _ = extract_article(_article(text))
    countries = {p.name: p.country for m in events for p in m.participants if p.entity_type == "person"}
    assert countries["Jane Wanjiru Kamau"] == "KEN"
    assert countries["Kofi Mensah Boateng"] == "GHA"


def test_people_only_mentioned_do_not_join():
    text = f"{RULES.lead} The ministers praised the late Professor Ama Ata Aidoo, whose books are read widely."
    assert "Ama Ata Aidoo" not in _participants(text)


def _label_cases():
    cases = []
    for label in RULES.speaker_labels:
        cases += [pytest.param(e.text, e.name, id=f"{label.name}-example{i}") for i, e in enumerate(label.examples)]
        cases += [pytest.param(t, None, id=f"{label.name}-not{i}") for i, t in enumerate(label.not_)]
    return cases


@pytest.mark.parametrize("line,name", _label_cases())
def test_speaker_labels_read_their_examples(line, name):
    assert label_name(line) == name


def test_transcript_speakers_join_the_press_briefing():
    text = ("The Foreign Minister of Ghana and the Foreign Minister of Kenya held a joint press conference in Accra "
            "on 14 March 2024.\n\nMODERATOR: Good afternoon.\n\nQuestion (Ama Serwaa Nyarko, Daily Graphic): "
            "Was trade discussed?\n\nPETER OTIENO KAMAU (Nation FM): And visas?\n\nFact Sheet: Trade in figures")
    events, _ = extract_article(_article(text))
    (briefing,) = [m for m in events if m.event_type == "press_briefing"]
    speakers = {p.name: p.role for p in briefing.participants if p.entity_type == "person"}
    assert speakers == {"Ama Serwaa Nyarko": "speaker", "Peter Otieno Kamau": "speaker"}


def _reporter_cases():
    cases = []
    for rule in [*RULES.reporters, *RULES.mentioned]:
        cases += [pytest.param(e.text, e.name, True, id=f"{rule.name}-example{i}") for i, e in enumerate(rule.examples)]
        cases += [pytest.param(t, None, False, id=f"{rule.name}-not{i}") for i, t in enumerate(rule.not_)]
    return cases


@pytest.mark.parametrize("text,name,reporter", _reporter_cases())
def test_reporters_take_no_part(text, name, reporter):
    people = _participants(text)
    if reporter:
        assert name not in people
    else:
        assert people, text


def test_attendees_join_the_title_event_when_the_body_tells_none():
    text = ("Joint Statement on the Ghana-Kenya Trade Meeting in Accra\n\n"
            "The representative from the Ghanaian side will be Kofi Mensah Darko, Minister of Trade.")
    article = {**_article(text), "title": "Joint Statement on the Ghana-Kenya Trade Meeting in Accra"}
    events, _ = extract_article(article)
    assert "Kofi Mensah Darko" in {p.name for m in events for p in m.participants}


def _events(text: str) -> dict[str, tuple[str, ...]]:
    events, _ = extract_article(_article(text))
    return {m.event_type: m.countries for m in events}


def test_a_speaker_whose_country_is_not_written_speaks_for_the_other_side_in_the_first_person():
    text = ("Transcript of the joint press conference by the Secretary of Foreign Affairs, Ana Ruiz, and the Minister "
            "of Foreign Affairs of Chile, Tomas Lagos, at the close of the Second Meeting of the Austria–Chile Joint "
            "Commission\n\nSECRETARY ANA RUIZ: Good afternoon. On Wednesday I spoke by telephone with the Secretary "
            "of State of the United States.\n\nMINISTER TOMAS LAGOS: Thank you, Madam Secretary.\n")
    events = _events(text)
    assert events["phone_call"] == ("AUT", "USA")
    assert events["press_briefing"] == ("AUT", "CHL")


def test_a_speaker_whose_country_is_written_tells_events_of_that_country_in_the_first_person():
    text = ("The Foreign Minister of Ghana and the Foreign Minister of Kenya, Grace Wanjiru, held a joint press "
            "conference in Accra on 14 March 2024.\n\nMINISTER GRACE WANJIRU: Thank you. Yesterday we met the "
            "President of Togo in Lomé.\n\nQuestion (Ama Serwaa Nyarko, Daily Graphic): Was trade discussed?\n")
    assert _events(text)["meeting"] == ("KEN", "TGO")


def test_a_first_person_event_in_a_question_takes_no_speaker():
    text = ("The Foreign Minister of Ghana and the Foreign Minister of Kenya, Grace Wanjiru, held a joint press "
            "conference in Accra on 14 March 2024.\n\nMINISTER GRACE WANJIRU: Thank you.\n\nQuestion (Ama Serwaa "
            "Nyarko, Daily Graphic): When we met the President of Togo in Lomé, was trade discussed?\n")
    assert "KEN" not in _events(text).get("meeting", ())


def test_named_people_of_an_event_sentence_take_part_unless_only_mentioned():
    people = _participants("Foreign Minister Ama Owusu of Ghana was received by President Peter Otieno Kamau of Kenya "
                           "on 14 March 2024 and met with the Minister of Trade of Kenya, Grace Wanjiru Njoroge, and "
                           "praised the initiative of President Kofi Mensah Darko of Ghana.")
    assert {"Ama Owusu", "Peter Otieno Kamau", "Grace Wanjiru Njoroge"} <= people
    assert "Kofi Mensah Darko" not in people


def test_officials_who_make_a_commitment_at_an_event_take_part_in_it():
    people = _participants("The special envoys of Chile and Peru met at the border on 14 March 2024 and agreed to resume "
                           "direct flights. Deputy Speaker Ana Ruiz Tapia of Chile and former Peruvian ambassador "
                           "Luis Soto Vega also agreed to open the land border for diplomats.")
    assert {"Ana Ruiz Tapia", "Luis Soto Vega"} <= people


@pytest.mark.parametrize("text,name", [
    ("Foreign Minister Ama Owusu of Ghana met the Minister of Trade, Hon. Peter Otieno Kamau, on 14 March 2024 and "
     "officials of the Ministry of Energy, led by Director Grace Wanjiru Njoroge.", "Grace Wanjiru Njoroge"),
    ("On 14 March 2024 the Ghanaian minister called on the Speaker, Hon. Kofi Mensah Darko, and met the diaspora "
     "council, headed by Chairperson Esi Ama Boateng.", "Esi Ama Boateng"),
])
def test_who_leads_a_group_at_an_event_takes_part(text, name):
    assert name in _participants(text)
