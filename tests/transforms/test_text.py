"""Normalization, sentence splitting and boilerplate detection."""

import hashlib

import pytest

from transforms.text import (content_sha256, detect_language, find_noise_start, is_boilerplate_line, normalize_text,
                             split_sentences)


def test_normalize_folds_quotes_spaces_and_blank_lines():
    raw = "Xi\u2019an\u00a0 summit\r\n\r\n\r\n\u201cQuoted\u201d\u200b text  "
    assert normalize_text(raw) == "Xi'an summit\n\n\"Quoted\" text"


def test_normalize_is_idempotent():
    text = normalize_text("A  b\n\n\n c\u2019d")
    assert normalize_text(text) == text


def test_sentences_keep_offsets_and_skip_abbreviations():
    text = "President Joseph R. Biden, Jr. spoke with the U.S. envoy. Dr. Lee agreed! Next one?"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "President Joseph R. Biden, Jr. spoke with the U.S. envoy.", "Dr. Lee agreed!", "Next one?"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_sentences_break_at_lines_and_bullets():
    text = "Points:\n• First point\n• Second point."
    assert [s.text for s in split_sentences(text)] == ["Points:", "• First point", "• Second point."]


def test_sentences_of_a_slice():
    text = "Skip this. Keep this one. And this."
    out = split_sentences(text, 11)
    assert [s.text for s in out] == ["Keep this one.", "And this."]
    assert out[0].start == 11


def test_empty_text_has_no_sentences():
    assert split_sentences("") == [] and split_sentences("   ") == []


def test_noise_starts_at_reader_comments():
    text = 'Real news here.\n\nOne thought on "Real news"\n\nI disagree!\n\nLeave a Reply'
    assert text[find_noise_start(text):].startswith("One thought on")
    assert find_noise_start("No comments section here.") == len("No comments section here.")
    other = "Body.\n\nLeave a Reply\nName"
    assert other[find_noise_start(other):] == "Leave a Reply\nName"


def test_boilerplate_lines():
    assert is_boilerplate_line("Office of the Spokesperson")
    assert is_boilerplate_line("Share | Tweet | Email")
    assert not is_boilerplate_line("The ministers met in Oslo.")


def test_sha256_of_utf8():
    assert content_sha256("é") == hashlib.sha256("é".encode("utf-8")).hexdigest()


def test_normalize_turns_lone_cr_into_newline_and_drops_controls():
    assert normalize_text("a.\rB\x00c\x1b") == "a.\nBc"


@pytest.mark.parametrize("text,code", [
    ("The ministers met in Lima.", "en"),
    ("外交部长在西安举行会谈。中国和哈萨克斯坦同意加强合作。", "zh"),
    ("Министры иностранных дел провели переговоры в Астане.", "ru"),
    ("وزير الخارجية يلتقي نظيره", "ar"),
    ("外務大臣はきょう東京で会談しました。", "ja"),
    ("", "en"),
])
def test_detect_language_by_script(text, code):
    assert detect_language(text) == code
