"""One strict loader for every file under reference/ (the versioned rules and gazetteers).

``load(name)`` reads reference/<name> through the installed package, validates it against
its schema and returns a frozen model (cached): a missing file raises, and unknown fields,
unknown vocabulary values (schemas/vocab.py) and patterns that do not compile are refused
with a ``ReferenceDataError`` naming the file and the entry. ``reference_version()`` is
reference/VERSION, recorded in every runs row. Schemas: one module per folder of
reference/ (gazetteers, names, dates, events, commitments, text); reference/README.md
describes every file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from transforms.reference import commitments, dates, events, gazetteers, names, text
from transforms.reference.files import ReferenceDataError, all_files, read_csv, read_tsv, read_yaml
from transforms.reference.files import version as reference_version

__all__ = ["FILES", "ReferenceDataError", "load", "reference_version", "rows", "word_set", "word_sets"]


@dataclass(frozen=True)
class _Yaml:
    model: type[BaseModel]


@dataclass(frozen=True)
class _Csv:
    row: type[BaseModel]


@dataclass(frozen=True)
class _Tsv:
    row: type[BaseModel]
    columns: tuple[str, ...]
    required: int  # the first columns every row gives


# Every reference file and its schema (README.md and VERSION are read as they are).
FILES: dict[str, _Yaml | _Csv] = {
    "gazetteers/countries.yaml": _Yaml(gazetteers.Countries),
    "gazetteers/organizations.yaml": _Yaml(gazetteers.Organizations),
    "gazetteers/regions.yaml": _Yaml(gazetteers.Regions),
    "gazetteers/publishers.yaml": _Yaml(gazetteers.Publishers),
    "gazetteers/places.csv": _Csv(gazetteers.Place),
    "gazetteers/people.csv": _Csv(gazetteers.Person),
    "gazetteers/office_holders.csv": _Csv(gazetteers.OfficeHolder),
    "names/offices.yaml": _Yaml(names.Offices),
    "names/name_particles.yaml": _Yaml(names.NameParticles),
    "names/titles.yaml": _Yaml(names.Titles),
    "names/participation.yaml": _Yaml(names.Participation),
    "dates/date_words.yaml": _Yaml(dates.DateWords),
    "dates/published.yaml": _Yaml(dates.Published),
    "dates/corpus.tsv": _Tsv(dates.DateExample, ("expression", "reference", "start", "end", "precision", "options",
                                                 "note"), 5),
    "events/triggers.yaml": _Yaml(events.Triggers),
    "events/headline.yaml": _Yaml(events.Headline),
    "events/event_types.yaml": _Yaml(events.EventTypes),
    "events/confidence.yaml": _Yaml(commitments.Confidence),
    "commitments/cues.yaml": _Yaml(commitments.Cues),
    "commitments/topics.yaml": _Yaml(commitments.Topics),
    "commitments/confidence.yaml": _Yaml(commitments.Confidence),
    "text/boilerplate.yaml": _Yaml(text.Boilerplate),
    "text/word_sets.yaml": _Yaml(text.WordSets),
}
NOT_VALIDATED = ("README.md", "VERSION", "__init__.py")


def _context(name: str) -> dict[str, Any]:
    if name == "text/word_sets.yaml":
        return {"file": name}
    return {"file": name, "sets": _base_sets() if name == "dates/date_words.yaml" else word_sets()}


@lru_cache(maxsize=1)
def _base_sets() -> dict[str, tuple[str, ...]]:
    return load("text/word_sets.yaml").resolved()


@lru_cache(maxsize=1)
def word_sets() -> dict[str, tuple[str, ...]]:
    """Every named word set (&NAME): those of text/word_sets.yaml and the month and weekday
    names of dates/date_words.yaml."""
    sets = dict(_base_sets())
    words = load("dates/date_words.yaml")
    derived = {"MONTHS": tuple(ws[0] for ws in words.months.values()),
               "WEEKDAYS": tuple(ws[0] for ws in words.weekdays.values())}
    clash = sorted(set(derived) & set(sets))
    if clash:
        raise ReferenceDataError(f"reference/text/word_sets.yaml: {clash} are defined by dates/date_words.yaml")
    return {**sets, **derived}


def word_set(name: str) -> tuple[str, ...]:
    """The words of one named set (for code that needs a word list, not a pattern)."""
    return word_sets()[name]


def _where(data: Any, loc: tuple) -> str:
    """An error location as a reader finds it: 'triggers[3] (type phone_call) > pattern'."""
    parts, node = [], data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
            node = node[key]
            label = f"[{key}]"
            if isinstance(node, dict):
                ident = node.get("name") or node.get("person") or node.get("place") or node.get("type") \
                    or node.get("modality")
                if ident:
                    label += f" ({ident})"
            parts.append(label)
        else:
            node = node.get(key) if isinstance(node, dict) else None
            parts.append(f" > {key}" if parts else str(key))
    return "".join(parts) or "(top level)"


def _refuse(name: str, data: Any, exc: ValidationError, line_of=None) -> ReferenceDataError:
    lines = []
    for err in exc.errors()[:10]:
        loc = tuple(err["loc"])
        where = _where(data, loc)
        if line_of is not None and loc and isinstance(loc[0], int):
            row = data[loc[0]] if 0 <= loc[0] < len(data) else {}
            ident = next((row[k] for k in ("expression", "person", "place") if row.get(k)), "")
            field = " > ".join(str(x) for x in loc[1:])
            where = f"line {line_of(loc[0])} ({ident})" + (f", {field}" if field else "")
        lines.append(f"  {where}: {err['msg']}")
    more = len(exc.errors()) - 10
    if more > 0:
        lines.append(f"  ... and {more} more")
    return ReferenceDataError(f"reference/{name} breaks its schema (fix the entry; fields are described in "
                              f"reference/README.md):\n" + "\n".join(lines))


@lru_cache(maxsize=None)
def load(name: str) -> BaseModel:
    """The validated contents of reference/<name> (a YAML file): a frozen model."""
    spec = FILES.get(name)
    if not isinstance(spec, _Yaml):
        raise ReferenceDataError(f"reference/{name} is not a YAML file the loader knows (see transforms.reference.FILES)")
    data = read_yaml(name)
    try:
        return spec.model.model_validate(data, context=_context(name))
    except ValidationError as exc:
        raise _refuse(name, data, exc) from None
    except ValueError as exc:  # raised outside a field (a word set cycle)
        raise ReferenceDataError(f"reference/{name}: {exc}") from None


@lru_cache(maxsize=None)
def rows(name: str) -> tuple:
    """The validated rows of reference/<name> (a CSV or TSV table): frozen models, in file order."""
    spec = FILES.get(name)
    if isinstance(spec, _Tsv):
        found = [(line, {"section": section, **dict(zip(spec.columns, fields))})
                 for line, section, fields in read_tsv(name, len(spec.columns), spec.required)]
    elif isinstance(spec, _Csv):
        found = read_csv(name, tuple(spec.row.model_fields))
    else:
        raise ReferenceDataError(f"reference/{name} is not a table the loader knows (see transforms.reference.FILES)")
    lines, data = [line for line, _ in found], [row for _, row in found]
    try:
        return tuple(TypeAdapter(list[spec.row]).validate_python(data, context=_context(name)))
    except ValidationError as exc:
        raise _refuse(name, data, exc, line_of=lambda i: lines[i]) from None


def load_all() -> list[str]:
    """Load and check every reference file; return their names (a test and `eventline` checks call this)."""
    files = all_files()
    for name in files:
        if name in NOT_VALIDATED or name.endswith(".pyc"):
            continue
        spec = FILES.get(name)
        if spec is None:
            raise ReferenceDataError(f"reference/{name} has no schema: add it to transforms.reference.FILES "
                                     f"and describe it in reference/README.md")
        (load if isinstance(spec, _Yaml) else rows)(name)
    reference_version()
    return files
