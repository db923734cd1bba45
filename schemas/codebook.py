"""docs/CODEBOOK.md, generated from the table registry and the vocabularies.

Run `python -m schemas.codebook` to rewrite it; tests/schemas/test_codebook.py checks that
the committed file equals what this module generates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from schemas import vocab
from schemas.tables import SCHEMA_VERSION, TABLES, Field

CODEBOOK_PATH = Path(__file__).resolve().parents[1] / "docs" / "CODEBOOK.md"

# Vocabulary tuples with their definitions, by the name the column docs refer to.
VOCABULARIES = {
    "event_type": vocab.EVENT_TYPE_TERMS,
    "status (events)": vocab.EVENT_STATUS_TERMS,
    "date_precision": vocab.DATE_PRECISION_TERMS,
    "due_precision": vocab.DUE_PRECISION_TERMS,
    "entity_type": vocab.ENTITY_TYPE_TERMS,
    "role": vocab.ROLE_TERMS,
    "modality": vocab.MODALITY_TERMS,
    "topic": vocab.TOPIC_TERMS,
    "published_date_source": vocab.PUBLISHED_DATE_SOURCE_TERMS,
    "stage (quarantine)": vocab.QUARANTINE_STAGE_TERMS,
    "status (runs)": vocab.RUN_STATUS_TERMS,
}

_DATES = """## Dates and their precision

A date is stored as a span and a precision, never as a string: `start_date` and `end_date`
(Arrow `date32`) are the first and the last day the text's expression covers, and
`date_precision` says how precise that expression was.

| the text says | start_date | end_date | date_precision |
|---|---|---|---|
| "on April 26, 2023" | 2023-04-26 | 2023-04-26 | `day` |
| "April 26-27" (published 2023-05-02) | 2023-04-26 | 2023-04-27 | `day` |
| "in May 2023", "this month" | 2023-05-01 | 2023-05-31 | `month` |
| "the third quarter of 2023" | 2023-07-01 | 2023-09-30 | `quarter` |
| "in 2022", "last year" (published in 2023) | 2022-01-01 | 2022-12-31 | `year` |
| no date | null | null | `unknown` |

So a month-precision event is not "on the 1st": filter on `date_precision` before counting
by day, and count by month or year only events at least that precise. A commitment's
`due_date` is the last day of its target period ("by 2030" is 2030-12-31) with
`due_precision` beside it.
"""

_WHERE = """## Where the descriptions are in the files

Each column's description (the tables above) is in every Parquet file twice: as the Arrow
field's metadata (`description`), and, for readers that do not read Arrow field metadata,
as one JSON object under the file's key-value metadata key `column_descriptions`.

| reader | how to see them |
|---|---|
| pyarrow | `pq.read_schema(path).field("event_type").metadata[b"description"]` |
| DuckDB | `eventline.readers.duckdb_connect("data/curated")` sets them as column comments: `select column_name, comment from duckdb_columns() where table_name = 'events'` (`DESCRIBE` shows no comments); on a bare file, `select value from parquet_kv_metadata(path) where key = 'column_descriptions'` |
| Polars | `polars.read_parquet_metadata(path)["column_descriptions"]` (Polars schemas carry no field metadata) |
| pandas | `json.loads(pq.read_metadata(path).metadata[b"column_descriptions"])` |
"""


def _type(f: Field) -> str:
    return f"{f.type}{'?' if f.nullable else ''}"


def _constraints(f: Field, table: str) -> str:
    notes = []
    if f.unique:
        notes.append("unique")
    if f.allowed:
        notes.append("one of " + ", ".join(f"`{v}`" for v in f.allowed))
    if f.iso3:
        notes.append("ISO 3166-1 alpha-3")
    return "; ".join(notes)


def render_codebook() -> str:
    """The whole codebook as Markdown."""
    out = [f"# eventline codebook (schema_version {SCHEMA_VERSION})", "",
           "Generated from `schemas/` by `python -m schemas.codebook`; do not edit by hand. Types are Arrow "
           "types (`?` = nullable); `list<string>` is sorted and de-duplicated.", ""]
    out += ["## Tables", ""]
    for table in TABLES.values():
        out += [f"### {table.name}", "", f"Grain: {table.grain}.", ""]
        if table.key:
            out += [f"Key: ({', '.join(table.key)}), unique together.", ""]
        if table.foreign_keys:
            out += ["Foreign keys: " + "; ".join(f"`{c}` -> `{t}.{pc}`" for c, t, pc in table.foreign_keys) + ".", ""]
        if table.partition_year_of:
            out += [f"Files: hive-partitioned by the year of `{table.partition_year_of}`: "
                    f"`{table.name}/year=2024/*.parquet` (`year=0`: no `{table.partition_year_of}`); read "
                    f"`{table.name}/**/*.parquet` with `hive_partitioning=true` for a `year` column (not a "
                    "contract column: its type is each reader's own), or the folder (pyarrow, pandas, "
                    "`eventline.readers`). Rows in a file are sorted by "
                    f"`{table.partition_year_of}`.", ""]
        if table.append_only:
            out += ["Kept across runs: each run adds its rows (filter on the latest `run_id`, or use the "
                    "`quarantine_latest` view of `duckdb_connect`).", ""]
        out += ["| column | type | description | constraints |", "|---|---|---|---|"]
        out += [f"| `{f.name}` | {_type(f)} | {f.description} | {_constraints(f, table.name)} |" for f in table.fields]
        out.append("")
    out += ["## Vocabularies", ""]
    for name, terms in VOCABULARIES.items():
        out += [f"### {name}", "", "| value | definition |", "|---|---|"]
        out += [f"| `{term}` | {definition} |" for term, definition in terms.items()]
        out.append("")
    out += ["## PLOVER mapping", "",
            "`events.plover_type` is the PLOVER event type (Halterman et al.) of the event's `event_type`; "
            "null where PLOVER has no type for it.", "", "| event_type | plover_type |", "|---|---|"]
    out += [f"| `{t}` | {f'`{p}`' if p else 'null'} |" for t, p in vocab.PLOVER_BY_EVENT_TYPE.items()]
    out += ["", "| plover_type | meaning |", "|---|---|"]
    out += [f"| `{p}` | {meaning} |" for p, meaning in vocab.PLOVER_TERMS.items()]
    out += ["", _DATES, _WHERE]
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str]) -> int:
    """Write docs/CODEBOOK.md (or print it with --stdout)."""
    text = render_codebook()
    if "--stdout" in argv:
        sys.stdout.write(text)
    else:
        CODEBOOK_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {CODEBOOK_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
