"""The README's recipes (```python recipe blocks) run against a real fixture run and print what they promise."""

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
RECIPES = re.findall(r"```python recipe\n(.*?)```", README, flags=re.S)
OTHER_PYTHON = re.findall(r"```python\n(.*?)```", README, flags=re.S)  # every other Python block


def test_readme_has_the_recipes():
    assert len(RECIPES) == 4


@pytest.fixture(scope="module")
def outputs(two_runs):
    """Each recipe's printed output, run from the folder that holds data/ (as a user would)."""
    here = os.getcwd()
    os.chdir(two_runs.parent)
    try:
        printed = []
        for recipe in RECIPES:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(recipe, "README.md recipe", "exec"), {})
            printed.append(out.getvalue())
        return printed
    finally:
        os.chdir(here)


def test_country_timeline_recipe(outputs):
    out = outputs[0]
    assert out.index("2024-03-04") < out.index("2024-04-10")
    assert "Ulaanbaatar" in out and "Astana" in out


def test_who_met_whom_recipe(outputs):
    pair = re.search(r"Battsetseg Batmunkh\s*│\s*Murat Nurtleu\s*│\s*(\d+)", outputs[1])
    assert pair and int(pair.group(1)) == 2


def test_commitments_by_topic_and_party_recipe(outputs):
    out = outputs[2]
    assert re.search(r"economy_trade\s+CHL\s+\d", out) or re.search(r"\w+\s+CHL\s+\d", out)
    assert "KAZ" in out and "MNG" in out
    assert "shape:" in out  # the Polars frame printed too


def test_quarantine_latest_recipe(outputs):
    out = outputs[3]
    assert "broken.txt" in out and "UTF-8" in out
    assert out.count("broken.txt") == 1  # the latest run only, not once per run


def test_every_other_python_block_runs(two_runs):
    """Python blocks that are not recipes run too (a rotten snippet is as bad as a rotten recipe)."""
    assert OTHER_PYTHON, "the README's other Python blocks were not found"
    here = os.getcwd()
    os.chdir(two_runs.parent)
    try:
        for block in OTHER_PYTHON:
            namespace: dict = {}
            exec(compile(block, "README.md python block", "exec"), namespace)
    finally:
        os.chdir(here)
