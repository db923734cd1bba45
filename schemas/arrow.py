"""Arrow schemas generated from the table registry, and the writer's enforcement."""

from __future__ import annotations

import json

import pyarrow as pa

from schemas.tables import SCHEMA_VERSION, TABLES, Table

_ARROW_TYPES = {
    "string": pa.string(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float32": pa.float32(),
    "list<string>": pa.list_(pa.string()),
    "map<string,int64>": pa.map_(pa.string(), pa.int64()),
}


def arrow_schema(table: Table | str) -> pa.Schema:
    """The Arrow schema of a curated table, with schema_version in its metadata."""
    table = TABLES[table] if isinstance(table, str) else table
    fields = [
        pa.field(f.name, _ARROW_TYPES[f.type], nullable=f.nullable,
                 metadata={"description": f.description} if f.description else None)
        for f in table.fields
    ]
    return pa.schema(fields, metadata={
        "schema_version": SCHEMA_VERSION,
        "table": table.name,
        "grain": table.grain,
        # Field metadata lives inside the ARROW:schema blob, which Polars and DuckDB do not read;
        # the same descriptions as one file-level key are visible to both (docs/CODEBOOK.md).
        "column_descriptions": json.dumps({f.name: f.description for f in table.fields}, ensure_ascii=False),
    })


def enforce_schema(rows: list[dict], table: Table | str) -> pa.Table:
    """Build an Arrow table with exactly the contract's columns and types.

    Raises ValueError naming the column when a value cannot take the declared
    type, or when a non-nullable column holds nulls.
    """
    schema = arrow_schema(table)
    columns = {}
    for field in schema:
        values = [row.get(field.name) for row in rows]
        if field.type == pa.list_(pa.string()):
            values = [sorted(set(v)) if v is not None else None for v in values]
        try:
            columns[field.name] = pa.array(values, type=field.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
            raise ValueError(f"column {field.name}: {exc}") from exc
        if not field.nullable and columns[field.name].null_count:
            raise ValueError(f"column {field.name}: {columns[field.name].null_count} null value(s) "
                             "in a non-nullable column")
    return pa.Table.from_pydict(columns, schema=schema)
