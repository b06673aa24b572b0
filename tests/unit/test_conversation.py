"""A follow-up continues the document its previous turn was answered from (kb/qa.py
`_conversation`, the `conversation` feature of kb.evidence): "SPV formed for the Rampur
carpet CFC", then "name of its director". Hand-made turns and documents, written for this test."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from kb.evidence import FEATURES, Candidate, EvidencePool, LogisticModel
from kb.qa import Answer, QuestionAnswerer
from kb.question import Question
from kb.store.base import Node
from kb.store.memory import MemoryStore
from tests.conftest import prov


def _answer(answered: bool, *documents: str) -> Answer:
    return Answer.model_validate(
        {"question": "q", "answer": "a", "answered": answered, "entities": [], "facts": [],
         "citations": [{"document": d, "locator": "sentence 1", "text": "t"} for d in documents]}
    )  # fmt: skip


def _answerer(reply: Answer) -> tuple[Any, list[tuple[str, Any]]]:
    asked: list[tuple[str, Any]] = []

    def ask(question: str, history: Any = None) -> Answer:
        asked.append((question, history))
        return reply.model_copy(update={"question": question})

    def candidates(question: str, history: Any = None) -> tuple[Question, list[Candidate]]:
        asked.append((f"candidates: {question}", history))
        weak = [
            Candidate("t", f"doc:{k}", "sentence 1", score=s) for k, s in (("b", 0.1), ("a", 0.2))
        ]
        return Question(question, "other"), weak

    return SimpleNamespace(ask=ask, candidates=candidates), asked


def test_the_previous_answer_s_first_citation_is_the_conversation() -> None:
    fake, asked = _answerer(_answer(True, "doc:rampur", "doc:other"))
    history = ["which town", "SPV formed for the Rampur carpet CFC"]
    assert QuestionAnswerer._conversation(fake, history) == frozenset({"doc:rampur"})
    # an earlier question given as text is asked again, with the turn before it
    assert asked == [("SPV formed for the Rampur carpet CFC", ["which town"])]


def test_an_answer_given_as_history_is_read_not_asked_again() -> None:
    fake, asked = _answerer(_answer(True, "doc:elsewhere"))
    turn = _answer(True, "doc:rampur").model_dump()
    assert QuestionAnswerer._conversation(fake, [turn]) == frozenset({"doc:rampur"})
    assert QuestionAnswerer._conversation(fake, [_answer(True, "doc:x")]) == frozenset({"doc:x"})
    assert asked == []


def test_a_declined_turn_continues_the_document_of_its_best_evidence() -> None:
    fake, asked = _answerer(_answer(False, "doc:rampur"))
    assert QuestionAnswerer._conversation(fake, ["who runs the Rampur CFC"]) == frozenset({"doc:a"})
    assert asked[-1] == ("candidates: who runs the Rampur CFC", None)
    # an answer given as history that was declined: its question is looked up again
    declined = {"question": "who runs the Rampur CFC", "answered": False, "citations": []}
    assert QuestionAnswerer._conversation(fake, [declined]) == frozenset({"doc:a"})
    assert QuestionAnswerer._conversation(fake, [{"answered": False}]) == frozenset()
    assert QuestionAnswerer._conversation(fake, [{"answered": True}]) == frozenset()


def test_an_empty_turn_continues_nothing_and_a_bare_record_is_asked() -> None:
    fake, asked = _answerer(_answer(True, "doc:rampur"))
    assert QuestionAnswerer._conversation(fake, ["  "]) == frozenset()
    assert QuestionAnswerer._conversation(fake, [{"question": ""}]) == frozenset()
    assert asked == []
    record = {"question": "SPV formed for the Rampur carpet CFC"}
    assert QuestionAnswerer._conversation(fake, [record]) == frozenset({"doc:rampur"})
    assert asked == [("SPV formed for the Rampur carpet CFC", None)]


def test_evidence_from_the_conversation_s_document_is_marked() -> None:
    assert "conversation" in FEATURES
    store = MemoryStore(None)
    for key, text in (("rampur", "Rampur carpet CFC"), ("kota", "Kota doria cluster")):
        store.upsert_node(
            Node(f"doc:{key}", "Document", text, provenance=[prov(key)],
                 attrs={"sentences": [f"{text}: Ravi Kumar is the director of the SPV."]})
        )  # fmt: skip
    pool = EvidencePool(store, None, LogisticModel({}, 0.5, {}))  # type: ignore[arg-type]
    found = [
        Candidate("Ravi Kumar is the director of the SPV.", f"doc:{key}", "sentence 1")
        for key in ("rampur", "kota")
    ]
    q = Question("name of its director", "person", documents=frozenset({"doc:rampur"}))
    pool.featurise(q, found)
    assert [c.features["conversation"] for c in found] == [1.0, 0.0]
    pool.featurise(Question("name of the director", "person"), found)  # no conversation
    assert [c.features["conversation"] for c in found] == [0.0, 0.0]
