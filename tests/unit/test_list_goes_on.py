"""A list asked of something (a place, a cluster) goes on in the sentences naming it, also less
sure ones, and a long sentence that does not fit leaves room for a shorter one that names it
(kb/qa.py `compose`); hand-made candidates, no model or parser of the KB."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from kb.evidence import Candidate
from kb.qa import QuestionAnswerer
from kb.question import Question
from kb.search import stem
from tests.unit.answerer_stub import composing_answerer


def _answerer() -> Any:
    return composing_answerer(
        SimpleNamespace(document_words=lambda d: set(), following=lambda c, n=2: [])
    )


def _sentence(text: str, score: float, named: float, locator: str) -> Candidate:
    return Candidate(text, "doc:rampur", locator, score=score,
                     features={"focus_in_sentence": named})  # fmt: skip


BEST = _sentence("A brass cluster at Rampur and a carpet cluster at Sitapur were approved.", 0.8,
                 1.0, "sentence 1")  # fmt: skip
LONG = _sentence(
    "The fibre cluster at Gonda, approved in 2014 after a diagnostic study that "
    "took two years and covered four hundred units across nine blocks of the "
    "district, is at a nascent stage and its special purpose vehicle has not yet "
    "raised the beneficiaries' share of the project cost, which the state's "
    "industries department has asked it to deposit before the next meeting.",
    0.6,
    0.0,
    "sentence 2",
)
ZARI = _sentence("The zari cluster at Rampur was approved recently.", 0.2, 1.0, "sentence 3")
PAPER = _sentence("The paper cluster at Rampur awaits approval.", 0.15, 1.0, "sentence 4")
ELSEWHERE = _sentence("A jute cluster at Basti was approved too.", 0.2, 0.0, "sentence 5")
POOL = [BEST, LONG, ZARI, PAPER, ELSEWHERE]


def test_a_list_asked_of_a_place_goes_on_in_sentences_naming_it() -> None:
    q = Question("list the clusters planned at rampur", "list", constraints=["rampur"],
                 noun=stem("cluster"), plural=True)  # fmt: skip
    cited = [c.text for c in QuestionAnswerer.compose(_answerer(), q, BEST, POOL).citations]
    assert ZARI.text in cited and PAPER.text in cited, cited
    assert ELSEWHERE.text not in cited  # less sure, and not about Rampur
    assert LONG.text not in cited  # sure enough, but no room left: the shorter ones fit


def test_a_list_asked_of_nothing_named_takes_only_sure_evidence() -> None:
    q = Question("which clusters were approved", "list", noun=stem("cluster"), plural=True)
    cited = [c.text for c in QuestionAnswerer.compose(_answerer(), q, BEST, POOL).citations]
    assert ZARI.text not in cited and PAPER.text not in cited, cited
