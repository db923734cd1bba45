"""benchmarks/phases.py runs a whole run in one process and reports the CPU of every phase (the figures are not tested)."""

from pathlib import Path

from benchmarks import phases

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"


def test_every_phase_of_a_run_is_timed(capsys):
    assert phases.main(["--raw", str(FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 articles from")
    for name in ("imports", "gx_import", "open", "discover", "plan", "extract", "merge", "validate", "publish", "total"):
        assert f"  {name} " in out


def test_a_phase_adds_up_its_calls_and_is_profiled_but_extraction(tmp_path):
    timer = phases.Phases(tmp_path)
    merge, extract = timer.timed("merge", sum), timer.timed("extract", sum)
    assert merge([1, 2]) == 3 and merge([3]) == 3 and extract([4]) == 4
    assert set(timer.cpu) == {"merge", "extract"} and all(v >= 0 for v in timer.cpu.values())
    assert [p.name for p in tmp_path.iterdir()] == ["merge.prof"]
