"""File effects: whole or not at all, each one a named step; preflight names the problem."""

import pytest

from flows import io


def test_write_file_replaces_whole_and_announces_each_step(tmp_path, monkeypatch):
    steps = []
    monkeypatch.setattr(io, "write_step", lambda step, path: steps.append((step, path.name)))
    target = tmp_path / "latest.json"
    target.write_text("old")
    io.write_file(target, lambda tmp: tmp.write_text("new"))
    assert target.read_text() == "new"
    assert [s for s, _ in steps] == ["write", "rename"] and steps[0][1].startswith(".latest.json.tmp-")
    assert [p.name for p in tmp_path.iterdir()] == ["latest.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "summary.html"
    target.write_text("old")

    def boom(tmp):
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(io.FatalRunError, match="disk is full"):
        io.write_file(target, boom)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["summary.html"]


def test_link_replaces_a_link_in_one_rename(tmp_path):
    io.link("a", tmp_path / "current")
    io.link("b", tmp_path / "current")
    assert (tmp_path / "current").readlink().name == "b"
    assert [p.name for p in tmp_path.iterdir()] == ["current"]


def test_preflight_names_the_problem(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "curated_file").write_text("")
    with pytest.raises(io.FatalRunError, match="is a file"):
        io.preflight(tmp_path / "raw", tmp_path / "curated_file", tmp_path / "reports")
    with pytest.raises(io.FatalRunError, match="does not exist"):
        io.preflight(tmp_path / "nope", tmp_path / "c", tmp_path / "r")
    io.preflight(tmp_path / "raw", tmp_path / "c", tmp_path / "r")
