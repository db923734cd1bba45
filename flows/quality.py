"""Great Expectations validation of the curated tables, record quarantine and offline Data Docs."""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from schemas.expectations import ExpectationSpec, add_check_columns, suite_specs
from schemas.tables import CURATED_TABLES

log = logging.getLogger(__name__)
_SITE = "eventline"


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


@dataclass
class ValidationOutcome:
    """Validated tables (failing records removed), their quarantine rows and per-expectation results."""

    tables: dict[str, pd.DataFrame]
    kept: dict[str, list[int]] = field(default_factory=dict)  # positions of the rows that passed, per table
    quarantine: list[dict] = field(default_factory=list)
    results: dict[str, list[ExpectationResult]] = field(default_factory=dict)

    @property
    def passed(self) -> int:
        return sum(r.success for rs in self.results.values() for r in rs)

    @property
    def failed(self) -> int:
        return sum(not r.success for rs in self.results.values() for r in rs)

    @property
    def blocking_failed(self) -> int:
        return sum(not r.success and r.blocking for rs in self.results.values() for r in rs)


def _gx():
    import great_expectations as gx  # slow import (~4 s): only when validating
    return gx


def RunIdentifier(run_name: str):  # noqa: N802 - stands for the GX class, imported late
    from great_expectations.core.run_identifier import RunIdentifier as _RunIdentifier

    return _RunIdentifier(run_name=run_name)


def _context(docs_dir: Path):
    gx = _gx()
    ctx = gx.get_context(mode="ephemeral")
    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig
        ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    except (ImportError, AttributeError):  # older/newer GX: progress bars only cost log noise
        pass
    for site in list(ctx.get_site_names()):
        ctx.delete_data_docs_site(site)  # the default site writes outside the reports folder
    ctx.add_data_docs_site(_SITE, {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir.resolve())},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    return ctx


def _to_gx(spec: ExpectationSpec):
    gx = _gx()
    cls = getattr(gx.expectations, spec.gx_type)
    return cls(**spec.kwargs, meta={"name": spec.name, "blocking": spec.blocking})


def _for_gx(df: pd.DataFrame) -> pd.DataFrame:
    """List and map columns as text: GX's pandas metrics hash values, and lists are unhashable."""
    out = df.reset_index(drop=True).copy()
    for col in out.columns:
        if out[col].dtype == object and any(isinstance(v, (list, tuple, dict)) for v in out[col].head(50)):
            out[col] = [json.dumps(list(v) if isinstance(v, tuple) else v, default=str) for v in out[col]]
    return out


