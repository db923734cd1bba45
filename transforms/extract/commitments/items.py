"""The commitments of a list's items: an item of a consensus list, or an item that a list intro's cue governs."""

from __future__ import annotations

import re

from transforms.extract.commitments.made import make_commitment
from transforms.extract.commitments.context import Context
from transforms.extract.commitments.lemmas import is_verb
from transforms.extract.commitments.predicate import TRAILING, cue_lemma, due_date, read_action
from transforms.extract.commitments.subject import BULLET_MARK
from transforms.extract.document import Doc, Sent
from transforms.extract.lexicon import Cue, commitment_rules
from transforms.extract.records import CommitmentMention


def list_item(doc: Doc, sent: Sent, idx: int, ctx: Context, parties: tuple[str, ...], actor: str,
              body_offset: int) -> CommitmentMention | None:
    """An item of a consensus list ("First, adhere to ..."): an agreement of the list's parties."""
    body = sent.text[body_offset:]
    action, description, _ = read_action(body)
    if not action:
        return None
    due = due_date(doc, sent, sent.start + body_offset, sent.end)
    return make_commitment(doc, sent, idx, ctx, parties, actor, "agreement", action, description, due,
                           ("cue:consensus_item", "parties:list"))


def cue_item(doc: Doc, sent: Sent, ctx: Context, parties: tuple[str, ...], actor: str, cue: Cue,
             cue_text: str) -> list[CommitmentMention]:
    """An item of a list whose intro ends with a cue ("the two sides agreed to:" / "1. establish a joint
    commission"; "signed the following documents:" / "- a memorandum on fisheries"): the cue's modality, the
    item's own verb as the action (the cue's verb when it has one: "sign"); "To increase trade, and to review
    the agreement" is two undertakings (split by object). [] when the item has no verb of its own."""
    mark = BULLET_MARK.match(sent.text)
    body = sent.text[mark.end() if mark else 0:].strip().rstrip(";,.")
    pieces = [body] if cue.verb or cue.action_from_cue else [p for p in _ITEM_TO.split(body) if p.strip()]
    out = []
    for idx, piece in enumerate(pieces):
        if cue.verb or cue.action_from_cue:
            action = cue.verb or cue_lemma(cue_text) or ""
            description = f"{action} {TRAILING.sub('', piece)}".strip()
        else:
            action, description, _ = read_action(piece)
            # "To operationalise the border post": a verb after "to" even when the lexicon does not know it.
            if not action or not (is_verb(action.split()[0]) or re.match(r"\s*to\s+[a-z]", piece, re.I)):
                return out
        if not piece or action in commitment_rules().hostile_actions:
            continue
        due = due_date(doc, sent, sent.start, sent.end) if cue.modality != "support" else (None, None)
        out.append(make_commitment(doc, sent, idx, ctx, parties, actor, cue.modality, action, description, due,
                                   (f"cue:{cue.name}", "parties:list", "shape:list_item"), rule=cue.name))
    return out


# A new infinitive coordinated in a list item ("To increase bilateral trade, and to review ..."): a new object.
_ITEM_TO = re.compile(r"(?:,\s*|\s+)(?:and|as well as)\s+(?=to\s+[a-z])", re.I)
