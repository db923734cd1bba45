"""Raw-form adapters: each form in, RawDocument out; bad input is an IngestError with a reason."""

import datetime as dt
import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.ingest import (ADAPTERS, MAX_HTML_DEPTH, IngestError, RawDocument, apply_sidecar, clean_record,
                               load_front_matter, parse_html, parse_json, parse_jsonl, parse_markdown,
                               parse_published, parse_sidecar, parse_txt)


def test_txt_first_nonempty_line_is_title():
    (doc,) = parse_txt("\n\nTalks in Oslo\n\nNorway and Chile met.\n", "a.txt")
    assert doc.title == "Talks in Oslo"
    assert doc.body.strip() == "Norway and Chile met."
    assert doc.form == "txt" and doc.record_key == "0"


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff"])
def test_txt_empty_is_rejected(text):
    with pytest.raises(IngestError, match="empty"):
        parse_txt(text, "a.txt")


MD = """---
title: "Readout of a Call with
  the President of Chile"
date: '2022-05-02'
published_time: 2022-05-02 10:00:00-04:00
source_url: https://example.org/readout
---

# Ignored heading

The President spoke **today** with the
President of [Chile](https://example.org/cl).

\\###
"""


def test_markdown_front_matter_and_soft_breaks():
    (doc,) = parse_markdown(MD, "r.md")
    assert doc.title == "Readout of a Call with the President of Chile"
    assert doc.published == "2022-05-02T10:00:00-04:00"
    assert doc.url == "https://example.org/readout"
    assert "spoke today with the President of Chile." in doc.body
    assert "###" not in doc.body and "**" not in doc.body


def test_markdown_without_front_matter_takes_heading_title():
    (doc,) = parse_markdown("# Summit in Lima\n\nLeaders met in Lima.\n", "s.md")
    assert doc.title == "Summit in Lima"
    assert doc.published is None


def test_markdown_bad_yaml_is_rejected():
    with pytest.raises(IngestError, match="YAML"):
        parse_markdown("---\ntitle: [unclosed\n---\nBody text.\n", "b.md")


HTML = """<!DOCTYPE html><html lang="en"><head><title>Meeting with Peru | Example Department</title>
<link rel="canonical" href="https://example.org/peru/">
<meta property="article:published_time" content="2021-08-14T00:13:59+00:00"></head>
<body><nav>Home | Press</nav><article><h1>Meeting with Peru</h1>
<p>The Secretary met the Foreign Minister of Peru.</p><ul><li>First point.</li></ul>
<script>var x = 1;</script></article><footer>Share</footer></body></html>"""


def test_html_main_text_title_time_and_canonical():
    (doc,) = parse_html(HTML, "p.html")
    assert doc.title == "Meeting with Peru"
    assert doc.published == "2021-08-14T00:13:59+00:00"
    assert doc.url == "https://example.org/peru/"
    assert doc.body == "The Secretary met the Foreign Minister of Peru.\n\n• First point."
    assert doc.language == "en"


def _page(head: str, body: str = "<p>The ministers met.</p>") -> str:
    return f"<html lang='en'><head><title>T</title>{head}</head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize("head,body,expected", [
    ('<meta name="dcterms.date" content="2024-10-15">', "<p>The ministers met.</p>", "2024-10-15"),
    ('<meta name="DC.date.issued" content="15.10.2024">', "<p>The ministers met.</p>", "15.10.2024"),
    ('<meta name="date" content="October 15, 2024">', "<p>The ministers met.</p>", "October 15, 2024"),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", '
     '"datePublished": "2024-10-15T09:00:00+03:00", "dateModified": "2024-10-16"}]}</script>',
     "<p>The ministers met.</p>", "2024-10-15T09:00:00+03:00"),
    ("", '<p><time datetime="2024-10-15">15 October</time></p><p>The ministers met.</p>', "2024-10-15"),
    ("", '<p>Posted <span itemprop="datePublished">15 October 2024</span></p><p>The ministers met.</p>',
     "15 October 2024"),
    ('<meta property="article:modified_time" content="2024-10-16">', "<p>The ministers met.</p>", None),
])
def test_html_publication_date_from_any_metadata_place(head, body, expected):
    (doc,) = parse_html(_page(head, body), "p.html")
    assert doc.published == expected


def test_html_metadata_and_locale_are_kept():
    (doc,) = parse_html(_page('<meta property="og:locale" content="en_GB"><meta name="date" content="06/03/2023">'),
                        "p.html")
    assert doc.metadata["og:locale"] == "en_GB" and doc.published == "06/03/2023"


@pytest.mark.parametrize("record,expected", [
    ('{"text": "Body", "published": 1675963140}', "1675963140"),
    ('{"text": "Body", "pubDate": "Thu, 09 Feb 2023 17:19:00 +0000"}', "Thu, 09 Feb 2023 17:19:00 +0000"),
    ('{"text": "Body", "datePublished": "09 Feb 2023, 17:19", "updated": "2023-02-10"}', "09 Feb 2023, 17:19"),
    ('{"text": "Body", "date": "soon", "published_time": "2023-02-09"}', "2023-02-09"),
])
def test_json_publication_date_fields(record, expected):
    (doc,) = parse_json(record, "j.json")
    assert doc.published == expected


