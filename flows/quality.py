"""Great Expectations validation of the curated tables, record quarantine and offline Data Docs."""

from __future__ import annotations

import html
import importlib.util
import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from flows import datadocs
from flows.state_articles import TEXT, StateArticles
from schemas.arrow import arrow_schema
from schemas.expectations import (ExpectationSpec, add_check_columns, in_text_order, row_types_ok, suite_specs,
                                  type_spec)
from schemas.tables import CURATED_TABLES, TABLES

log = logging.getLogger(__name__)
_EXAMPLES = 3  # failing rows shown per expectation in the report


@dataclass
class ExpectationResult:
    """One expectation's outcome on one table."""

    name: str
    expectation_type: str
    column: str | None
    success: bool
    blocking: bool
    unexpected_count: int
    element_count: int
    description: str = ""
    threshold: str = "every row"
    advice: str = ""
    examples: list[dict] = field(default_factory=list)  # a few failing rows: record, source, evidence


@dataclass
class ValidationOutcome:
    """Validated tables (failing records removed), their quarantine rows and per-expectation results."""

    tables: dict[str, pd.DataFrame]
    kept: dict[str, list[int]] = field(default_factory=dict)  # positions of the rows that passed, per table
    quarantine: list[dict] = field(default_factory=list)
    results: dict[str, list[ExpectationResult]] = field(default_factory=dict)

    def select(self, tables: dict[str, list[dict] | pa.Table]) -> dict[str, list[dict] | pa.Table]:
        """The rows of each validated table that passed every blocking expectation."""
        return {name: _take(tables.get(name, []), kept) for name, kept in self.kept.items()}

    @property
    def passed(self) -> int:
        return sum(r.success for rs in self.results.values() for r in rs)

    @property
    def failed(self) -> int:
        return sum(not r.success for rs in self.results.values() for r in rs)

    @property
    def blocking_failed(self) -> int:
        return sum(not r.success and r.blocking for rs in self.results.values() for r in rs)


# Great Expectations imports scipy.stats (a third of its import time) for expectations we do not
# use (KL divergence, KS tests) and calls it only inside them: it is loaded on first use instead.
_DEFERRED = ("scipy.stats",)


def _defer_import(name: str) -> None:
    """`import name` made cheap: the module runs on its first attribute access (importlib's LazyLoader)."""
    try:
        spec = None if name in sys.modules else importlib.util.find_spec(name)
    except ModuleNotFoundError:  # its package is missing: whoever imports it gets the error
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    setattr(sys.modules[parent], child, module)


def preload() -> None:
    """Import Great Expectations now (about 2 s of CPU), to overlap it with a wait (a server starting)."""
    _gx()


def _gx():
    """Great Expectations, imported on first use."""
    if "great_expectations" not in sys.modules:
        for name in _DEFERRED:
            _defer_import(name)
    import great_expectations as gx

    # GX logs its internals (temporary folders, stores) at INFO, and some of its modules
    # pin their own logger to INFO: not news for a user.
    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return gx


def _run_identifier(run_name: str):
    from great_expectations.core.run_identifier import RunIdentifier

    return RunIdentifier(run_name=run_name)


def _context(docs_dir: Path):
    gx = _gx()
    ctx = gx.get_context(mode="ephemeral")
    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig
        ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    except (ImportError, AttributeError):  # older/newer GX: progress bars only cost log noise
        pass
    datadocs.configure_site(ctx, docs_dir)
    return ctx


def _to_gx(spec: ExpectationSpec):
    gx = _gx()
    cls = getattr(gx.expectations, spec.gx_type)
    # GX renders a description instead of its template: derived checks read as what they check,
    # not "values must belong to this set: True". `$` starts a template variable there.
    extra = {"description": spec.description.replace("$", "$$")} if spec.is_derived and spec.description else {}
    return cls(**spec.kwargs, **extra, meta={"name": spec.name, "blocking": spec.blocking,
                                             "advice": spec.advice})


# Expectations that look only at whether a column is there and which of its values are null.
_NULLNESS_ONLY = frozenset({"ExpectColumnToExist", "ExpectColumnValuesToNotBeNull"})


def _value_columns(specs: list[ExpectationSpec]) -> set[str]:
    """Columns some expectation of `specs` reads the values of (not only their nullness)."""
    return {spec.kwargs[k] for spec in specs if spec.gx_type not in _NULLNESS_ONLY
            for k in ("column", "column_A", "column_B") if k in spec.kwargs} | {
        c for spec in specs if spec.gx_type not in _NULLNESS_ONLY for c in spec.kwargs.get("column_list", ())}


