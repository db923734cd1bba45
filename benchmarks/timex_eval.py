"""Score transforms.dates.resolve_date against TIMEX3-annotated date expressions (and dateparser).

Usage: .venv/bin/python benchmarks/timex_eval.py FILE.tsv [--no-dateparser] [--repeat N] [--quiet]

Input: a tab-separated file, one expression a line: ``expression<TAB>reference_date<TAB>gold_value``
(an optional 4th column names the document, an optional 5th holds the sentence the
expression was read in; further columns are ignored; blank lines and lines starting with "#" are skipped). The
reference is the document creation date (YYYY-MM-DD); the gold value is a TIMEX3 DATE
value as TimeBank / TempEval-3 write it. The corpus text itself is not needed and none
is kept in this repository: build the file from annotated documents you have.

Gold values become calendar spans (start, end, precision):

* ``YYYY-MM-DD`` (a time part ``THH...`` is dropped) -> that day;
* ``YYYY-MM`` -> the month; ``YYYY-Www`` (one or two digits) -> the ISO week (Monday..Sunday);
  ``YYYY-Www-WE`` -> that week's Saturday and Sunday (precision week, as "the weekend" is read);
* trailing unknown parts are dropped: ``1968-XX`` -> the year 1968, ``1998-10-XX`` -> the month;
* ``YYYY-Qn`` -> the quarter; ``YYYY-H1``/``H2`` -> the half year (precision year);
* ``YYYY-SP/SU/FA/WI`` -> the meteorological season (winter YYYY = Dec YYYY .. Feb YYYY+1);
* ``YYYY`` -> the year; ``YYY`` or ``YYYX`` -> the decade; ``YY`` or ``YYXX`` -> the century
  (TimeBank style: "19" = 1900-1999);
* everything else -> None, the expression is not a calendar date: ``PAST_REF``,
  ``PRESENT_REF``, ``FUTURE_REF``, values with unknown parts elsewhere (``XXXX-XX-XX``, ``1998-WXX``, ``1989-QX``,
  ``XXXX-WI``), durations (``P5Y``) that were typed DATE.

Scoring (all exact, no partial credit):

* ``span``: resolve_date must return exactly the gold (start, end, precision), or None
  when the gold is None. This is the main number. TempEval-3 scores the value string,
  where a system value "2013-03-22" for gold "PRESENT_REF" is wrong, so ``now`` /
  ``currently`` must return None here.
* ``span, PRESENT_REF = ref day``: the same, but for PRESENT_REF gold the reference day
  (precision day) is also accepted, for readers who treat "now" as today.
* ``value``: our result written back as a TIMEX3 value string (from its start and
  precision: day -> YYYY-MM-DD, week -> ISO week of the start, month -> YYYY-MM, quarter
  -> YYYY-Qn, season -> YYYY-SP/SU/FA/WI, year -> YYYY, decade -> YYY, century -> YY; None
  -> no value) must equal the gold value string, or both must be non-calendar. TimeML
  keeps "early"/"late" in a separate ``mod`` attribute (early December = value 2012-12,
  mod START), so a narrowed span with the period's precision scores here but not in
  ``span``.
* dateparser (the baseline) returns one datetime: it is correct when that date lies in
  the gold span, or when it returns None for a None gold. It is called as
  ``dateparser.parse(expr, languages=["en"], settings={"RELATIVE_BASE": ref})``.

In running text: where sentences are given, the expression is also read the way the
pipeline reads it: find_dates on the sentence (the tense of its clause places partial
dates), and, where the 4th column names the document, find_dates on the document's
sentences joined in file order (earlier dates anchor later anaphora: "the third quarter
... a year earlier"); both are scored the same way.

Speed: both are timed warm over all rows (best of --repeat passes) and the ratio printed.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from transforms.dates import find_dates, resolve_date
from transforms.dates.tense import TenseIndex

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 2)}
_SEASON_CODE = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def _month_end(y: int, m: int) -> date:
    return date(y, 12, 31) if m == 12 else date(y, m + 1, 1) - timedelta(days=1)


_UNKNOWN_TAIL = re.compile(r"(?:-XX)+\Z")


def _norm(value: str) -> str:
    """Upper-case a TIMEX3 value and drop a time part ("1998-02-06T10:00" -> "1998-02-06")."""
    v = value.strip().upper()
    if re.match(r"\d{4}-\d\d-\d\dT", v):
        v = v.split("T", 1)[0]
    # An unknown part below known ones says nothing more: 1968-XX is the year 1968,
    # 1998-10-XX the month (XXXX-XX-XX keeps no known part and stays non-calendar).
    return _UNKNOWN_TAIL.sub("", v) if v.endswith("-XX") and v[:1].isdigit() else v


def gold_span(value: str):
    """TIMEX3 value -> (start, end, precision), or None when it is not a calendar date."""
    v = _norm(value)
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v):
            d = date(*map(int, m.groups()))
            return d, d, "day"
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            y, mo = map(int, m.groups())
            return date(y, mo, 1), _month_end(y, mo), "month"
        if m := re.fullmatch(r"(\d{4})-W(\d{1,2})", v):
            s = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return s, s + timedelta(days=6), "week"
        if m := re.fullmatch(r"(\d{4})-W(\d{1,2})-WE", v):
            s = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6)
            return s, s + timedelta(days=1), "week"
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m.group(1)), int(m.group(2))
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m.group(1)), int(m.group(2))
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "year"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", v):
            y = int(m.group(1))
            first, last = _SEASONS[m.group(2)]
            return date(y, first, 1), _month_end(y + 1 if last < first else y, last), "season"
        if re.fullmatch(r"\d{4}", v):
            return date(int(v), 1, 1), date(int(v), 12, 31), "year"
        if m := re.fullmatch(r"(\d{3})X?", v):
            y0 = int(m.group(1)) * 10
            return date(max(y0, 1), 1, 1), date(y0 + 9, 12, 31), "decade"
        if m := re.fullmatch(r"(\d{2})(?:XX)?", v):
            y0 = int(m.group(1)) * 100
            return date(max(y0, 1), 1, 1), date(y0 + 99, 12, 31), "century"
    except ValueError:
        return None
    return None


def gold_type(value: str) -> str:
    """Coarse category of a gold value, for the per-type table."""
    span = gold_span(value)
    if span is not None:
        return span[2]
    v = value.strip().upper()
    return v.lower() if v in ("PAST_REF", "PRESENT_REF", "FUTURE_REF") else "other-none"


def as_timex(v) -> str | None:
    """A DateValue written as a TIMEX3 value string (from its start and precision)."""
    if v is None:
        return None
    s, p = v.start, v.precision
    if p == "day":
        return s.isoformat()
    if p == "week":
        y, w, _ = s.isocalendar()
        return f"{y}-W{w:02d}"
    if p == "month":
        return f"{s.year}-{s.month:02d}"
    if p == "quarter":
        return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
    if p == "season":
        return f"{s.year}-{_SEASON_CODE.get(s.month - (s.month % 3), 'XX')}"
    if p == "year":
        return str(s.year)
    if p == "decade":
        return str(s.year // 10)
    if p == "century":
        return f"{s.year // 100:02d}"
    return None


def load_context(path: Path, column: int = 4) -> list[str | None]:
    """An optional column (4th: the document's name; 5th: the sentence the expression was
    read in), None where absent."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        out.append(parts[column].strip() if len(parts) > column and parts[column].strip() else None)
    return out


