"""A question asking for a body by its noun ("which bank", "the implementing agency", "the
name of the SPV") is not answered by a programme's or a facility's name, by a body
named as another kind than the one asked, or by an English word that only opens the sentence
in capitals (kb/evidence.py `not_the_body_asked`). The sentences are written for these tests."""

from __future__ import annotations

from kb.evidence import answer_spans
from kb.question import Question
from kb.search import stem


def _orgs(question: Question, text: str) -> list[str]:
    return [s.text for s in answer_spans(question, text) if s.type == "org"]


def test_a_programme_is_no_implementing_agency() -> None:
    text = (
        "Officials said the project will be implemented by the Delhi State Industrial "
        "Development Corporation under the Cluster Development Programme."
    )
    agency = Question("Who is the implementing agency for the CFC?", "org", noun=stem("agency"))
    found = _orgs(agency, text)
    assert "Cluster Development Programme" not in found
    assert "the Delhi State Industrial Development Corporation" in found
    # a question asking for the scheme is answered by it
    scheme = Question("Under which programme is the CFC built?", "org", noun=stem("programme"))
    assert "Cluster Development Programme" in _orgs(scheme, text)


def test_a_body_of_another_kind_is_not_the_kind_asked() -> None:
    text = (
        "The Union Ministry of Textiles sanctioned the cluster, and the State Bank of India "
        "lent the weavers working capital."
    )
    bank = Question("Which bank financed the cluster?", "org", noun=stem("bank"))
    found = _orgs(bank, text)
    assert "the State Bank of India" in found
    assert not any("Ministry" in f for f in found)


def test_a_capitalised_opening_word_is_no_body() -> None:
    text = "Diagnostic survey report has been approved for a bamboo cluster at Surgana."
    agency = Question("Who is the implementing agency for the bamboo cluster?", "org",
                      noun=stem("agency"))  # fmt: skip
    assert "Diagnostic" not in _orgs(agency, text)
