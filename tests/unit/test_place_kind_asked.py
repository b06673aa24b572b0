"""A question asking a kind of place by name ("which state") is answered by a place of that
kind before a nearer place of another (kb/evidence.py `_ranked_spans`, `Question.kind_names`,
filled by kb/qa.py from the KB's State or District nodes). Hand-made sentences."""

from __future__ import annotations

from kb.evidence import _ranked_spans, kind_named, of_the_kind
from kb.question import Question
from kb.search import stem

SENTENCE = (
    "In Rajasthan, most of the weavers live far away, in the two villages of Sarai and Manpur."
)


def _first(q: Question) -> str:
    return _ranked_spans(q, SENTENCE)[0][0].text


def test_the_state_asked_for_comes_before_nearer_villages() -> None:
    q = Question(
        "which state is manpur in", "place", content={stem("villages")}, noun=stem("state")
    )
    assert _first(q) != "Rajasthan"  # nearest to the question's words, with no kinds known
    q.kind_names = frozenset({"rajasthan", "other state"})
    assert _first(q) == "Rajasthan"


def test_with_no_placeof_the_kind_the_nearest_place_stays_first() -> None:
    q = Question(
        "which state is manpur in", "place", content={stem("villages")}, noun=stem("state")
    )
    nearest = _first(q)
    q.kind_names = frozenset({"another state"})
    assert _first(q) == nearest


def test_only_a_placeof_the_kind_is_a_span_of_the_asked_kind() -> None:
    # "the North East" is a place, but no state: a sentence holding only it has no span of
    # the kind asked (the `type_span` feature the scorer reads)
    q = Question("which state is manpur in", "place", noun=stem("state"))
    spans = [s for s, _ in _ranked_spans(q, SENTENCE)]
    assert all(of_the_kind(q, s) for s in spans)  # no kinds known: any place
    q.kind_names = frozenset({"rajasthan"})
    assert [s.text for s in spans if of_the_kind(q, s)] == ["Rajasthan"]


def test_a_place_of_the_kind_is_read_where_the_tagger_found_none() -> None:
    q = Question("which district has the leather industry chosen", "place", noun=stem("district"))
    text = "The industry has chosen Perambalur district as the location of its new cluster."
    assert kind_named(q, text) == ""  # no kinds known
    q.kind_names = frozenset({"perambalur", "ariyalur"})
    assert kind_named(q, text) == "Perambalur"
    # a place the question names is no answer
    q = Question("which district is near perambalur", "place", noun=stem("district"))
    q.kind_names = frozenset({"perambalur"})
    assert kind_named(q, text) == ""
