"""Split by object (ANNOTATION.md): one commitment per undertaking a cue governs.

"agreed to open a flight route and to renew the fisheries accord" is two commitments;
"cooperation in trade, energy and health" under one verb is one. A predicate is cut where
a coordination starts a new infinitive ("and to", "as well as to"), a new bare verb of the
same form that is no noun ("expand X and accelerate Y"; not "trade and energy"), a new
"for" object of "called for", or, after a signing, a new item of a list ("five agreements
covering: A; B; and C"). A later cue with its own subject ends a predicate too ("Morocco
pledged X, while Kenya undertook Y"). Never cut: two verbs sharing one object ("lead and
support efforts"), a comma between adjectives ("a durable, lasting peace": a bare comma
coordinates verbs only in a list closed by "and"), the two ends of a pair ("between A and B")
or the signatories of a document ("signed by A and B").
"""

from __future__ import annotations

import re

from transforms.extract.commitments.lemmas import is_noun, is_verb, lemma
from transforms.extract.commitments.subject import leading_actor
from transforms.extract.lexicon import Cue, commitment_rules

_TO = re.compile(r"(?:,\s*|\s+)(?:and|as well as|while)\s+(?:also\s+)?(?=to\s+[a-z])")
# "to A, to B, and to C": a bare comma starts an object only in a list that ends with "and to".
_TO_LISTED = re.compile(r",\s*(?=to\s+[a-z])")
_FOR = re.compile(r"(?:,\s*|\s+)and\s+(?=for\s+[a-z])")
_BARE = re.compile(r"(?:,\s*and|\s+and|,)\s+(?:also\s+)?(?=([a-z]+)\b)")
_LIST_START = re.compile(r":\s+|\bincluding\s+")
# Named documents coordinated after "signed": "the Agreed Minutes, as well as a Memorandum ... and an Agreement".
_DOCUMENTS = re.compile(r"(?:,\s*|\s+)(?:as well as|and)\s+(?=(?:an?|the|two|three)\s+(?-i:[A-Z]))", re.I)
# Enumerated objects: "agreed to: (i) establish ...; (ii) exchange ...; and (iii) convene ...".
_ENUMERATED = re.compile(r"(?:;|,)\s*(?:and\s+)?(?=\((?:[ivx]{1,4}|[a-h]|\d{1,2})\)\s)")
_LIST_ITEM = re.compile(r";\s*(?:and\s+)?|,\s*and\s+(?=(?:an?|the|on)\s)|\s+and\s+(?=on\s)")
_FIRST_WORD = re.compile(r"[\s:]*(?:\((?:[ivx]{1,4}|[a-h]|\d{1,2})\)\s+)?(?:to\s+)?(?:\w+ly\s+)?([a-z]+)\b")
# What ends a clause before another cue's subject ("X pledged ..., while Y undertook ...").
_CONNECTOR = re.compile(r",\s*(?:and|but|while|whereas)\s+|;\s*(?:and\s+|while\s+)?|\s+(?:while|whereas)\s+|\s+and\s+")
_MIN_WORDS = 2
# A cue right after a comma that is a finite verb in the past ("..., condemned"): a clause of its own.
_COMMA_FINITE = re.compile(r",\s+(?:(?:also|further|strongly|firmly|again)\s+)?")
_FINITE = re.compile(r"[a-z]+ed\b(?!\s+(?:by|in|with|at|as)\b)")
# A participle of asking after a comma shares the clause's subject and starts an undertaking of its own
# ("condemned the attack, calling for an investigation", "..., urging all parties to ...").
PARTICIPLE_CUE = re.compile(r"(?:also\s+|further\s+|again\s+|jointly\s+)?(?:calling|urging|appealing|pressing|putting)\b")


# A determiner and one word before "and": two adjectives of one noun ("toward a free and open Indo-Pacific",
# "the safe and orderly return"), not two verbs.
_ADJECTIVE_PAIR = re.compile(r"\b(?:a|an|the|our|their|its|his|her|this|that|more|most)\s+[\w-]+$", re.I)


def clause_end(text: str, end: int, pred_end: int, later: list[int]) -> int:
    """Where a predicate ends before a later cue of the sentence that starts a clause of its own: after a
    connector, with nothing ("..., and signed") or a short actor ("..., while Kenya undertook") before it."""
    for start in later:
        if not end < start < pred_end:
            continue
        comma = _COMMA_FINITE.search(text, end, start + 1)
        if comma is not None and comma.end() == start and (_FINITE.match(text, start) or PARTICIPLE_CUE.match(text, start)):
            return comma.start()  # "called for X, condemned Y and welcomed Z", "..., calling for Y": a verb of its own
        found = None
        for found in _CONNECTOR.finditer(text, end, start):
            pass
        if found is None:
            continue
        if _bare_verb(text[end:found.start()]):
            continue  # "commit to lead and support international efforts": two verbs, one object
        that = re.match(r"that\s+", text[found.end():start])
        clause = found.end() + (that.end() if that else 0)  # ", and that the Agency will ...": a clause of its own
        rest = text[clause:start]
        actor_end = leading_actor(text, clause, start)
        if not rest.strip() or actor_end >= start - 1 or (actor_end > clause and (_STANCE_BEFORE_CUE.match(
                text, actor_end, start) or _said_subject(text, actor_end, start))):
            return found.start()  # "..., and Secretary Manalo reiterated the Philippines' support for ..."
    return pred_end


# A stance verb of a clause's own subject and the stance's modifiers, up to the cue ("reiterated the
# Philippines'" before "support").
_STANCE_BEFORE_CUE = re.compile(r"(?:also\s+)?(?:reaffirm|reiterat|affirm|confirm|express|restat|voic|renew|"
                                r"underlin|underscor|stress|emphasi[sz])\w*\s[^,;]{0,60}$", re.I)


