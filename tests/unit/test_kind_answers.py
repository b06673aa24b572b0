"""A question "what type / kind / category of N is X?" asks for the words that qualify N
where X is described: the answer is a span of type `kind` whose noun is N, said of X, holding
a word the question does not. Sentences and questions written for this test."""

from __future__ import annotations

from kb.evidence import answer_spans
from kb.nlp import parse
from kb.question import answer_type, kind_asked
from kb.search import stem


def _typed(question: str) -> tuple[str, str | None]:
    doc = parse(question)
    noun = kind_asked(doc)
    return answer_type(doc)[0], noun.lemma_.lower() if noun is not None else None


def test_questions_asking_a_kind_are_typed_with_their_noun() -> None:
    assert _typed("What category of cluster is the Kolhapur foundry cluster?") == (
        "kind",
        "cluster",
    )
    assert _typed("acme tiles - what type of firm is it") == ("kind", "firm")
    assert _typed("Which kind of unit will the anchor set up?") == ("kind", "unit")
    # a wh-word asking for something else, and "type" asked for itself, are no kind questions
    assert _typed("Which firm runs the CFC?")[0] != "kind"
    assert _typed("What type is it?")[1] is None


def _kinds(question: str, text: str) -> list[str]:
    from kb.question import Question

    q = Question(question, "kind", noun=stem(_typed(question)[1] or ""))
    return [s.text for s in answer_spans(q, text)]


def test_the_kind_said_of_the_asked_thing_comes_first() -> None:
    text = (
        "While Hatkanangle and Shirol are mini clusters, Kagal is a heritage cluster, "
        "and the rest are major clusters."
    )
    found = _kinds("What category of cluster is the Kagal cluster?", text)
    assert found[0] == "heritage cluster"
    assert set(found) == {"heritage cluster", "mini clusters", "major clusters"}


def test_an_apposition_says_the_kind_and_the_question_s_own_words_do_not() -> None:
    text = "Acme Tiles Morbi (ATM), a partnership firm formed in 2019, opened a showroom."
    assert _kinds("acme tiles morbi - what type of firm is it", text) == ["partnership firm"]
    # the noun asked must be the span's noun, and a kind the question already says is none
    assert _kinds("What type of showroom did it open?", text) == []
    assert _kinds("What kind of partnership firm is Acme Tiles Morbi?", text) == []
