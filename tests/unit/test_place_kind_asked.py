"""A question asking a kind of place by name ("which state") is answered by a place of that
kind before a nearer place of another (kb/evidence.py `_ranked_spans`, `Question.kind_names`,
filled by kb/qa.py from the KB's State or District nodes). Hand-made sentences."""

from __future__ import annotations

from kb.evidence import _ranked_spans
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


def test_with_no_place_of_the_kind_the_nearest_place_stays_first() -> None:
    q = Question(
        "which state is manpur in", "place", content={stem("villages")}, noun=stem("state")
    )
    nearest = _first(q)
    q.kind_names = frozenset({"another state"})
    assert _first(q) == nearest