def _said_subject(text: str, start: int, cue: int) -> bool:
    """A saying verb and a short subject of its own between an actor and a later cue ("... and India said it
    would build ...", "and Chile said that the country will ..."): a clause of its own."""
    said = commitment_rules().said_frame.match(text, start + (len(text[start:cue]) - len(text[start:cue].lstrip())), cue)
    return said is not None and len(text[said.end():cue].split()) <= 3


def _bare_verb(piece: str) -> bool:
    """The piece is one verb and nothing else ("to lead", "facilitate"): it shares the object of the verb
    coordinated after it ("facilitate and enhance commercial ties" is one undertaking)."""
    words = re.sub(r"^\s*to\s+", "", piece).split()
    return len(words) == 1 and is_verb(words[0].strip(",").lower())


def _outside_brackets(text: str, lo: int, at: int) -> bool:
    chunk = text[lo:at]
    return chunk.count("(") == chunk.count(")")


def _verb_form(word: str) -> str | None:
    """'base' or 'ing' for a verb that is no noun ("accelerate", "combating"); None otherwise."""
    if not is_verb(word) or is_noun(word):
        return None
    if word.endswith("ing"):
        return "ing"
    return "base" if lemma(word) == word else None


def object_spans(text: str, lo: int, hi: int, cue: Cue, verbal: bool) -> list[tuple[int, int]]:
    """(start, end) of each object of a predicate text[lo:hi]; one span when it governs one.

    verbal: the predicate is a verb phrase ("to open a route ..."), not a noun phrase."""
    cuts: list[int] = [m.start() for m in _ENUMERATED.finditer(text, lo, hi)]
    if cue.verb == "sign":
        rules = commitment_rules()
        head = _LIST_START.search(text, lo, hi) or rules.counted_documents.match(text, lo, hi)
        if head is not None:
            items = sorted({m.start() for m in _LIST_ITEM.finditer(text, head.end(), hi)}
                           | {m.start() for m in rules.signed_items.finditer(text, head.end(), hi)})
            spans = _spans(text, head.end(), hi, _outside_pairs(text, head.end(), items))
            if len(spans) > 1:
                return spans
        cuts += [m.start() for m in _DOCUMENTS.finditer(text, lo, hi)]
        cuts += [m.start() for m in rules.signed_items.finditer(text, lo, hi)]
    else:
        coordinated = [m.start() for m in _TO.finditer(text, lo, hi)]
        cuts += coordinated
        if coordinated:
            cuts += [m.start() for m in _TO_LISTED.finditer(text, lo, coordinated[-1])]
    if cue.verb == "call for":
        cuts += [m.start() for m in _FOR.finditer(text, lo, hi)]
    elif verbal:
        first = _FIRST_WORD.match(text, lo, hi)
        form = _verb_form(first.group(1)) if first else None
        if form is not None:
            same = [m for m in _BARE.finditer(text, first.end(), hi) if _verb_form(m.group(1)) == form
                    and not _ADJECTIVE_PAIR.search(text, lo, m.start())]
            # A bare comma coordinates verbs only in a list closed by "and" ("open A, expand B and ease C");
            # alone it is an adjective's ("achieving a durable, lasting peace").
            closed = hi if re.match(r"\s*,?\s*and\b", text[hi:hi + 8]) else max(
                (m.start() for m in same if "and" in m.group(0)), default=-1)
            cuts += [m.start() for m in same if "and" in m.group(0) or m.start() < closed]
    cuts = sorted(c for c in cuts if _outside_brackets(text, lo, c))
    return _spans(text, lo, hi, _outside_pairs(text, lo, cuts))


# "between A and B", "signed by A and B": the "and" joins the two ends of one relation or the signatories
# of one document, never two objects; a pair of signatories ends at a new document ("..., and a Memorandum").
_PAIR = re.compile(r"\b(?:between\s+(?:(?!\band\b)[^;:])*|(?:signed|initialed|initialled|concluded|represented) by"
                   r"\s+[^;:]*)$", re.I)
_NEW_DOCUMENT = re.compile(r"[,;]?\s*(?:and|as well as)\s+(?:an?|two|three|four|five)\s", re.I)


def _outside_pairs(text: str, lo: int, cuts: list[int]) -> list[int]:
    """The cuts that do not fall inside a pair ("a memorandum between the College of A and the Agency of B")."""
    out = []
    start = lo
    for cut in cuts:
        if text[cut:cut + 1] != ";" and not _NEW_DOCUMENT.match(text, cut) and _PAIR.search(text, start, cut):
            continue
        out.append(cut)
        start = cut
    return out


def _spans(text: str, lo: int, hi: int, cuts: list[int]) -> list[tuple[int, int]]:
    """The pieces between cuts, each starting after its coordination; a piece of fewer than two words joins
    the one before it."""
    spans: list[tuple[int, int]] = []
    start = lo
    for cut in cuts + [hi]:
        if cut <= start:
            continue
        piece_start = start
        if spans or start != lo:
            skip = re.match(r"(?:[,;:]\s*|\s+)*(?:(?:and|as well as|while|including)\s+)?(?:also\s+)?", text[start:cut])
            piece_start = start + (skip.end() if skip else 0)
        if len(text[piece_start:cut].split()) < _MIN_WORDS and spans:
            spans[-1] = (spans[-1][0], cut)
        else:
            spans.append((piece_start, cut))
        start = cut
    if len(spans) > 1 and _bare_verb(text[spans[0][0]:spans[0][1]]):
        spans[:2] = [(spans[0][0], spans[1][1])]  # "adopt and maintain high standards": one object
    return spans or [(lo, hi)]
