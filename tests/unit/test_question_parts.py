"""A question of several parts read from its parse (kb.question.split_parts): coordinated
wh-clauses and comparisons are parts, a subordinate or relative clause is not, and framing
("which is bigger?", "give both") asks nothing. Hand-made questions about made-up places."""

from __future__ import annotations

import pytest

from kb.question import split_parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "How many looms were installed at the Rampur CFC, and what did the dye house cost?",
            ["How many looms were installed at the Rampur CFC", "what did the dye house cost?"],
        ),
        (
            "How much did the Sitapur SPV raise and who audits its accounts?",
            ["How much did the Sitapur SPV raise", "who audits its accounts?"],
        ),
        (
            "Compare the grant for the Rampur cluster with the grant for the Sitapur cluster",
            [
                "How much is the grant for the Rampur cluster?",
                "How much is the grant for the Sitapur cluster?",
            ],
        ),  # fmt: skip
        (
            "How does Rampur's turnover compare with Sitapur's turnover?",
            ["How much is Rampur's turnover?", "How much is Sitapur's turnover?"],
        ),
        (
            "Which costs more: the Rampur dye house or the Sitapur CFC? Give both figures.",
            ["How much is the Rampur dye house?", "How much is the Sitapur CFC?"],
        ),
    ],
)
def test_each_thing_asked_is_a_part(question: str, parts: list[str]) -> None:
    assert split_parts(question) == (parts, [])


@pytest.mark.parametrize(
    "question",
    [
        # a clause inside another: one thing asked, at two times
        "Who headed the Rampur weavers' society both when it was formed and when it was wound up?",
        # a wh-phrase without its own verb shares the rest of the clause
        "Which agency, and which officer, run the Rampur CFC?",
        # an opening phrase, and a relative clause, are no questions
        "Under SFURTI, what does the Rampur cluster make?",
        "Which consultant, who has set up forty clusters, spoke at the Sitapur meeting?",
        # framing only: "which number is bigger" asks nothing of its own
        "How many units does the Rampur cluster have? which number is bigger",
    ],
)
def test_one_thing_asked_is_one_part(question: str) -> None:
    parts, _ = split_parts(question)
    assert len(parts) == 1


def test_a_sentence_that_asks_nothing_is_context() -> None:
    parts, context = split_parts(
        "The Rampur cluster had a dye house and later got a CFC. What did the first one earn, "
        "and how much did the CFC cost?"
    )
    assert parts == ["What did the first one earn", "how much did the CFC cost?"]
    assert context == ["The Rampur cluster had a dye house and later got a CFC."]


def test_a_weak_part_stands_beside_a_confident_one() -> None:
    """`_by_parts`: "how many X, and how many Y?" — a part the abstention would decline still
    stands beside a confident part when its best evidence is not far weaker than good evidence
    (a quarter of the threshold); with no confident part, or a part with no fair evidence, the
    whole question is asked instead (None)."""
    from kb.evidence import Candidate
    from kb.qa import QuestionAnswerer, _reply
    from kb.question import Question

    class Model:
        threshold = 0.4

        def declines(self, ranked: list[Candidate]) -> bool:
            return ranked[0].score < self.threshold

    def answerer(scores: dict[str, float]) -> QuestionAnswerer:
        qa = QuestionAnswerer.__new__(QuestionAnswerer)
        qa.model = Model()  # type: ignore[assignment]
        qa.candidates = lambda text, history=None: (  # type: ignore[method-assign]
            Question(text, "other"),
            [Candidate(f"Evidence for {text}.", "doc:a", "sentence 1",
                       score=next(v for k, v in scores.items() if k in text))],
        )  # fmt: skip
        qa._unknown = lambda q: []  # type: ignore[method-assign]
        qa._entities = lambda nodes: []  # type: ignore[method-assign]
        qa.compose = lambda q, best, pool, threshold=None: _reply(  # type: ignore[method-assign]
            q.text, best.text, True, [], [], []
        )
        return qa

    question = "How many looms are in Kalapur, and how many weavers work there?"
    both = answerer({"looms": 0.9, "weavers": 0.2})._by_parts(question, None)
    assert both is not None and "looms" in both.answer and "weavers" in both.answer
    assert answerer({"looms": 0.9, "weavers": 0.05})._by_parts(question, None) is None
    assert answerer({"looms": 0.2, "weavers": 0.2})._by_parts(question, None) is None
