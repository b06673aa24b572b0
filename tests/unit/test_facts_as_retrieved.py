"""A graph fact reads as retrieved as well as the sentence it cites (kb.qa._retrieved_as_cited):
the scorer's dense and lexical features are otherwise zero for every fact, which reads as a
retrieval miss beside the very sentence the fact was taken from."""

from __future__ import annotations

from kb.evidence import Candidate
from kb.qa import _retrieved_as_cited


def _sentence(locator: str, dense: float, lexical: float) -> Candidate:
    return Candidate("Co-optex implements the cluster.", "doc:a", locator, dense=dense,
                     lexical=lexical)  # fmt: skip


def _fact(document: str, locator: str) -> Candidate:
    return Candidate("Co-optex (implements X) Co-optex implements the cluster.", document,
                     locator, kind="fact", answer="Co-optex")  # fmt: skip


def test_a_fact_takes_the_scores_of_the_retrieved_sentence_it_cites() -> None:
    cited, other = _sentence("sentence 3", 0.8, 0.9), _sentence("sentence 4", 0.5, 1.0)
    fact = _fact("doc:a", "sentence 3")
    _retrieved_as_cited([fact, cited, other])
    assert (fact.dense, fact.lexical) == (0.8, 0.9)
    assert (cited.dense, cited.lexical) == (0.8, 0.9)  # sentences keep their own


def test_a_fact_whose_sentence_was_not_retrieved_keeps_none() -> None:
    elsewhere = _fact("doc:b", "sentence 3")  # same locator, another document
    table_row = _fact("data/tables/odop.csv", "row 12")
    _retrieved_as_cited([elsewhere, table_row, _sentence("sentence 3", 0.8, 0.9)])
    assert (elsewhere.dense, elsewhere.lexical) == (0.0, 0.0)
    assert (table_row.dense, table_row.lexical) == (0.0, 0.0)