def _for_gx(df: pd.DataFrame, values: set[str] | None = None) -> pd.DataFrame:
    """What GX sees: lists and maps as JSON text (its pandas metrics hash values), text HTML-escaped.

    Data Docs print failing values into the page unescaped; escaping before validation keeps
    markup in an article out of the pages and changes no outcome of our suites (vocabularies,
    codes and patterns hold no markup characters). A column outside `values` (when given) is
    checked only for existence and nulls: GX gets True where it holds a value, None where not, the
    same outcome and failing rows without a copy of every text and evidence (half the memory of
    validating a large corpus went into escaped copies GX never looked at).
    """
    out = df.reset_index(drop=True).copy()
    for col in out.columns:
        if values is not None and col not in values:
            out[col] = pd.Series(np.where(out[col].isna(), None, True), dtype=object)
        elif out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = [html.escape(json.dumps(list(v) if isinstance(v, tuple) else v, default=str))
                        if isinstance(v, (list, tuple, dict)) else html.escape(v) if isinstance(v, str) else v
                        for v in out[col]]
    return out


class _Validator:
    """One ephemeral GX context: runs suites on DataFrames and maps failures back to row positions."""

    def __init__(self, docs_dir: Path, run_id: str):
        self.gx = _gx()
        self.ctx = _context(docs_dir)
        self.source = self.ctx.data_sources.add_pandas("eventline")
        self.run_id = run_id

    def run(self, suite_name: str, specs: list[ExpectationSpec], frame: pd.DataFrame
            ) -> tuple[list[ExpectationResult], dict[int, list[str]]]:
        gx = self.gx
        suite = self.ctx.suites.add(gx.ExpectationSuite(name=suite_name, expectations=[_to_gx(s) for s in specs]))
        batch = self.source.add_dataframe_asset(suite_name).add_batch_definition_whole_dataframe("run")
        definition = self.ctx.validation_definitions.add(
            gx.ValidationDefinition(name=f"{suite_name}.{self.run_id}", data=batch, suite=suite))
        result = definition.run(batch_parameters={"dataframe": _for_gx(frame, _value_columns(specs))},
                                result_format={"result_format": "COMPLETE"}, run_id=_run_identifier(self.run_id))
        by_name = {s.name: s for s in specs}
        results, bad_rows = [], {}
        for r in result.results:
            spec = by_name[(r.expectation_config.meta or {})["name"]]
            raised = bool((r.exception_info or {}).get("raised_exception"))
            if raised:
                # A crashed expectation says nothing about which rows are bad: report it as
                # failed (the run's report fails) but remove no row on its account.
                log.error("expectation %s raised: %s", spec.name, (r.exception_info or {}).get("exception_message"))
            unexpected = int(r.result.get("unexpected_count") or 0)
            result_row = ExpectationResult(spec.name, spec.gx_type, spec.kwargs.get("column"),
                                           bool(r.success) and not raised, spec.blocking, unexpected,
                                           int(r.result.get("element_count") or len(frame)),
                                           spec.description, spec.threshold, spec.advice)
            results.append(result_row)
            if r.success or raised:
                continue
            for i in r.result.get("unexpected_index_list") or []:
                index = i if isinstance(i, int) else i.get("index") if isinstance(i, dict) else None
                if index is None:
                    continue
                if len(result_row.examples) < _EXAMPLES:
                    result_row.examples.append({"position": int(index)})
                if spec.blocking:
                    bad_rows.setdefault(int(index), []).append(spec.name)
        return results, bad_rows


