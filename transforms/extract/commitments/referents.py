"""Who a pronoun or a named official stands for: "he" / "she" is the subject of a recent sentence, a
bare home office is the release's own government, an official of an international organization speaks for
it and not for a country."""

from __future__ import annotations


from transforms.extract.document import Doc
from transforms.extract.issuer import opens_with_home_office
from transforms.extract.lexicon import commitment_rules
from transforms.extract.participants import acts_for_organization, last_person_before


def subject_before(doc: Doc, pos: int) -> str | None:
    """The country of "he" / "she": the person who is the subject of one of the last sentences before
    `pos` ("Secretary Blinken emphasized ... He also emphasized": Blinken, not the last person named), or
    a bare home office there ("The President confirmed ..."); else the last person named. None for an
    official of an organization (official_before)."""
    person, home = _subject_person_before(doc, pos)
    if home:
        return doc.home
    return None if person is None or acts_for_organization(person) else getattr(person, "country", None)


def official_before(doc: Doc, pos: int):
    """The official of an organization that "he" / "she" at `pos` is ("UN Secretary-General X spoke ... He
    called on ..."): the organization takes the stance, no country (None when "he" is no such official)."""
    person, home = _subject_person_before(doc, pos)
    return person if not home and person is not None and acts_for_organization(person) else None


def _subject_person_before(doc: Doc, pos: int) -> tuple[object, bool]:
    """(the person who is the subject of one of the last sentences before `pos`, else the last person named;
    True when a bare home office is that subject instead)."""
    i = doc.sentence_index(pos)
    for k in range(i, max(-1, i - 4), -1):
        sent = doc.sentences[k]
        lead = sent.start + min(len(sent.text), 80)
        if k == i:
            lead = min(lead, pos)
        head = doc.people.starting_in(sent.start, lead, doc.limit)
        if head and (getattr(head[0], "country", None) or acts_for_organization(head[0])):
            return head[0], False
        stripped = commitment_rules().leading_adverbial.sub("", sent.text)
        if k < i and doc.home and opens_with_home_office(stripped):
            return None, True
    return last_person_before(doc, pos), False
