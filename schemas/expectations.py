"""Great Expectations suites generated from the table registry, plus the derived check columns they read.

Each expectation is `blocking` (a failing record never reaches a curated table: it goes
to quarantine with the expectation's name) or a warning (reported, nothing removed).
Row invariants GX cannot state on one column (list items are ISO3 codes, evidence equals
the text span, foreign keys) are computed as boolean `_check_*` columns by
`add_check_columns` and expected to be True.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pycountry

from schemas.arrow import arrow_schema, enforce_schema
from schemas.tables import TABLES, Table

ISO3_CODES = frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})  # XKX: Kosovo, user-assigned


@dataclass(frozen=True)
class ExpectationSpec:
    """One expectation: GX class name, its kwargs, a stable name for reports, whether it blocks,
    what it checks in words (Data Docs and the summary page show it) and what to do when it fails."""

    name: str
    gx_type: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    blocking: bool = True
    description: str = ""
    advice: str = ""

    @property
    def threshold(self) -> str:
        """The pass mark in words: every row, or the share that must pass."""
        mostly = self.kwargs.get("mostly")
        return f"at least {mostly:.0%} of rows" if mostly is not None else "every row"

    @property
    def is_derived(self) -> bool:
        """Reads a `_check_*` column: GX's own wording ("values must belong to this set: True") says nothing."""
        return str(self.kwargs.get("column", "")).startswith("_check_")


def _column_specs(table: Table) -> list[ExpectationSpec]:
    specs: list[ExpectationSpec] = []
    for f in table.fields:
        col = f.name
        specs.append(ExpectationSpec(f"{table.name}.{col}.exists", "ExpectColumnToExist", {"column": col},
                                     description=f"column {col} is present",
                                     advice=_BUG))
        if not f.nullable:
            specs.append(ExpectationSpec(f"{table.name}.{col}.not_null", "ExpectColumnValuesToNotBeNull",
                                         {"column": col}, description=f"{col} is never empty", advice=_BUG))
        if f.unique:
            # Checked as "first occurrence": a duplicate is quarantined, the first copy is kept.
            specs.append(ExpectationSpec(
                f"{table.name}.{col}.unique", "ExpectColumnValuesToBeInSet",
                {"column": f"_check_{col}_first", "value_set": [True]},
                description=f"{col} is unique: a second row with the same {col} is quarantined, the first kept",
                advice="two raw records produced the same id: look for a duplicated raw file or record"))
        if f.allowed:
            specs.append(ExpectationSpec(f"{table.name}.{col}.in_vocabulary", "ExpectColumnValuesToBeInSet",
                                         {"column": col, "value_set": list(f.allowed)},
                                         description=f"{col} is one of: {', '.join(f.allowed)}",
                                         advice="a value outside the contract's vocabulary: " + _BUG))
        if f.iso3 and f.type == "string":
            specs.append(ExpectationSpec(f"{table.name}.{col}.iso3", "ExpectColumnValuesToBeInSet",
                                         {"column": col, "value_set": sorted(ISO3_CODES)},
                                         description=f"{col} is an ISO 3166-1 alpha-3 country code",
                                         advice=_GAZETTEER))
        if f.iso3 and f.type == "list<string>":
            specs.append(_check(table, f"{col}_iso3_sorted"))
    return specs


_BUG = "the pipeline wrote a malformed record: report it with the record below (an extraction bug)"
_GAZETTEER = "a country name was not mapped to ISO3: add it to the country gazetteer in reference/, then run again"
_SOURCE = "check the raw file named below; if it reads correctly, report the record (an extraction bug)"

# What each derived `_check_*` column states, and what to do when a row fails it.
_CHECKS: dict[str, tuple[str, str]] = {
    "iso3_sorted": ("every item of {col} is an ISO 3166-1 alpha-3 code, sorted, without duplicates",
                    _GAZETTEER),
    "key_unique": ("the key ({key}) is unique: a second row with the same key is quarantined, the first kept",
                   "two raw records told the same thing twice: look for a duplicated raw file or record"),
    "fk": ("{col} refers to an existing {parent} row",
           "its parent record was quarantined or never written: see the parent's quarantine row"),
    "span_in_text": ("char_start..char_end lie inside the article's text", _SOURCE),
    "evidence_matches_span": ("evidence equals the article's text between char_start and char_end", _SOURCE),
    "sha256_matches_text": ("content_sha256 is the SHA-256 of the text", _BUG),
    "has_countries": ("the event names at least one country",
                      "add the missing country names to the gazetteer in reference/, or accept: such events are kept"),
    "has_parties": ("the commitment names at least one committing country",
                    "add the missing country names to the gazetteer in reference/, or accept: such rows are kept"),
    "row_types": ("every value of the row can take its column's contract type", _BUG),
}