def validate_tables(tables: dict[str, list[dict] | pa.Table], docs_dir: Path, run_id: str) -> ValidationOutcome:
    """Validate every curated table in foreign-key order; failing records go to quarantine.

    Per table, rows whose values cannot take the contract's types are removed first (a
    wrong type would make other expectations crash), then the full suite runs. A
    parent's failing rows are removed before its children are checked, so a child of a
    quarantined event fails its foreign-key expectation and is quarantined too.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    validator = _Validator(docs_dir, run_id)
    outcome = ValidationOutcome(tables={})
    sources = _sources(tables.get("articles", []))
    texts = None  # the validated articles' texts, read from the state a batch file at a time (StateArticles)
    for name in CURATED_TABLES:
        table = tables.get(name, [])
        from_state = isinstance(table, StateArticles)
        rows = _ArrowRows(table) if isinstance(table, pa.Table) else table
        df = _frame(name, table)
        type_ok = _types_ok(name, table)
        results, bad_rows = validator.run(f"eventline.{name}.types", [type_spec(name)],
                                          pd.DataFrame({"_check_row_types": type_ok}))
        _describe_examples(name, results, rows, list(range(len(rows))), sources)
        typed = [i for i in range(len(df)) if i not in bad_rows]
        checked = add_check_columns(name, _rows_at(df, typed), outcome.tables, table.texts() if from_state else texts)
        more, bad = validator.run(f"eventline.{name}", suite_specs(name), checked)
        del checked
        _describe_examples(name, more, rows, typed, sources)
        results += more
        for position, reasons in bad.items():
            bad_rows.setdefault(typed[position], []).extend(reasons)
        outcome.results[name] = results
        outcome.quarantine += _quarantine_rows(name, rows, bad_rows, sources)
        keep = [i for i in range(len(df)) if i not in bad_rows]
        outcome.kept[name] = keep
        outcome.tables[name] = _rows_at(df, keep)[_parent_columns(name)]
        if from_state:  # the spans and evidence of the later tables are checked against these texts
            texts = _take(table, keep).texts()
        log.info("validated %s: %d rows, %d quarantined, %d/%d expectations passed", name, len(df),
                 len(bad_rows), sum(r.success for r in results), len(results))
    datadocs.build(validator.ctx, docs_dir, run_id)
    return outcome


def _quarantine_rows(name: str, rows, bad_rows: dict[int, list[str]], sources: dict[str, str]) -> list[dict]:
    """One quarantine row per failing record: its table and key, the expectations it failed, the record."""
    out = []
    for index, reasons in sorted(bad_rows.items()):
        row = rows[index]
        out.append({
            "stage": "validate",
            "source_path": row.get("source_path") or sources.get(row.get("article_id")),
            "record_key": f"{name}:{record_key(name, row)}",
            "reason": "; ".join(sorted(set(reasons))),
            "payload": json.dumps(row, default=str, ensure_ascii=False),
        })
    return out


# ------------------------------------------------------------------- tables given as Arrow
# The articles and the tables of mentions come as Arrow (flows/merging.py): their texts and evidence stay
# Arrow columns through validation (pandas columns backed by them; GX sees only whether each is there, see
# _for_gx), and only the rows a report or the quarantine names become Python dicts.

class _ArrowRows:
    """An Arrow table read as rows one at a time, for the few rows a report or quarantine names."""

    def __init__(self, table: pa.Table):
        self.table = table

    def __len__(self) -> int:
        return self.table.num_rows

    def __getitem__(self, index: int) -> dict:
        return self.table.slice(index, 1).to_pylist()[0]


# Long texts of a table given as Arrow: a pandas column backed by the Arrow array (no Python string per
# value). No expectation reads their values (GX gets whether each is there, see _for_gx); the checks that
# compare them (add_check_columns) take one value at a time.
_ARROW_BACKED = ("text", "evidence")


def _frame(name: str, table: list[dict] | pa.Table | StateArticles) -> pd.DataFrame:
    """The table as a DataFrame of its contract's columns; an Arrow table's long texts stay Arrow-backed, and its
    other columns are the Python values a frame of its rows would hold (one object per distinct string). Articles
    whose texts are in the state get True for each text that is there (what GX is given of a text, see
    _for_gx): their checks read the texts from the state (add_check_columns)."""
    columns = TABLES[name].columns
    if isinstance(table, StateArticles):
        small = [c for c in columns if c != TEXT]
        df = pd.DataFrame({c: _values(table.table[c]) for c in small}, columns=small)
        present = np.full(len(table), True, dtype=object)
        if table.text_field.nullable:
            got = table.texts()
            ids = df["article_id"].tolist()
            for chunk in in_text_order(got, ids):
                for i in chunk:
                    present[i] = True if got.get(ids[i]) is not None else None
        df.insert(columns.index(TEXT), TEXT, pd.Series(present, dtype=object))
        return df
    if not isinstance(table, pa.Table):
        return pd.DataFrame(table, columns=columns)
    small = [c for c in columns if c not in _ARROW_BACKED]
    df = pd.DataFrame({c: _values(table[c]) for c in small}, columns=small)
    for c in columns:
        if c in _ARROW_BACKED:
            df.insert(columns.index(c), c, pd.Series(pd.arrays.ArrowExtensionArray(table[c])))
    return df


def _values(column: pa.ChunkedArray) -> list | np.ndarray:
    """A column's values as from rows: Python objects; strings as one object per distinct value (pyarrow's
    deduplicating conversion), ids and codes repeat down a table of mentions."""
    if pa.types.is_string(column.type):
        return column.to_pandas(deduplicate_objects=True).to_numpy(dtype=object)
    return column.to_pylist()


def _types_ok(name: str, table: list[dict] | pa.Table | StateArticles) -> list[bool]:
    """Per row: can it be stored with the contract's types? An Arrow table of those very types: every row."""
    if isinstance(table, StateArticles):
        schema = table.schema
        if all(c in schema.names for c in TABLES[name].columns) and _same_types(name, schema):
            return [True] * len(table)
        return row_types_ok(name, table.materialize().to_pylist())
    if not isinstance(table, pa.Table):
        return row_types_ok(name, table)
    if _same_types(name, table.select(TABLES[name].columns).schema):
        return [True] * table.num_rows
    return row_types_ok(name, table.to_pylist())