def in_documents(rows, sentences, docs) -> list:
    """Read each document's sentences (rows in file order, joined as paragraphs) with
    find_dates, as the pipeline reads a section: earlier dates anchor later anaphora
    ("the third quarter ... a year earlier"). A row whose gold span the finder cut
    differently falls back to in_context."""
    texts: dict[str, list[str]] = defaultdict(list)
    refs: dict[str, date] = {}
    for (_, r, _), s, d in zip(rows, sentences, docs):
        if s and d and s not in texts[d]:
            texts[d].append(s)
            refs.setdefault(d, r)
    found = {}
    for d, sents in texts.items():
        ref = refs[d]
        text = "\n\n".join(sents)
        starts, at = {}, 0
        for s in sents:
            starts[s] = at
            at += len(s) + 2
        found[d] = (starts, {(m.start, m.end): m.value for m in find_dates(text, ref) if m.kind != "dateline"})
    out = []
    for (e, r, _), s, d in zip(rows, sentences, docs):
        if s and d:
            starts, values = found[d]
            i = s.find(e)
            key = (starts[s] + i, starts[s] + i + len(e))
            if i >= 0 and key in values:
                out.append(values[key])
                continue
        out.append(in_context(e, r, s))
    return out


def in_context(expr: str, ref: date, sentence: str | None):
    """Resolve as the pipeline does in running text: find_dates on the sentence, taking the
    mention with exactly the gold span; where the finder cut the span differently, resolve
    the expression with the tense of its clause (``TenseIndex``, what ``find_dates``
    uses). Without a sentence, as resolve_date."""
    tense = None
    if sentence:
        at = sentence.find(expr)
        if at < 0:
            at = sentence.lower().find(expr.lower())
        if at >= 0:
            for m in find_dates(sentence, ref):
                if m.start == at and m.end == at + len(expr) and m.kind != "dateline":
                    return m.value
            tense = TenseIndex(sentence).placement_tense(at, at + len(expr))
    return resolve_date(expr, ref, tense=tense)


