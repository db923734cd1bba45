"""Signings told in other house styles: each document signed is an agreement of its own (ANNOTATION.md: split by
object), a document signed in the passive at an encounter is its sides' agreement, and an encounter that ends
with, or sees, a signing is the signing of those who met.

Fixture texts are written for these tests (other names and countries than any corpus text).
"""

from __future__ import annotations

import pytest

from tests.transforms.test_extract_commitment_parties import rows

_MET = "President Ama Owusu of Ghana held talks with President Koffi Dossou of Benin in Accra on Monday. "


def read(body: str) -> list[tuple[str, list[str], str]]:
    return sorted((c["modality"], c["parties"], c["description"]) for c in rows(_MET + body))


@pytest.mark.parametrize("body, documents", [
    ("The two sides signed an agreement on energy and a memorandum on fisheries.", ["energy", "fisheries"]),
    ("The ministers also signed a treaty on extradition, a protocol on tourism and an accord on air services.",
     ["extradition", "tourism", "air services"]),
    ("Following the talks, the two Presidents witnessed the exchange of two memoranda of understanding, on "
     "cooperation in mining, and on cultural exchanges.", ["mining", "cultural"]),
    ("The Presidents then witnessed the signing of three agreements: a memorandum on energy, an agreement on a "
     "border post, and a protocol on fisheries.", ["energy", "border post", "fisheries"]),
])
def test_each_document_signed_is_an_agreement(body, documents):
    found = read(body)
    assert [m for m, _, _ in found] == ["agreement"] * len(documents)
    assert all(p == ["BEN", "GHA"] for _, p, _ in found)
    assert sorted(documents) == sorted(d for d in documents for _, _, text in found if d in text)


@pytest.mark.parametrize("body", [
    "The two sides signed an agreement on trade and investment.",
    "The leaders witnessed the exchange of six memoranda, in the areas of health, culture and tourism.",
])
def test_fields_of_one_signing_stay_one(body):
    assert len(read(body)) == 1


@pytest.mark.parametrize("body, n", [
    ("At the end of the talks, a memorandum of understanding on energy cooperation was signed.", 1),
    ("Two agreements were also signed, on visa exemption and on cultural exchanges.", 2),
    ("An agreement on air services and a protocol on fisheries were signed in the presence of the two leaders.", 2),
])
def test_a_document_signed_in_the_passive_is_the_sides_agreement(body, n):
    found = read(body)
    assert [(m, p) for m, p, _ in found] == [("agreement", ["BEN", "GHA"])] * n


@pytest.mark.parametrize("body", [
    "The agreement on fisheries was signed in 2019 and expires next year.",
    "The instruments were signed on behalf of Ghana by its Foreign Minister.",
    "A memorandum on energy will be signed at the next session.",
])
def test_a_signing_told_before_or_to_come_is_no_passive_agreement(body):
    assert read(body) == []


def test_a_passive_signing_needs_an_encounter_of_two_sides():
    found = rows("A memorandum of understanding on energy cooperation was signed.")
    assert found == []


@pytest.mark.parametrize("body", [
    "The talks concluded with the signing of a visa waiver agreement.",
    "The meeting ended with the signing of a memorandum on energy.",
    "The visit also saw the signing of an agreement on air services.",
])
def test_an_encounter_that_ends_with_a_signing_is_its_sides_agreement(body):
    assert [(m, p) for m, p, _ in read(body)] == [("agreement", ["BEN", "GHA"])]
