"""A list announced with its count and set out one item to a line ("Number of Mandals
Covered: (6) Mandals", then a line per mandal), read as the list (kb.evidence
`announced_count`, `EvidencePool.items_after`); a hand-made document, no model of the KB."""

from __future__ import annotations

from types import SimpleNamespace

from kb.evidence import Candidate, EvidencePool, LogisticModel, announced_count
from kb.question import Question
from kb.search import stem
from kb.store.memory import MemoryStore

LINES = [
    "The Rampur handloom cluster was sanctioned in 2008 under the IHDS.",
    "Number of Blocks Covered : (3) Blocks",
    "Rampur",
    "Bilaspur",
    "Suar Tanda",
    "Number of villages covered : 57",
]


def _pool(lines: list[str]) -> EvidencePool:
    entries = [SimpleNamespace(sentence=k, text=t, document="doc:rampur", gloss="")
               for k, t in enumerate(lines)]  # fmt: skip
    index = SimpleNamespace(entries=entries, in_documents=lambda docs: range(len(entries)))
    return EvidencePool(MemoryStore(None), index, LogisticModel({}, 0.5, {}))  # type: ignore[arg-type]


def _line(k: int, lines: list[str] = LINES) -> Candidate:
    return Candidate(lines[k], "doc:rampur", f"sentence {k}")


BLOCKS = Question("which blocks does the rampur cluster cover", "list", noun=stem("block"),
                  plural=True, content={stem("block"), stem("cover")})  # fmt: skip


def test_the_items_set_out_after_an_announcing_line_are_the_list() -> None:
    count = announced_count(BLOCKS, _line(1))
    assert count == 3
    items = _pool(LINES).items_after(_line(1), count)
    assert [c.text for c in items] == ["Rampur", "Bilaspur", "Suar Tanda"]


def test_fewer_item_lines_than_announced_are_no_list() -> None:
    lines = [*LINES[:3], "The cluster has 400 looms and a dye house run by the SPV.", *LINES[4:]]
    assert _pool(lines).items_after(_line(1, lines), 3) == []


def test_a_count_of_another_noun_or_a_single_answer_announces_nothing() -> None:
    villages = _line(5)
    assert announced_count(BLOCKS, villages) is None  # "57", of no noun asked
    one = Question("which block is the rampur cluster in", "place", noun=stem("block"),
                   content={stem("block")})  # fmt: skip
    assert announced_count(one, _line(1)) is None  # one place asked, not a list