def load(path: Path) -> list[tuple[str, date, str]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise SystemExit(f"{path}:{n}: expected expression<TAB>reference_date<TAB>gold_value")
        rows.append((parts[0], date.fromisoformat(parts[1].strip()[:10]), parts[2].strip()))
    return rows


def _span_ok(gold, got) -> bool:
    if gold is None:
        return got is None
    return got is not None and (got.start, got.end, got.precision) == gold


def _fmt(v) -> str:
    return "None" if v is None else f"{v.start}..{v.end} {v.precision}"


def _best_time(fn, rows, repeat: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        for r in rows:
            fn(r)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--no-dateparser", action="store_true", help="skip the dateparser baseline")
    ap.add_argument("--repeat", type=int, default=3, help="timing passes (best is kept)")
    ap.add_argument("--quiet", action="store_true", help="do not list the misses")
    args = ap.parse_args(argv)

    rows = load(args.file)
    golds = [gold_span(g) for _, _, g in rows]
    types = [gold_type(g) for _, _, g in rows]
    ours = [resolve_date(e, r) for e, r, _ in rows]

    ok_span = [_span_ok(g, v) for g, v in zip(golds, ours)]
    ok_now = [ok or (t == "present_ref" and v is not None and (v.start, v.end, v.precision) == (r, r, "day"))
              for ok, t, v, (_, r, _) in zip(ok_span, types, ours, rows)]
    ok_value = [(g is None and v is None) or (g is not None and as_timex(v) == _norm(gv))
                for g, v, (_, _, gv) in zip(golds, ours, rows)]

    dp_ok = None
    if not args.no_dateparser:
        import dateparser  # the baseline only

        def dp(row):
            e, r, _ = row
            return dateparser.parse(e, languages=["en"], settings={"RELATIVE_BASE": datetime(r.year, r.month, r.day)})

        theirs = [dp(r) for r in rows]
        dp_ok = [(g is None and d is None) or (g is not None and d is not None and g[0] <= d.date() <= g[1])
                 for g, d in zip(golds, theirs)]

    n = len(rows)
    print(f"{args.file}: {n} expressions, {sum(g is None for g in golds)} with non-calendar gold values")
    print(f"eventline span accuracy            = {sum(ok_span) / n:.3f} ({sum(ok_span)}/{n})")
    print(f"eventline span, PRESENT_REF=ref day = {sum(ok_now) / n:.3f} ({sum(ok_now)}/{n})")
    print(f"eventline TIMEX value accuracy      = {sum(ok_value) / n:.3f} ({sum(ok_value)}/{n})")
    if dp_ok is not None:
        print(f"dateparser (date within gold span)  = {sum(dp_ok) / n:.3f} ({sum(dp_ok)}/{n})")
    contexts = load_context(args.file)
    if any(contexts):
        in_text = [in_context(e, r, s) for (e, r, _), s in zip(rows, contexts)]
        ok_text = [_span_ok(g, v) for g, v in zip(golds, in_text)]
        print(f"eventline with the clause's tense (5th-column sentence) = "
              f"{sum(ok_text) / n:.3f} ({sum(ok_text)}/{n})")
        docs = load_context(args.file, 3)
        if any(docs):
            in_doc = in_documents(rows, contexts, docs)
            ok_doc = [_span_ok(g, v) for g, v in zip(golds, in_doc)]
            print(f"eventline reading each document (4th column)  = "
                  f"{sum(ok_doc) / n:.3f} ({sum(ok_doc)}/{n})")

    by = defaultdict(list)
    for i, t in enumerate(types):
        by[t].append(i)
    print("\nby gold type          n   span  value" + ("  dateparser" if dp_ok else ""))
    for t in sorted(by, key=lambda k: -len(by[k])):
        idx = by[t]
        line = (f"  {t:<16} {len(idx):4d}  {sum(ok_span[i] for i in idx) / len(idx):.3f}"
                f"  {sum(ok_value[i] for i in idx) / len(idx):.3f}")
        if dp_ok is not None:
            line += f"  {sum(dp_ok[i] for i in idx) / len(idx):.3f}"
        print(line)

    t_ours = _best_time(lambda r: resolve_date(r[0], r[1]), rows, args.repeat)
    print(f"\ntime eventline={t_ours / n * 1e6:.1f}us/expr", end="")
    if dp_ok is not None:
        t_dp = _best_time(dp, rows, max(1, args.repeat // 2))
        print(f" dateparser={t_dp / n * 1e6:.1f}us/expr speed ratio={t_dp / t_ours:.1f}x")
    else:
        print()

    if not args.quiet:
        misses = [(e, r, g, _fmt(v)) for (e, r, g), v, ok in zip(rows, ours, ok_span) if not ok]
        print(f"\nmisses ({len(misses)}): expression | ref | gold | got")
        for e, r, g, got in misses:
            print(f"  {e!r} | {r} | {g} | {got}")
        counts = Counter(types[i] for i, ok in enumerate(ok_span) if not ok)
        print("misses by gold type: " + ", ".join(f"{k}={c}" for k, c in counts.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