def _check(table: Table, check: str, blocking: bool = True, mostly: float | None = None,
           column: str | None = None, parent: str = "") -> ExpectationSpec:
    """An expectation that a derived `_check_<check>` column is True, with its words and advice."""
    kind = "fk" if check.startswith("fk_") else ("iso3_sorted" if check.endswith("_iso3_sorted") else check)
    text, advice = _CHECKS[kind]
    col = column or check.removeprefix("fk_").removesuffix("_iso3_sorted")
    kwargs: dict[str, Any] = {"column": f"_check_{check}", "value_set": [True]}
    if mostly is not None:
        kwargs["mostly"] = mostly
    return ExpectationSpec(f"{table.name}.{check}", "ExpectColumnValuesToBeInSet", kwargs, blocking,
                           text.format(col=col, key=", ".join(table.key), parent=parent), advice)


def suite_specs(table_name: str) -> list[ExpectationSpec]:
    """Every expectation of one table, generated from schemas.tables."""
    table = TABLES[table_name]
    specs = _column_specs(table)
    if len(table.key) > 1:
        specs.append(_check(table, "key_unique"))
    for column, parent, _ in table.foreign_keys:
        specs.append(_check(table, f"fk_{column}", parent=parent))
    if table.has_span:
        specs.append(_check(table, "span_in_text"))
    if "evidence" in table.columns:
        specs.append(_check(table, "evidence_matches_span"))
    if "confidence" in table.columns:
        specs.append(ExpectationSpec(f"{table.name}.confidence.range", "ExpectColumnValuesToBeBetween",
                                     {"column": "confidence", "min_value": 0.0, "max_value": 1.0},
                                     description="confidence lies between 0 and 1", advice=_BUG))
    if table.name == "events":
        specs.append(ExpectationSpec("events.end_date_not_before_start", "ExpectColumnPairValuesAToBeGreaterThanB",
                                     {"column_A": "end_date", "column_B": "start_date", "or_equal": True,
                                      "ignore_row_if": "either_value_is_missing"},
                                     description="end_date is on or after start_date", advice=_SOURCE))
        # Warnings: a timeline with many undated events is weaker, but such events are kept.
        specs.append(ExpectationSpec(
            "events.start_date.mostly_dated", "ExpectColumnValuesToNotBeNull", {"column": "start_date", "mostly": 0.8},
            blocking=False, description="events have a start_date",
            advice="undated events are kept: check that their articles give a date or a publication date "
                   "(front matter, <time>, a dateline); add the date words the texts use to the date words in reference/"))
        spec = _check(table, "has_countries", blocking=False, mostly=0.9, column="countries")
        specs.append(ExpectationSpec("events.countries.not_empty", spec.gx_type, spec.kwargs, False,
                                     spec.description, spec.advice))
    if table.name == "articles":
        specs.append(ExpectationSpec("articles.language.iso639_1", "ExpectColumnValuesToMatchRegex",
                                     {"column": "language", "regex": r"^[a-z]{2}$"},
                                     description="language is a two-letter ISO 639-1 code",
                                     advice="fix the language field of the raw file's metadata (e.g. 'en')"))
        specs.append(_check(table, "sha256_matches_text"))
        specs.append(ExpectationSpec(
            "articles.published_date.mostly_known", "ExpectColumnValuesToNotBeNull",
            {"column": "published_date", "mostly": 0.9}, blocking=False, description="articles have a published_date",
            advice="give the raw files a date (front matter date, <meta article:published_time>, a NAME.meta.json)"))
    if table.name == "commitments":
        spec = _check(table, "has_parties", blocking=False, mostly=0.9, column="parties")
        specs.append(ExpectationSpec("commitments.parties.not_empty", spec.gx_type, spec.kwargs, False,
                                     spec.description, spec.advice))
    return specs


def type_spec(table_name: str) -> ExpectationSpec:
    """The expectation that every value of a row can take its column's contract type."""
    text, advice = _CHECKS["row_types"]
    return ExpectationSpec(f"{table_name}.row_types", "ExpectColumnValuesToBeInSet",
                           {"column": "_check_row_types", "value_set": [True]}, description=text, advice=advice)


TYPE_CHECK_ROWS = 8192  # rows converted to Arrow at once: a large table's Arrow copy is never whole


def row_types_ok(table_name: str, rows: list[dict]) -> list[bool]:
    """Per row: can every value be stored with the contract's Arrow type (and is it present when required)?

    Rows are converted to Arrow a chunk at a time (column by column, in C): when a chunk takes the
    schema, every row of it does; only when it does not are its rows checked one by one to find which."""
    out: list[bool] = []
    for start in range(0, len(rows), TYPE_CHECK_ROWS):
        out += _chunk_types_ok(table_name, rows[start:start + TYPE_CHECK_ROWS])
    return out


def _chunk_types_ok(table_name: str, rows: list[dict]) -> list[bool]:
    try:
        enforce_schema(rows, table_name)
        return [True] * len(rows)
    except (ValueError, TypeError, OverflowError, pa.ArrowException):  # some row does not fit: find which
        pass
    schema = arrow_schema(table_name)
    out = []
    for row in rows:
        ok = True
        for field in schema:
            value = row.get(field.name)
            if value is None:
                ok = field.nullable
            else:
                try:
                    pa.scalar(value, type=field.type)
                except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
                    ok = False
            if not ok:
                break
        out.append(ok)
    return out


