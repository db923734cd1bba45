"""Bounded look-ups that keep extraction linear in the text: same answers as the full scans they replace."""

import datetime as dt
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.extract import extract_articles
from transforms.extract.commitments.context import FrameIndex
from transforms.extract.lexicon import event_rules
from transforms.extract.document import MAX_PARAGRAPH, MAX_SENTENCE, _pieces, _sentences, _Spans
from transforms.names import coref, find_countries, find_people
from transforms.names import scan as _names_scan


def _article(text: str) -> dict:
    return {"article_id": "art_1", "source_path": "long.txt", "record_key": "0", "title": None, "url": None,
            "text": text, "published_date": dt.date(2024, 5, 1), "published_date_source": "metadata"}


def test_a_text_without_full_stops_is_read_in_bounded_pieces():
    text = " ".join(["the minister met the president and agreed to cooperate on trade"] * 800)
    pieces = _pieces(text, 0, len(text))
    assert max(b - a for a, b in pieces) <= MAX_SENTENCE
    assert " ".join(text[a:b] for a, b in pieces) == text
    sents = _sentences(text, len(text))
    assert len(sents) == len(pieces) and all(s.text == text[s.start:s.end] for s in sents)


def test_one_huge_paragraph_counts_as_several():
    text = " ".join(f"Sentence number {i} is here." for i in range(3 * MAX_PARAGRAPH // 25))
    sents = _sentences(text, len(text))
    spans: dict[int, list[int]] = {}
    for s in sents:
        spans.setdefault(s.paragraph, []).append(s.end)
    starts = {p: min(s.start for s in sents if s.paragraph == p) for p in spans}
    assert len(spans) >= 3
    assert all(max(ends) - starts[p] <= MAX_PARAGRAPH + MAX_SENTENCE for p, ends in spans.items())


def test_hostile_long_texts_still_extract():
    for text in ("President Joe Biden met Prime Minister Rishi Sunak, " * 4000,
                 "[" * 50_000, "China, Russia, India and " * 4000 + "agreed."):
        batch = extract_articles([_article(text)])
        assert not batch.quarantine


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=30), st.integers(0, 80),
       st.integers(0, 60))
def test_people_starting_in_equals_the_full_scan(items, start, width):
    spans = _Spans([SimpleNamespace(start=a, end=a + n, name_start=a + n // 2) for a, n in items])
    end, limit = start + width, 70
    full = [p for p in spans.within(start, limit) if p.name_start < end]
    assert [p for p in spans.starting_in(start, end, limit) if p.name_start < end] == full


_TYPES = ["meeting", "talks", "press_briefing", "announcement", "signing", "phone_call"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.sampled_from(_TYPES), st.sampled_from([None, "g1", "g2"])),
                max_size=12),
       st.lists(st.integers(0, 60), max_size=10))
def test_frame_index_picks_what_the_full_scan_picked(frames, positions):
    mentions = [SimpleNamespace(char_start=a, event_type=t, group=g) for a, t, g in frames]
    index = FrameIndex(mentions, mentions)
    types = event_rules().types
    for position in sorted(positions):  # sentences are read in text order
        before = [e for e in mentions if e.char_start <= position]
        pool = before or mentions[:1]
        meeting = [e for e in pool if types[e.event_type].frames_commitments]
        expected = (meeting or pool)[-1] if (meeting or pool) else None
        assert index.pick(position) is expected
    for group in ("g1", "g2"):
        assert index.groups.get(group, []) == [e for e in mentions if e.group == group]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Li", "Lin", "Linn", "Wang", "Wan", "O'Neil", "Xi", "x", "the", "Li's", "Lin-",
                                 "Xi'an", "Wangs", ".", "Jae-myung"]), max_size=30),
       st.sets(st.sampled_from(["Li", "Lin", "Linn", "Wang", "Wan", "O'Neil", "Xi", "Jae-myung"]), min_size=1))
def test_surname_spans_agree_whichever_way_they_are_found(tokens, words):
    text = " ".join(tokens)
    words = sorted(words)
    by_find = _names_scan._literal_spans(text, words)
    saved = _names_scan._MAX_FIND_WORDS
    _names_scan._MAX_FIND_WORDS = 0
    try:
        assert _names_scan._literal_spans(text, words) == by_find
    finally:
        _names_scan._MAX_FIND_WORDS = saved


def test_coreference_keeps_only_the_most_recent_people():
    people = [f"Minister {chr(65 + i // 26)}{chr(97 + i % 26)}abc Q{chr(97 + i % 26)}rst" for i in range(150)]
    text = ". ".join(f"{p} spoke" for p in people)
    resolver = coref.PersonResolver()
    for mention in find_people(text):
        resolver.resolve(mention)
    assert len(resolver._antecedents) <= coref.PersonResolver.MAX_ANTECEDENTS


def test_masked_region_inside_many_masks_is_still_masked():
    text = "Indo-Pacific partners, the European Union and the African Union met. " * 200
    assert not [c for c in find_countries(text) if c.text.startswith("Indo")]


def test_a_heading_check_reads_no_more_than_a_heading_line():
    from transforms.names.titled import _HEADING_REACH, _line, title_case_line

    heading = "Minister Lauds Progress On Trade Deal"
    text = "x " * 2000 + "\n" + heading + "\n" + "y " * 2000
    pos = text.index("Lauds")
    assert _line(text, pos) == heading and title_case_line(text, pos)
    one_line = "Minister Lauds Progress On Trade Deal " * (_HEADING_REACH // 10)
    assert _line(one_line, len(one_line) // 2) is None and not title_case_line(one_line, len(one_line) // 2)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20), st.sampled_from([None, "", "KAZ", "CHN"])),
                max_size=30), st.integers(0, 80))
def test_last_person_and_country_counts_equal_the_full_scans(items, pos):
    spans = _Spans([SimpleNamespace(start=a, end=a + n, code=c) for a, n, c in items])
    before = spans.within(0, pos)
    assert spans.last_within(pos) is (before[-1] if before else None)
    assert list(spans.before(pos, 3)) == list(reversed(before))[:3]
    assert list(spans.before(pos)) == list(reversed(before))
    full: dict = {}
    for c in spans.within(0, 10_000):
        if c.code:
            full[c.code] = full.get(c.code, 0) + 1
    assert spans.counts(lambda c: c.code or None) == full
