"""When the worker processes of a run start before its flow: only when the run will surely map batches over them."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventline.settings import RunSettings
from flows import runners
from flows.store import CuratedStore


def _raw(folder: Path, articles: int, sidecars: int = 0) -> Path:
    folder.mkdir(parents=True)
    for i in range(articles):
        (folder / f"a{i}.txt").write_text("Leaders met.\n", encoding="utf-8")
    for i in range(sidecars):
        (folder / f"a{i}.meta.json").write_text("{}", encoding="utf-8")
    (folder / ".hidden").write_text("x", encoding="utf-8")
    return folder


def _settings(tmp_path: Path, raw: Path | str, **options) -> RunSettings:
    return RunSettings(raw_dir=raw, curated_dir=tmp_path / "curated", reports_dir=tmp_path / "reports",
                       batch_size=2, **options)


def test_a_first_run_of_more_files_than_a_batch_starts_them_early(tmp_path):
    raw = _raw(tmp_path / "raw", 3)
    assert runners._worth_starting_early(_settings(tmp_path, raw))
    assert runners._worth_starting_early(_settings(tmp_path, raw, workers=3))


@pytest.mark.parametrize("options", [{"workers": 1}, {"processes": False}, {"dask_address": "tcp://127.0.0.1:8786"}])
def test_threads_or_a_cluster_start_no_worker_early(tmp_path, options):
    raw = _raw(tmp_path / "raw", 3)
    assert not runners._worth_starting_early(_settings(tmp_path, raw, **options))


def test_one_batch_of_files_starts_no_worker_early_and_sidecars_are_not_counted(tmp_path):
    raw = _raw(tmp_path / "raw", 2, sidecars=2)
    assert not runners._worth_starting_early(_settings(tmp_path, raw))


def test_raw_on_object_storage_starts_no_worker_early(tmp_path):
    assert not runners._worth_starting_early(_settings(tmp_path, "s3://bucket/raw"))


def test_an_incremental_run_after_a_commit_waits_for_its_map_unless_full(tmp_path):
    raw = _raw(tmp_path / "raw", 3)
    store = CuratedStore(tmp_path / "curated")
    generation = store.begin("gen_1")
    generation.finish({"run": {"articles_seen": 3}})
    store.commit(generation)
    assert store.current() is not None
    assert not runners._worth_starting_early(_settings(tmp_path, raw))
    assert runners._worth_starting_early(_settings(tmp_path, raw, full=True))


def test_workers_started_early_and_never_taken_are_stopped(tmp_path, monkeypatch):
    from prefect.task_runners import ProcessPoolTaskRunner

    stopped = []

    class Pool(ProcessPoolTaskRunner):
        def __exit__(self, *exc):
            stopped.append(self._max_workers)
            return super().__exit__(*exc)

    monkeypatch.setattr(runners, "ProcessPoolTaskRunner", Pool)
    raw = _raw(tmp_path / "raw", 3)
    with runners.workers_started_early(_settings(tmp_path, raw)):
        assert len(runners._started) == 1
    assert runners._started == [] and stopped == [2]
    with runners.workers_started_early(_settings(tmp_path, raw, workers=1)):
        assert runners._started == []
    assert stopped == [2]


@pytest.mark.parametrize("options, batches, elsewhere", [
    ({}, 2, True), ({}, 1, False), ({"workers": 1}, 5, False), ({"processes": False}, 5, False),
    ({"workers": 1, "dask_address": "tcp://127.0.0.1:8786"}, 1, True)])
def test_batches_run_elsewhere_as_the_task_runner_places_them(tmp_path, options, batches, elsewhere):
    assert runners.batches_run_elsewhere(_settings(tmp_path, tmp_path / "raw", **options), batches) is elsewhere
