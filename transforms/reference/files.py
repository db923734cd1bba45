"""Where the reference files are and how their text is read.

Files are found through the installed ``reference`` package (importlib.resources), so a
wheel install reads the same files as a checkout; never through a path of the repository.
A missing file is an error, never an empty table.
"""

from __future__ import annotations

import csv
import io
import re
from importlib import resources
from importlib.resources.abc import Traversable

import yaml

_PACKAGE = "reference"
_VERSION = re.compile(r"\d{4}\.\d{2}\.\d+")


class ReferenceDataError(ValueError):
    """A reference file is missing or breaks its schema; the message names the file and the entry."""


def _root() -> Traversable:
    return resources.files(_PACKAGE)


def _path(name: str) -> Traversable:
    return _root().joinpath(*name.split("/"))


def read_text(name: str) -> str:
    """The text of reference/<name>; ReferenceDataError when the file is missing."""
    path = _path(name)
    if not path.is_file():
        raise ReferenceDataError(
            f"reference/{name} is missing: restore it (git checkout -- reference/{name}) or reinstall "
            f"eventline; every reference file is required (see reference/README.md)")
    return path.read_text(encoding="utf-8")


def read_bytes(name: str) -> bytes:
    """The bytes of reference/<name> (a file listed by all_files())."""
    return _path(name).read_bytes()


def read_yaml(name: str):
    """The parsed YAML of reference/<name> (libyaml when available: several times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(read_text(name), Loader=loader)
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"reference/{name} is not valid YAML: {exc}") from None


def read_csv(name: str, header: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of reference/<name>, values stripped; the header must be exactly `header`."""
    reader = csv.reader(io.StringIO(read_text(name), newline=""))
    found = tuple(h.strip() for h in next(reader, []))
    if found != header:
        raise ReferenceDataError(f"reference/{name}: header {','.join(found)!r} should be {','.join(header)!r}")
    rows = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ReferenceDataError(f"reference/{name} line {line}: {len(row)} fields, expected {len(header)}")
        rows.append((line, {h: v.strip() for h, v in zip(header, row)}))
    return rows


def read_tsv(name: str, columns: int, required: int) -> list[tuple[int, str, list[str]]]:
    """(line number, section, fields) of every row of a tab-separated file (the first `required` fields
    given, the others may be left off); '#' lines are comments and '## name' lines open a section."""
    out = []
    section = ""
    for line, text in enumerate(read_text(name).splitlines(), start=1):
        if text.startswith("## "):
            section = text[3:].strip()
            continue
        if not text.strip() or text.startswith("#"):
            continue
        fields = text.split("\t")
        if not required <= len(fields) <= columns:
            raise ReferenceDataError(f"reference/{name} line {line}: {len(fields)} fields, expected {required} "
                                     f"to {columns} separated by tabs")
        out.append((line, section, fields + [""] * (columns - len(fields))))
    return out


def version() -> str:
    """The data version in reference/VERSION (YYYY.MM.N): recorded in every runs row."""
    text = read_text("VERSION").strip()
    if not _VERSION.fullmatch(text):
        raise ReferenceDataError(f"reference/VERSION holds {text!r}; it must be YYYY.MM.N (see reference/README.md)")
    return text


def all_files() -> list[str]:
    """Every file under reference/ (relative names, '/'-separated), for the checks that cover them all."""
    out = []

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            if child.name.startswith((".", "__pycache__")):
                continue
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            else:
                out.append(prefix + child.name)

    walk(_root(), "")
    return sorted(out)