def test_front_matter_publication_date_fields():
    (doc,) = parse_markdown("---\ntitle: T\npubDate: 14.9.2023\nlang: nb-NO\n---\n\nThe ministers met.\n", "n.md")
    assert doc.published == "14.9.2023" and parse_published(doc.published) == dt.date(2023, 9, 14)


def test_html_without_markup_is_rejected():
    with pytest.raises(IngestError, match="no HTML"):
        parse_html("just words", "x.html")


def test_json_list_keeps_good_records_and_reports_bad_ones():
    out = parse_json('[{"title": "A", "text": "Body A", "published": "2024-01-02"}, {"title": "B"}, 5]', "j.json")
    assert isinstance(out[0], RawDocument) and out[0].body == "Body A" and out[0].published == "2024-01-02"
    assert isinstance(out[1], IngestError) and "no text" in str(out[1])
    assert isinstance(out[2], IngestError) and "not a JSON object" in str(out[2])


def test_json_single_object_and_body_fallbacks():
    (doc,) = parse_json('{"content": "From content", "url": "u", "date": "2024-01-02"}', "j.json")
    assert doc.body == "From content" and doc.url == "u" and doc.published == "2024-01-02"


def test_json_invalid_is_rejected_with_position():
    with pytest.raises(IngestError, match="line 1"):
        parse_json("{not json", "j.json")


def test_jsonl_bad_line_does_not_lose_good_lines():
    out = parse_jsonl('{"text": "one"}\n{"text": broken\n\n{"body": "three"}\n', "l.jsonl")
    assert [type(r).__name__ for r in out] == ["RawDocument", "IngestError", "RawDocument"]
    assert out[0].record_key == "line1" and out[2].record_key == "line4"
    assert "line 2" in str(out[1])


def test_sidecar_overrides_file_metadata():
    (doc,) = parse_txt("Old title\nBody.", "a.txt")
    meta = parse_sidecar('{"title": "New title", "published": "2024-03-05", "url": "https://e.org/a"}')
    doc = apply_sidecar(doc, meta)
    assert (doc.title, doc.published, doc.url) == ("New title", "2024-03-05", "https://e.org/a")


@pytest.mark.parametrize("text", ["[1, 2]", "{bad"])
def test_sidecar_errors(text):
    with pytest.raises(IngestError):
        parse_sidecar(text)


