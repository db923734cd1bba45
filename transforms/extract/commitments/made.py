"""A commitment row of one sentence: its ids, parties, event link and calibrated confidence."""

from __future__ import annotations

from transforms.extract.commitments.confidence import confidence
from transforms.extract.commitments.context import Context
from transforms.extract.document import Doc, Sent
from transforms.extract.records import CommitmentMention
from transforms.extract.topics import classify_topic
from transforms.ids import make_id


def make_commitment(doc: Doc, sent: Sent, idx: int, ctx: Context, parties: tuple[str, ...], actor: str,
                    modality: str, action: str, description: str, due, signals: tuple[str, ...],
                    actor_people: tuple = (), actor_orgs: tuple = (), rule: str | None = None) -> CommitmentMention:
    """A commitment row of one sentence, linked to the event of its context; its confidence is the calibrated
    probability of its signals (the rule's evidence) and of the article's date source and due date."""
    event_id = ctx.event.mention_id if ctx.event is not None else None
    signals = (*signals, f"date:{doc.published_source}", *(("shape:due",) if due[0] else ()))
    return CommitmentMention(
        commitment_id=make_id("cmt", doc.article_id, sent.start, idx, modality),
        event_mention_id=event_id,
        parties=tuple(sorted(set(p for p in parties if p))),
        actor_text=actor,
        modality=modality,
        action=action,
        description=description,
        topic=classify_topic(description),
        due_date=due[0],
        due_precision=due[1],
        article_id=doc.article_id,
        source_path=doc.source_path,
        evidence=sent.text,
        char_start=sent.start,
        char_end=sent.end,
        confidence=confidence(signals),
        actor_people=actor_people,
        actor_orgs=actor_orgs,
        authority=int(doc.published_source in ("dateline", "metadata")),
        rule=rule,
        signals=signals,
    )
