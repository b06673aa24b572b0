"""A list question asking for things that are no body and no place ("what facilities are
planned") is answered by the things the sentence lists, not by a name in it (kb/evidence.py
`THING_NOUNS`). The sentences are written for these tests."""

from __future__ import annotations

from kb.evidence import answer_spans
from kb.question import Question
from kb.search import stem


def test_a_list_of_things_is_not_answered_by_a_name_in_the_sentence() -> None:
    text = (
        "The Rampur cluster in Hardoi will have a dye house, a raw material bank and a design "
        "studio, officials said."
    )
    facilities = Question("what facilities are planned for the rampur cluster", "list",
                          noun=stem("facility"), plural=True)  # fmt: skip
    found = answer_spans(facilities, text)
    assert not any(s.type in ("org", "place") for s in found), found
    # a list of places is still answered by their names
    districts = Question("which districts have the rampur cluster", "list",
                         noun=stem("district"), plural=True)  # fmt: skip
    assert any(s.text == "Hardoi" for s in answer_spans(districts, text))
