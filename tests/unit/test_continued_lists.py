"""A list question answered by the sentence that goes on from good evidence (kb/qa.py
`compose`, `_continued_list`; kb/evidence.py `goes_on_listing`): "The proposed projects ...
will cost ₹22 crore. These projects include A at X, B at Y and C at Z." Hand-made candidates
and a hand-made document; no model or parser of the KB."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from kb.evidence import Candidate, goes_on_listing
from kb.qa import QuestionAnswerer
from kb.question import Question
from kb.search import stem
from tests.unit.answerer_stub import composing_answerer

SENTENCES = [
    "The National Steering Committee approved three common facility centres for the state.",
    "The proposed infrastructure projects that got final approval will cost Rs 22 crore.",
    "These projects include a jewellery park at Machilipatnam, a growth centre at Hindupur and "
    "an industrial park at Autonagar.",
    "The committee meeting, chaired by the Secretary, MSME, was attended by the State, the "
    "Director and others.",
]


def _at(i: int, score: float = 0.0) -> Candidate:
    return Candidate(SENTENCES[i], "doc:ap", f"sentence {i}", score=score)


def _answerer() -> Any:
    def following(c: Candidate, n: int = 2) -> list[Candidate]:
        at = int(c.locator.split()[1])
        return [_at(i) for i in range(at + 1, min(at + 1 + n, len(SENTENCES)))]

    return composing_answerer(SimpleNamespace(following=following))


def _question() -> Question:
    return Question("Which infrastructure projects got final approval?", "list",
                    noun=stem("project"), plural=True,
                    content={stem("infrastructure"), stem("project"), stem("approval")})  # fmt: skip


def test_the_sentence_pointing_back_lists_what_good_evidence_names() -> None:
    q = _question()
    best, naming = _at(0, 0.9), _at(1, 0.8)
    answer = QuestionAnswerer.compose(_answerer(), q, best, [best, naming])
    assert "Machilipatnam" in answer.answer and "Autonagar" in answer.answer, answer.answer
    assert SENTENCES[2] in [c.text for c in answer.citations]


def test_a_sentence_with_commas_that_lists_nothing_does_not_go_on_listing() -> None:
    q = _question()
    assert goes_on_listing(q, _at(2))
    assert not goes_on_listing(q, _at(3))  # commas, no listing word, no pointing back
    # evidence that names no asked noun is not continued
    best = _at(0, 0.9)
    answer = QuestionAnswerer.compose(_answerer(), q, best, [best])
    assert "Machilipatnam" not in answer.answer