def _iso3_sorted(values: Any) -> bool:
    items = list(values) if values is not None else []
    return items == sorted(set(items)) and all(v in ISO3_CODES for v in items)


class _Texts:
    """article_id -> text of the validated articles, each text taken when asked: their `text` column may be
    backed by Arrow (flows/quality.py), which a dict of every text would copy into Python strings."""

    def __init__(self, articles: pd.DataFrame):
        self._texts = articles["text"].array
        self._at = {a: i for i, a in enumerate(articles["article_id"])}  # the last row of an id, as dict() would
        self._last: tuple = (object(), None)  # mentions come grouped by article: its text is taken once

    def order(self, article_id: Any) -> int:
        return 0  # every text at hand: rows are read in their own order

    def get(self, article_id: Any) -> str | None:
        if self._last[0] != article_id:
            i = self._at.get(article_id)
            text = None if i is None else self._texts[i]
            self._last = (article_id, text if isinstance(text, str) else None)
        return self._last[1]


class _NoTexts:
    def order(self, article_id: Any) -> int:
        return 0

    def get(self, article_id: Any) -> None:
        return None


CHECK_CHUNK_ROWS = 4096  # rows whose values are taken at once when their texts are checked


def in_text_order(texts, article_ids: list) -> Iterator[np.ndarray]:
    """Positions of the rows, in chunks, ordered by where their articles' texts are (`texts.order`; stable): a
    source that reads texts a batch file at a time (flows/state_articles.py) reads each file once."""
    order = np.argsort(np.fromiter((texts.order(a) for a in article_ids), dtype=np.int64, count=len(article_ids)),
                       kind="stable")
    for start in range(0, len(order), CHECK_CHUNK_ROWS):
        yield order[start:start + CHECK_CHUNK_ROWS]


def add_check_columns(table_name: str, df: pd.DataFrame, parents: dict[str, pd.DataFrame],
                      texts=None) -> pd.DataFrame:
    """A copy of df with the `_check_*` columns its suite expects; `parents` are already validated tables.

    `texts`: where the validated articles' texts are (article_id -> text, `get` and `order`, see in_text_order),
    when not in parents["articles"] (for the articles table itself: their own texts, not in df)."""
    table = TABLES[table_name]
    out = df.copy()
    for f in table.fields:
        if f.unique:
            out[f"_check_{f.name}_first"] = ~out[f.name].duplicated(keep="first")
    if len(table.key) > 1:
        out["_check_key_unique"] = ~out[list(table.key)].duplicated(keep="first")
    for f in table.fields:
        if f.iso3 and f.type == "list<string>":
            out[f"_check_{f.name}_iso3_sorted"] = [_iso3_sorted(v) for v in out[f.name]]
    for column, parent, parent_col in table.foreign_keys:
        keys = set(parents[parent][parent_col]) if parent in parents else set()
        nullable = table.field(column).nullable
        out[f"_check_fk_{column}"] = [(v is None or pd.isna(v)) and nullable or v in keys for v in out[column]]
    if table.has_span or "evidence" in table.columns:
        if texts is None:
            texts = _Texts(parents["articles"]) if "articles" in parents else _NoTexts()
        with_evidence = "evidence" in out.columns
        nullable_span = table.field("char_start").nullable
        ids = out["article_id"].tolist()
        spans, exact = [False] * len(out), [False] * len(out)
        for chunk in in_text_order(texts, ids):
            starts, ends = out["char_start"].iloc[chunk].tolist(), out["char_end"].iloc[chunk].tolist()
            evidence = out["evidence"].iloc[chunk].tolist() if with_evidence else starts
            for i, start, end, said in zip(chunk.tolist(), starts, ends, evidence):
                text = texts.get(ids[i])
                known = text is not None and not pd.isna(start) and not pd.isna(end)
                ok = known and 0 <= int(start) < int(end) <= len(text)
                # Participants may lack a span (a country implied by an office): nothing to check then.
                spans[i] = ok or (pd.isna(start) and pd.isna(end) and nullable_span)
                if with_evidence:
                    exact[i] = ok and text[int(start):int(end)] == said
        if table.has_span:
            out["_check_span_in_text"] = spans
        if with_evidence:
            out["_check_evidence_matches_span"] = exact
    if table_name == "articles":
        from transforms.text import content_sha256
        if texts is None:
            out["_check_sha256_matches_text"] = [content_sha256(t) == h for t, h in
                                                 zip(out["text"], out["content_sha256"])]
        else:
            ids, same = out["article_id"].tolist(), [False] * len(out)
            for chunk in in_text_order(texts, ids):
                for i, h in zip(chunk.tolist(), out["content_sha256"].iloc[chunk].tolist()):
                    text = texts.get(ids[i])
                    same[i] = text is not None and content_sha256(text) == h
            out["_check_sha256_matches_text"] = same
    if table_name == "events":
        out["_check_has_countries"] = [v is not None and len(v) > 0 for v in out["countries"]]
    if table_name == "commitments":
        out["_check_has_parties"] = [v is not None and len(v) > 0 for v in out["parties"]]
    return out
