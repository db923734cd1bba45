"""Extraction records as Arrow rows and back: how per-article results are kept in the incremental state.

The Arrow schema of a record type is derived from its dataclass fields (one declaration: the
record itself), so a field added to `EventMention` is kept without a second list to update.
Values round-trip exactly: strings, ints, floats (float64), booleans, dates, tuples of strings
and tuples of nested records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import lru_cache

import pyarrow as pa

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), dt.date: pa.date32()}


def _arrow_type(hint) -> tuple[pa.DataType, type | None]:
    """(Arrow type, nested record type of a tuple field or None) of one field's type hint."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return _arrow_type(args[0])
    if typing.get_origin(hint) is tuple:
        item = args[0]
        if dataclasses.is_dataclass(item):
            return pa.list_(pa.struct(list(record_schema(item)))), item
        return pa.list_(_SCALARS[item]), None
    return _SCALARS[hint], None


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[tuple[str, pa.DataType, type | None], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, *_arrow_type(hints[f.name])) for f in dataclasses.fields(cls))


@lru_cache(maxsize=None)
def record_schema(cls: type) -> pa.Schema:
    """The Arrow schema of a record dataclass (EventMention, CommitmentMention, ParticipantMention)."""
    return pa.schema([pa.field(name, kind) for name, kind, _ in _fields(cls)])


def to_arrow(records: list, cls: type, extra: dict[str, pa.Array] | None = None) -> pa.Table:
    """Records as one Arrow table, with `extra` columns (one value per record) in front."""
    schema = record_schema(cls)
    columns = {name: pa.array([getattr(r, name) for r in records], type=kind) if nested is None
               else pa.array([[_as_dict(x, nested) for x in getattr(r, name)] for r in records], type=kind)
               for name, kind, nested in _fields(cls)}
    table = pa.Table.from_pydict(columns, schema=schema)
    for i, (name, values) in enumerate((extra or {}).items()):
        table = table.add_column(i, name, values)
    return table


def _as_dict(record, cls: type) -> dict:
    """A nested record as the dict `dataclasses.asdict` gives for these field types, without its deep copy of
    every value (a tenth of a batch's extraction time went into copying strings and ints)."""
    return {name: getattr(record, name) if nested is None else [_as_dict(x, nested) for x in getattr(record, name)]
            for name, _, nested in _fields(cls)}


def from_rows(rows: list[dict], cls: type, shared: dict[str, str] | None = None) -> list:
    """Records from Arrow rows (`to_pylist()`); columns that are no field of `cls` are ignored.

    `shared`: short strings seen before (types, codes, roles, names), so that equal values are one object.
    """
    fields = _fields(cls)
    out = []
    for row in rows:
        values = {}
        for name, _, nested in fields:
            value = row[name]
            if nested is not None:
                value = tuple(nested(**_shared_values(x, shared)) for x in value)
            elif isinstance(value, list):
                value = tuple(_share(v, shared) for v in value)
            else:
                value = _share(value, shared, name in ARTICLE_FIELDS)
            values[name] = value
        out.append(cls(**values))
    return out


# Strings up to this length are shared between records (one object per distinct value): vocabularies,
# country codes, roles and names repeat across a corpus; longer text (evidence) rarely does.
SHARED_MAX_CHARS = 48
# Fields that repeat their article's value in each of its mentions: shared whatever their length.
ARTICLE_FIELDS = frozenset({"article_id", "source_path", "document"})


def _share(value, shared: dict[str, str] | None, any_length: bool = False):
    if shared is None or type(value) is not str or (len(value) > SHARED_MAX_CHARS and not any_length):
        return value
    return shared.setdefault(value, value)


def _shared_values(row: dict, shared: dict[str, str] | None) -> dict:
    return row if shared is None else {k: _share(v, shared) for k, v in row.items()}


def iter_rows(table: pa.Table, chunk_rows: int = 2048) -> typing.Iterator[dict]:
    """The rows of an Arrow table as dicts, converted a chunk at a time: never all of them at once."""
    for batch in table.to_batches(max_chunksize=chunk_rows):
        yield from batch.to_pylist()


def from_table(table: pa.Table, cls: type, shared: dict[str, str] | None = None, chunk_rows: int = 2048) -> list:
    """Records from an Arrow table, converted a chunk of rows at a time: the rows as Python dicts are never
    all held at once beside the records (the merge of a large corpus holds every mention), and short
    strings are shared between records (and with earlier calls given the same `shared`)."""
    shared = {} if shared is None else shared
    out: list = []
    for batch in table.to_batches(max_chunksize=chunk_rows):
        out += from_rows(batch.to_pylist(), cls, shared)
    return out
