"""Curated tables read as rows (dicts) for scoring."""

from __future__ import annotations

from pathlib import Path

TABLES = ("articles", "events", "participants", "entities", "commitments")


def load_tables(curated: str | Path, names: tuple[str, ...] = TABLES) -> dict[str, list[dict]]:
    """Rows (as dicts) of each curated table; a missing table is an empty list."""
    import pyarrow.dataset as ds

    curated = Path(curated)
    out: dict[str, list[dict]] = {}
    for name in names:
        path = curated / name
        if not path.exists() or not any(p.suffix == ".parquet" for p in path.rglob("*")):
            out[name] = []
            continue
        out[name] = ds.dataset(str(path), format="parquet").to_table().to_pylist()
    return out
