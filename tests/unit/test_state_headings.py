"""State headings of an index or a flattened table (ingest/extract.py `state_headings`): a state
named alone between a page number (or the start) and an item number (or the end) heads the items
after it. The texts are written for these tests; the state mentions are made by hand."""

from __future__ import annotations

from ingest.extract import state_headings
from kb.linking import Mention


def _states(text: str, names: dict[str, str]) -> list[Mention]:
    out = []
    for name, sid in names.items():
        start = text.find(name)
        while start >= 0:
            out.append(Mention("State", name, start, start + len(name), ids=[sid], how="gazetteer"))
            start = text.find(name, start + 1)
    return out


def test_a_state_after_a_page_number_at_the_end_is_a_heading() -> None:
    text = "12.3.4 CFC in Spices Cluster, Ralla 7 Madhya Pradesh"
    found = state_headings(text, _states(text, {"Madhya Pradesh": "state:mp"}))
    assert found == [(text.index("Madhya Pradesh"), "state:mp")]


def test_a_state_before_an_item_number_is_a_heading() -> None:
    text = "Karnataka 12.3.5 CFC in Silk Cluster, Ralla 9 Kerala 12.3.6 CFC in Coir Cluster, Tonk"
    found = state_headings(text, _states(text, {"Karnataka": "state:ka", "Kerala": "state:kl"}))
    assert [sid for _, sid in found] == ["state:ka", "state:kl"]


def test_a_state_in_running_text_is_no_heading() -> None:
    text = "The cluster in Ralla, Karnataka was opened in 2019 by the state government."
    assert state_headings(text, _states(text, {"Karnataka": "state:ka"})) == []


def test_a_sentence_opening_in_a_state_heads_its_items() -> None:
    text = "In Kerala: a coir cluster at Ralla and a cashew cluster at Tonk."
    assert state_headings(text, _states(text, {"Kerala": "state:kl"})) == [(3, "state:kl")]