def _same_types(name: str, schema: pa.Schema) -> bool:
    contract = [(f.name, f.type, f.nullable) for f in arrow_schema(name)]
    return [(f.name, f.type, f.nullable) for f in (schema.field(c) for c in TABLES[name].columns)] == contract


def _sources(articles: list[dict] | pa.Table | StateArticles) -> dict[str, str]:
    """article_id -> source_path, to name the file of a failing record that has no source_path of its own."""
    if isinstance(articles, StateArticles):
        articles = articles.table
    if isinstance(articles, pa.Table):
        return dict(zip(articles["article_id"].to_pylist(), articles["source_path"].to_pylist()))
    return {a["article_id"]: a["source_path"] for a in articles}


def _rows_at(df: pd.DataFrame, positions: list[int]) -> pd.DataFrame:
    """The rows at `positions` (increasing), renumbered; all of df, uncopied, when they are every row."""
    return df.reset_index(drop=True) if len(positions) == len(df) else df.iloc[positions].reset_index(drop=True)


def _take(rows: list[dict] | pa.Table, positions: list[int]) -> list[dict] | pa.Table:
    """The rows at `positions` (increasing). An Arrow table's by a filter, chunk by chunk: pyarrow's take on a
    table of many chunks (one per state batch) first joins them all, a copy of every text."""
    if isinstance(rows, (pa.Table, StateArticles)):
        if len(positions) == len(rows):
            return rows
        keep = np.zeros(len(rows), dtype=bool)
        keep[positions] = True
        return rows.filter(pa.array(keep))
    return [rows[i] for i in positions]


def _parent_columns(name: str) -> list[str]:
    """What the checks of later tables read of a validated table: the columns their foreign keys name, and
    the articles' texts (spans and evidence are checked against them)."""
    wanted = {parent_col for t in CURATED_TABLES for _, parent, parent_col in TABLES[t].foreign_keys if parent == name}
    if name == "articles":
        wanted |= {"article_id", "text"}
    return [c for c in TABLES[name].columns if c in wanted]


def _describe_examples(table: str, results: list[ExpectationResult], rows: list[dict], positions: list[int],
                       sources: dict[str, str]) -> None:
    """Replace each example's frame position with what a reader needs: the record, its file, its evidence."""
    for result in results:
        described = []
        for example in result.examples:
            row = rows[positions[example["position"]]]
            real = bool(result.column) and not result.column.startswith("_check_")  # not a derived check
            value = row.get(result.column) if real else None
            described.append({
                "record_key": f"{table}:{record_key(table, row)}",
                "source_path": row.get("source_path") or sources.get(row.get("article_id")),
                "evidence": _shorten(str(row.get("evidence") or row.get("title") or row.get("name") or ""), 300),
                "value": ("null" if real else None) if value is None else _shorten(str(value), 120),
            })
        result.examples = described


def _shorten(text: str, limit: int) -> str:
    """The text, cut at a word within `limit` characters with an ellipsis when longer."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut) + "…"


def record_key(table: str, row: dict) -> str:
    """The row's identity: its id column, else its key columns."""
    spec = TABLES[table]
    ids = [f.name for f in spec.fields if f.unique]
    return "/".join(str(row.get(c)) for c in (ids or list(spec.key) or spec.columns[:1]))
