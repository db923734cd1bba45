"""Which state a party named without a country stands for: "the government" (the country its paragraph names), "the
Kingdom" (the release's own state), a wire story's unnamed government (its dateline's country), a part in an
encounter ("the guest", "the host"), and the "we" of a joint statement (those who issue it)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from transforms.extract.document import Doc
from transforms.extract.lexicon import commitment_rules, event_rules, places

if TYPE_CHECKING:
    from transforms.extract.commitments.context import Context


def role_parties(role: re.Match, ctx: Context) -> tuple[str, ...]:
    """The parties a subject naming a part in a two-sided encounter points at: the host's country, the other (the
    guest's), or both ("The host and her guest agreed")."""
    if role.group("both"):
        return tuple(sorted(ctx.countries))
    return (ctx.host,) if role.group("host") else tuple(c for c in ctx.countries if c != ctx.host)


def government_country(doc: Doc, pos: int, prev_parties: tuple[str, ...]) -> str | None:
    """The country of a bare "the government": the latest sentence of its paragraph that names one country
    ("Sri Lanka reached a deal with the IMF. The government has committed to ..."), else the party of the
    last commitment when its paragraph names that country. A country named only in an earlier paragraph is
    no referent ("Germany pledged ... / Peru held elections. The government will ..." is Peru's), and an
    unread referent gives no row rather than a wrong party."""
    i = doc.sentence_index(pos)
    if i < 0:
        return None
    paragraph = doc.sentences[i].paragraph
    named: set[str] = set()
    for k in range(i, max(-1, i - 6), -1):
        sent = doc.sentences[k]
        if sent.paragraph != paragraph:
            break
        codes = {getattr(c, "code", None) for c in doc.countries.within(sent.start, min(sent.end, pos))} - {None}
        if len(codes) == 1:
            return next(iter(codes))
        named |= codes
    if len(prev_parties) == 1 and prev_parties[0] in named:
        return prev_parties[0]
    return None if named else (named_government(doc, pos) or dateline_country(doc))


def named_government(doc: Doc, pos: int) -> str | None:
    """The country of the last government the article named as such before `pos` ("The Government of the
    Republic of Côte d'Ivoire has learned ... The Government calls on ..."): the antecedent of "the Government"."""
    found = None
    for c in doc.countries.within(0, pos):
        if getattr(c, "code", None) and _GOVERNMENT_OF.search(doc.text, max(0, c.start - 60), c.start):
            found = c.code
    return found


# "the Government of (the Republic of) X" right before a country's name.
_GOVERNMENT_OF = re.compile(r"\bgovernment\s+of\s+(?:the\s+)?(?:(?:federal\s+|islamic\s+|united\s+|democratic\s+|"
                            r"people['’]s\s+)*(?:republic|kingdom|state|sultanate|principality)\s+of\s+(?:the\s+)?)?$", re.I)


def own_state(doc: Doc) -> str | None:
    """The state a release speaks for when it says "the Kingdom" or "the Republic": its publisher's, else the
    country of its dateline ("RIYADH, 6 September 2022 - ... affirmed the Kingdom's readiness to ...")."""
    return doc.home or dateline_country(doc)


def dateline_country(doc: Doc) -> str | None:
    """The country of the place a wire story is datelined ("Abuja, Nov. 8 (NAN) - The Federal Government has
    committed to ..."): the government a story names no country for is the one where it was written."""
    # The dateline opens one of the body's first lines (after a title or a heading line); "^" of a pattern
    # anchors at the string's start, not at a pos, so each sentence's own text is matched.
    body = [s for s in doc.sentences[:4] if s.start >= doc.headline_end]
    first, head = next(((s, h) for s in body[:3] if (h := event_rules().dateline.match(s.text))), (None, None))
    if head is None:
        return None
    place = next((p for p in doc.places_in(first) if p.end <= first.start + head.end()), None)
    if place is not None:
        return getattr(place.value, "country", None)
    _, lookup = places()  # a dateline in capitals ("RIYADH, 6 September 2022 -")
    city = re.match(r"[A-Z][A-Z .'’-]+?(?=\s*[,.(]|\s+-)", head.group(0))
    found = lookup.get(city.group(0).title()) if city else None
    return found.country if found is not None else None


# Where a joint document's title turns from who issues it to what it is about ("U.S.-EU Summit Joint Statement | on
# ...", "Joint Statement by Chile and Peru | on Ocean Governance").
_TITLE_TOPIC = re.compile(r"\b(?:on|about|regarding|concerning|following|after|in support of|in response to|to mark|"
                          r"marking|at|for)\b", re.I)


def title_issuers(doc: Doc) -> tuple[str, ...]:
    """The countries a joint document's title names as those who issue it ("U.S.-EU Summit Joint Statement": the
    United States; "Joint Statement by Chile and Peru on Ocean Governance": Chile and Peru), not those it is about
    ("Joint Statement on Cuba"); () when the title is no joint document's or names none."""
    if not doc.headline_end or not commitment_rules().joint_title.search(doc.text, 0, doc.headline_end):
        return ()
    topic = _TITLE_TOPIC.search(doc.text, 0, doc.headline_end)
    end = topic.start() if topic is not None else doc.headline_end
    named = {c.code for c in doc.countries.within(0, end) if getattr(c, "code", None)}
    for r in doc.regions.within(0, end):
        named.update(r.value.members)
    return tuple(sorted(named))