@pytest.mark.parametrize("value,expected", [
    ("2022-05-02", dt.date(2022, 5, 2)),
    ("2022-05-02 21:11:39-05:00", dt.date(2022, 5, 2)),
    ("2021-08-14T00:13:59+00:00", dt.date(2021, 8, 14)),
    ("May 2, 2022", dt.date(2022, 5, 2)),
    ("2022-13-45", None),
    ("someday", None),
    (None, None),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_jsonl_keeps_line_separators_inside_strings():
    out = parse_jsonl('{"text": "one\u2028two"}\n{"text": "three"}\r\n', "l.jsonl")
    assert [r.body for r in out] == ["one\u2028two", "three"]


def test_json_text_of_wrong_type_falls_back_to_content():
    (doc,) = parse_json('{"text": 5, "content": "Real body", "title": ["a", "b"]}', "j.json")
    assert doc.body == "Real body" and doc.title is None


BILLION_LAUGHS = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
Body text.
"""


def test_yaml_anchors_and_aliases_are_refused_at_once():
    # Refused before any alias is expanded: expanding the bomb would take gigabytes, refusing it takes
    # next to nothing (memory, not time, so that the check does not depend on the machine's load).
    tracemalloc.start()
    try:
        with pytest.raises(IngestError, match="anchor or alias"):
            parse_markdown(BILLION_LAUGHS, "bomb.md")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000
    with pytest.raises(IngestError, match="anchor or alias"):
        load_front_matter("base: &b {x: 1}\nother:\n  <<: *b")


@pytest.mark.parametrize("value", ["2023-02-30", "2023-02-30T10:00:00", "2023-13-01"])
def test_front_matter_date_that_is_no_calendar_date_keeps_the_article(value):
    (doc,) = parse_markdown(f"---\ntitle: Talks\ndate: {value}\n---\n\nLeaders met.\n", "d.md")
    assert doc.published == value and parse_published(doc.published) is None
    assert doc.body == "Leaders met."


def test_front_matter_oddities_are_one_clear_error():
    with pytest.raises(IngestError, match="not valid YAML"):
        load_front_matter("n: " + "9" * 5000)
    with pytest.raises(IngestError, match="more than"):
        load_front_matter("t: " + "x" * 300_000)


def test_markdown_link_forms():
    (doc,) = parse_markdown("See [the page](https://e.org/Foo_(bar)) and ![img](a.png) and [x [y](u).", "l.md")
    assert doc.body == "See the page and img and [x y."


@pytest.mark.parametrize("text", ["[" * 200_000, "[a](" * 50_000, "](" * 100_000])
def test_markdown_link_scan_is_linear(text):
    started = time.perf_counter()
    try:
        parse_markdown(text, "x.md")
    except IngestError:
        pass
    # A bound for "linear, not quadratic", not a speed target: a quadratic scan of these texts takes
    # hours; a linear one well under a second, with room for a loaded machine.
    assert time.perf_counter() - started < 20


def test_html_nested_too_deep_is_refused_before_parsing():
    started = time.perf_counter()
    with pytest.raises(IngestError, match="nested"):
        parse_html("<div>" * 200_000 + "x", "deep.html")
    assert time.perf_counter() - started < 20  # refused before parsing; parsing it would take minutes
    (doc,) = parse_html("<div>" * MAX_HTML_DEPTH + "<p>Leaders met.</p>" + "</div>" * MAX_HTML_DEPTH, "ok.html")
    assert doc.body == "Leaders met."


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, '{"text": 1' + "0" * 5000 + "}"])
def test_json_the_parser_refuses_is_one_clear_error(text):
    with pytest.raises(IngestError):
        parse_json(text, "j.json")
    (bad,) = parse_jsonl(text, "l.jsonl")
    assert isinstance(bad, IngestError) and "line 1" in str(bad)
    with pytest.raises(IngestError):
        parse_sidecar(text)


# ---- fuzzing: every reader, any input -> records or one IngestError; every string valid UTF-8

_TOKENS = ["<", ">", "</", "<p>", "<div>", "<title>", "<meta ", "<html lang='", "[", "]", "(", ")", "---\n", "...",
           "{", "}", "[{", '"text": "', '"title": ', '"date": "', '"', "\\", "\\ud800", "\\udfff", "&a ", "*a",
           ": ", "- ", "#", "\n", "\r\n", "\ufeff", "\u2028", "\x00", "2023-02-30", "\u00e9", "\U0001F600",
           "null", "true", "1e999", "[]", "&amp;", "<!--", "<script>", "*", "_", "`", "|"]
_TEXTS = st.lists(st.sampled_from(_TOKENS) | st.text(max_size=6), max_size=40).map("".join)
_READERS = sorted(set(ADAPTERS.values()), key=lambda f: f.__name__)


def _utf8(value) -> None:
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, dict):
        for k, v in value.items():
            _utf8(k)
            _utf8(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _utf8(v)


@pytest.mark.parametrize("reader", _READERS, ids=lambda f: f.__name__)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS)
def test_fuzz_every_reader(reader, text):
    try:
        records = reader(text, "fuzz")
    except IngestError:
        return
    for record in records:
        assert isinstance(record, (RawDocument, IngestError))
        if isinstance(record, RawDocument):
            doc = clean_record(record)
            for name in ("body", "title", "published", "url", "language", "metadata"):
                _utf8(getattr(doc, name))


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS)
def test_fuzz_sidecar(text):
    try:
        meta = parse_sidecar(text)
    except IngestError:
        return
    (doc,) = parse_txt("Title\n\nBody.", "a.txt")
    _utf8(clean_record(apply_sidecar(doc, meta)).metadata)


_ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=20)  # lone surrogates included
_KEYS = st.sampled_from(["text", "content", "body", "title", "headline", "date", "published", "published_time",
                         "url", "source_url", "language", "lang"]) | _ANY_TEXT
_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _ANY_TEXT,
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
                     max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(value=_JSON, ascii_only=st.booleans())
def test_fuzz_json_structures(value, ascii_only):
    import json

    text = json.dumps(value, ensure_ascii=ascii_only)
    for reader in (parse_json, parse_jsonl):
        try:
            records = reader(text, "fuzz")
        except IngestError:
            continue
        for record in records:
            if isinstance(record, RawDocument):
                _utf8(clean_record(record).__dict__)


@settings(max_examples=150, deadline=None)
@given(meta=st.dictionaries(_KEYS, _JSON, max_size=5), body=_ANY_TEXT)
def test_fuzz_front_matter(meta, body):
    import yaml

    try:
        block = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:
        return
    try:
        records = parse_markdown(f"---\n{block}---\n\n{body}\n", "fuzz.md")
    except IngestError:
        return
    _utf8(clean_record(records[0]).__dict__)


_TAGS = st.sampled_from(["div", "p", "li", "ul", "article", "main", "h1", "title", "script", "time", "span", "table"])


def _html(tree) -> str:
    if isinstance(tree, str):
        return tree
    tag, children = tree
    return f"<{tag}>" + "".join(_html(c) for c in children) + f"</{tag}>"


@settings(max_examples=150, deadline=None)
@given(tree=st.recursive(_ANY_TEXT, lambda inner: st.tuples(_TAGS, st.lists(inner, max_size=4)), max_leaves=30))
def test_fuzz_html_structures(tree):
    try:
        records = parse_html("<html><body>" + _html(tree) + "</body></html>", "fuzz.html")
    except IngestError:
        return
    _utf8(clean_record(records[0]).__dict__)
