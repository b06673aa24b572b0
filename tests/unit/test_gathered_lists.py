"""A list asked of several entities gathers evidence for each (kb/qa.py `compose`): failing a
sentence that names an entity, the best sentence of a document that does and holds the asked
noun joins, however low it scores; hand-made candidates, no model or parser of the KB."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from kb.evidence import Candidate
from kb.qa import QuestionAnswerer
from kb.question import Question
from kb.search import stem, tokens
from kb.store.base import Node
from tests.unit.answerer_stub import composing_answerer

PURNIA = Node("cluster:purnia-maize-cluster", "Cluster", "Purnia Maize Cluster")
BHAGALPUR = Node("cluster:bhagalpur-silk-cluster", "Cluster", "Bhagalpur Silk Cluster")
DOCUMENTS = {
    "doc:maize": "Purnia Maize Cluster. Today the Aranayak Producer Company has 5,753 members.",
    "doc:silk": "Bhagalpur Silk Cluster. One producer company, ARPAN, was registered last year. "
    "The weavers earn more now.",
}


def _answerer() -> Any:
    return composing_answerer(
        SimpleNamespace(
            document_words=lambda d: set(tokens(DOCUMENTS[d])), following=lambda c, n=2: []
        )
    )


def _sentence(text: str, doc: str, score: float, **features: float) -> Candidate:
    return Candidate(text, doc, "sentence 2", score=score, features=dict(features))


def test_each_listed_entitys_document_answers_for_it() -> None:
    q = Question("Which producer companies are mentioned for the Purnia maize and the Bhagalpur "
                 "silk clusters?", "list", focus=[PURNIA, BHAGALPUR], noun=stem("company"),
                 noun_phrase=(stem("producer"), stem("company")), plural=True,
                 content={stem("producer"), stem("company")})  # fmt: skip
    best = _sentence("Today the Aranayak Producer Company has 5,753 members.", "doc:maize", 0.8,
                     noun_in_sentence=1.0)  # fmt: skip
    arpan = _sentence("One producer company, ARPAN, was registered last year.", "doc:silk", 0.05,
                      noun_in_sentence=1.0)  # fmt: skip
    other = _sentence("The weavers earn more now.", "doc:silk", 0.1)
    answer = QuestionAnswerer.compose(_answerer(), q, best, [best, arpan, other])
    cited = [c.text for c in answer.citations]
    assert best.text in cited and arpan.text in cited, cited
    assert other.text not in cited
    # one entity asked about: nothing is gathered for the other document
    single = Question(q.text, "org", focus=[PURNIA], noun=stem("company"))
    alone = QuestionAnswerer.compose(_answerer(), single, best, [best, arpan, other])
    assert [c.text for c in alone.citations] == [best.text]
