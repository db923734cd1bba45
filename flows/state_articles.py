"""The articles table as the merge hands it on: every column but the texts, which stay in the state's batch files.

The texts are most of the articles table (about 3 KB an article) and the largest thing a run held from the
merge to the Parquet files. `StateArticles` holds the other columns and where each article's row is in the
state (its file and position, the batch file that holds them); the texts are read a batch file at a time,
when validation checks them (flows/quality.py: the checksums, the spans and evidence of the tables of
mentions, in article order) and when the table is written (flows/publish.py). A row that a report or the
quarantine names is read whole, its text with it.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows import state
from flows.files import LocalFiles, ObjectFiles

TEXT = "text"
_KEYS = ["file", "position"]


class StateArticles:
    """Kept articles whose texts are read from the state when asked. `table`: their rows without the text, with
    their keys in the state (file, position), in raw-folder order; `columns`: the table's columns in the state's
    order (text included, keys not); `live`: batch -> the files whose live rows it holds."""

    def __init__(self, table: pa.Table, files: LocalFiles | ObjectFiles, folder: str, live: dict[str, list[str]],
                 columns: list[str], text_field: pa.Field):
        self.table, self.files, self.folder, self.live = table, files, folder, live
        self.columns, self.text_field = columns, text_field
        self._keys: pa.Array | None = None

    def __len__(self) -> int:
        return self.table.num_rows

    @property
    def without_text(self) -> pa.Table:
        """The articles' columns but the text (and the keys), in the table's order."""
        return self.table.select([c for c in self.columns if c != TEXT])

    @property
    def schema(self) -> pa.Schema:
        """The table's schema as the state holds it (text included)."""
        fields = {f.name: f for f in self.table.schema}
        return pa.schema([self.text_field if c == TEXT else fields[c] for c in self.columns])

    def filter(self, mask: pa.Array) -> "StateArticles":
        return StateArticles(self.table.filter(mask), self.files, self.folder, self.live, self.columns,
                             self.text_field)

    # ---- where each article is

    def keys(self) -> pa.Array:
        """Each row's key in the state (state.article_keys), one array (a take from a table's many chunks would
        join them all first, at every batch file read)."""
        if self._keys is None:
            self._keys = state._keys(self.table["file"], self.table["position"]).combine_chunks()
        return self._keys

    def _batches(self) -> tuple[list[str], np.ndarray]:
        """The batch names, and per row the index of the batch file that holds it."""
        names = sorted(self.live)
        of_file = {path: i for i, batch in enumerate(names) for path in self.live[batch]}
        files = self.table["file"].to_pylist()
        return names, np.fromiter((of_file[f] for f in files), dtype=np.int32, count=len(files))

    def _read(self, batch: str, rows: np.ndarray, columns: list[str] | None = None) -> pa.Table:
        """The state's rows of batch file `batch` that are the rows `rows` of this table (in the file's order)."""
        with self.files.open_read(state.batch_path(self.folder, "articles", batch)) as fh:
            part = pq.read_table(fh, columns=columns)
        wanted = self.keys().take(pa.array(rows))
        return part.filter(pc.is_in(state._keys(part["file"], part["position"]), value_set=wanted))

    def parts(self, rows: np.ndarray | None = None, columns: list[str] | None = None) -> Iterator[pa.Table]:
        """The state's rows of these articles (of `rows` only, when given), whole, one batch file at a time."""
        names, batch_of = self._batches()
        picked = np.arange(len(self), dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
        if not len(picked):
            return
        order = picked[np.argsort(batch_of[picked], kind="stable")]
        cuts = np.flatnonzero(np.diff(batch_of[order])) + 1
        for group in np.split(order, cuts):
            yield self._read(names[batch_of[group[0]]], group, columns)

    def materialize(self) -> pa.Table:
        """The whole table, texts included, in this table's order (for a small table, or a row that fails)."""
        keys = self.keys()
        parts = list(self.parts())
        if not parts:
            return self.schema.empty_table()
        whole = pa.concat_tables(parts)
        at = pc.index_in(keys, value_set=state._keys(whole["file"], whole["position"]).combine_chunks())
        return whole.take(at).select(self.columns)

    def __getitem__(self, index: int) -> dict:
        """One row as a dict (the text read from its batch file), as `to_pylist()` of the whole table gives it."""
        return next(self.parts(np.array([index]), [*_KEYS, *self.columns])).select(self.columns).to_pylist()[0]

    # ---- the texts, a batch file at a time

    def texts(self) -> "Texts":
        return Texts(self)


class Texts:
    """article_id -> text of the articles of a StateArticles, read a batch file at a time (the last one kept).

    `order(article_id)` is where the text is: asked in that order, every batch file is read once."""

    def __init__(self, articles: StateArticles):
        self.articles = articles
        self.names, batch_of = articles._batches()
        self._batch = dict(zip(articles.table["article_id"].to_pylist(), batch_of.tolist()))
        self._rows: dict[int, np.ndarray] = {}
        if len(batch_of):
            order = np.argsort(batch_of, kind="stable")
            cuts = np.flatnonzero(np.diff(batch_of[order])) + 1
            self._rows = {int(batch_of[g[0]]): g for g in np.split(order, cuts)}
        self._loaded: tuple[int | None, dict[str, str]] = (None, {})

    def order(self, article_id) -> int:
        return self._batch.get(article_id, -1)

    def get(self, article_id) -> str | None:
        batch = self._batch.get(article_id)
        if batch is None:
            return None
        if self._loaded[0] != batch:
            part = self.articles._read(self.names[batch], self._rows[batch], [*_KEYS, "article_id", TEXT])
            self._loaded = (batch, dict(zip(part["article_id"].to_pylist(), part[TEXT].to_pylist())))
        text = self._loaded[1].get(article_id)
        return text if isinstance(text, str) else None