def validate_tables(tables: dict[str, pd.DataFrame], docs_dir: Path, run_id: str) -> ValidationOutcome:
    """Validate every curated table in foreign-key order; failing records go to quarantine.

    A parent's failing rows are removed before its children are checked, so a child of a
    quarantined event fails its foreign-key expectation and is quarantined too.
    """
    gx = _gx()
    docs_dir.mkdir(parents=True, exist_ok=True)
    ctx = _context(docs_dir)
    source = ctx.data_sources.add_pandas("eventline")
    outcome = ValidationOutcome(tables={})
    for name in CURATED_TABLES:
        df = tables[name].reset_index(drop=True)
        checked = _for_gx(add_check_columns(name, df, outcome.tables))
        specs = suite_specs(name)
        suite = ctx.suites.add(gx.ExpectationSuite(name=f"eventline.{name}", expectations=[_to_gx(s) for s in specs]))
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(f"{name}_run")
        definition = ctx.validation_definitions.add(gx.ValidationDefinition(name=f"{name}.{run_id}", data=batch,
                                                                            suite=suite))
        result = definition.run(batch_parameters={"dataframe": checked},
                                result_format={"result_format": "COMPLETE"}, run_id=RunIdentifier(run_name=run_id))
        bad_rows: dict[int, list[str]] = {}
        results = []
        by_name = {s.name: s for s in specs}
        for r in result.results:
            meta = r.expectation_config.meta or {}
            spec = by_name[meta["name"]]
            unexpected = r.result.get("unexpected_count") or 0
            if not r.success and r.result.get("unexpected_count") is None and spec.blocking:
                # A table-level failure (a missing column): every row fails.
                unexpected = len(df)
                for i in range(len(df)):
                    bad_rows.setdefault(i, []).append(spec.name)
            results.append(ExpectationResult(spec.name, spec.gx_type, spec.kwargs.get("column"), bool(r.success),
                                              spec.blocking, int(unexpected), int(r.result.get("element_count")
                                                                                 or len(df))))
            if not r.success and spec.blocking:
                for i in r.result.get("unexpected_index_list") or []:
                    index = i if isinstance(i, int) else i.get("index", None) if isinstance(i, dict) else None
                    if index is not None:
                        bad_rows.setdefault(int(index), []).append(spec.name)
        outcome.results[name] = results
        for index, reasons in sorted(bad_rows.items()):
            row = df.iloc[index].to_dict()
            outcome.quarantine.append({
                "stage": "validate",
                "source_path": None,
                "record_key": f"{name}:{_row_key(name, row)}",
                "reason": "; ".join(sorted(set(reasons))),
                "payload": json.dumps(row, default=str, ensure_ascii=False),
            })
        keep = [i for i in range(len(df)) if i not in bad_rows]
        outcome.kept[name] = keep
        outcome.tables[name] = df.iloc[keep].reset_index(drop=True)
        log.info("validated %s: %d rows, %d quarantined, %d/%d expectations passed", name, len(df),
                 len(bad_rows), sum(r.success for r in results), len(results))
    _build_docs(ctx, docs_dir)
    return outcome


def _row_key(table: str, row: dict) -> str:
    for col in ("commitment_id", "event_id", "entity_id", "article_id"):
        if row.get(col) is not None:
            if table == "participants" and col == "event_id":
                return f"{row['event_id']}/{row.get('entity_id')}"
            return str(row[col])
    return "?"


_EXTERNAL_TAG = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?",
                           re.I | re.S)
_EXTERNAL_URL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s\"')<>]*", re.I)
_OFFLINE_CSS = """<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
.alert-danger,.text-danger{color:#a00}.text-success{color:#070}nav,.navbar{display:block;margin-bottom:1rem}
</style>"""


def _build_docs(ctx, docs_dir: Path) -> None:
    """Render Data Docs, then make them readable offline: no CDN CSS/JS, no outside URLs."""
    try:
        ctx.build_data_docs(site_names=[_SITE])
    except Exception as exc:  # docs are a convenience; latest.json and summary.html carry the results
        log.warning("Data Docs could not be built (%s); see data/reports/summary.html", exc)
        return
    for page in [*docs_dir.rglob("*.html"), *docs_dir.rglob("*.css")]:
        content = page.read_text(encoding="utf-8")
        if page.suffix == ".html":
            content = _EXTERNAL_TAG.sub("", content).replace("</head>", _OFFLINE_CSS + "</head>", 1)
        if page == docs_dir / "index.html":
            content = content.replace("<body>", "<body>" + _static_index(docs_dir), 1)
        page.write_text(_EXTERNAL_URL.sub("#", content), encoding="utf-8")


def _static_index(docs_dir: Path) -> str:
    """Links to every validation result and suite page: GX fills its index tables with CDN JavaScript."""
    items = []
    for folder, label in (("validations", "Validation results"), ("expectations", "Expectation suites")):
        # Validation pages sit under .../<run>/<timestamp>/: newest run first.
        links = sorted(docs_dir.glob(f"{folder}/**/*.html"), key=lambda p: (p.parent.name, p.as_posix()),
                       reverse=folder == "validations")
        items.append(f"<h2>{label}</h2><ul>" + "".join(
            f"<li><a href='{html.escape(p.relative_to(docs_dir).as_posix())}'>"
            f"{html.escape(p.relative_to(docs_dir / folder).as_posix())}</a></li>" for p in links) + "</ul>")
    return "<section id='eventline-index'><h1>eventline Data Docs</h1>" + "".join(items) + "</section>"
