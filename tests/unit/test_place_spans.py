"""Places named with their kind are place spans (kb/nlp.py): the statistical NER reads "Chas
Block" as an organisation or misses it; a building's "Block A" is no place."""

from __future__ import annotations

from kb.nlp import spans


def _places(text: str) -> list[str]:
    return [s.text for s in spans(text) if s.type == "place"]


def test_a_name_before_block_village_or_town_is_a_place() -> None:
    text = "Two FPOs run by women in Saria (Kasmar Block) and Kodia village (Chas block) did well."
    found = _places(text)
    assert "Kasmar Block" in found and "Chas block" in found, found
    assert "Kodia village" in found, found
    assert not any(s.text == "Kasmar Block" and s.type == "org" for s in spans(text))


def test_a_buildings_block_is_no_place() -> None:
    assert _places("Block A will have five floors and the new town hall two.") == []
