"""The core's long loops check the request's deadline (kb.deadline), so a request past it stops
mid-way and its thread comes back: the recommender once per cluster, an answer once per
candidate of its evidence, a preview once per sentence. The deadline here is a hand-written
fake that passes at its n-th check, so where the work stops does not depend on the machine's
speed; the KB answers as before afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterkb.service import KnowledgeBase
from kb.deadline import Deadline, within
from kb.errors import DeadlineExceeded

NEVER = 10**12


class Countdown(Deadline):
    """A deadline that passes at its `n`-th check, counting the checks made."""

    def __init__(self, n: int = NEVER):
        super().__init__(3600, "the test's work")
        self.n, self.checks = n, 0

    def expired(self) -> bool:
        self.checks += 1
        return self.checks >= self.n


def checks_made(work: object) -> int:
    """How many times `work()` checks its deadline when it never passes."""
    counting = Countdown()
    with within(counting):
        work()  # type: ignore[operator]
    return counting.checks


def test_a_plan_checks_once_per_cluster_and_stops_mid_way(scratch_kb: KnowledgeBase) -> None:
    kb = scratch_kb.recommender()  # itself: the service gives a plan made before from its memo
    before = kb.recommend("Gaya", "Handloom").to_dict()
    made = checks_made(lambda: kb.recommend("Gaya", "Handloom"))
    # the per-cluster loop checks, once per cluster it ranks: those the index gives as near
    # the target and the most similar others (kb.recommend Recommender._gather), not all
    assert made >= 10
    with within(Countdown(made // 2)), pytest.raises(DeadlineExceeded):
        kb.recommend("Gaya", "Handloom")
    assert kb.recommend("Gaya", "Handloom").to_dict() == before


def test_an_answer_checks_once_per_candidate_and_stops_mid_way(scratch_kb: KnowledgeBase) -> None:
    kb = scratch_kb.answerer()  # itself: the service gives a question asked before from its memo
    question = "Which schemes support the Umden Eri Cluster?"
    before = kb.ask(question).to_dict()
    _, candidates = kb.candidates(question)
    made = checks_made(lambda: kb.ask(question))
    assert made >= len(candidates) > 10  # the evidence loop checks
    with within(Countdown(made // 2)), pytest.raises(DeadlineExceeded):
        kb.ask(question)
    assert kb.ask(question).to_dict() == before


def test_a_preview_checks_once_per_sentence_and_stops_mid_way(
    scratch_kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb = scratch_kb
    doc = tmp_path / "weavers.txt"
    doc.write_text(
        "\n".join(
            f"The Weaver Cluster number {i} in Gaya is supported by SFURTI." for i in range(300)
        )
    )
    made = checks_made(lambda: kb.preview([doc]))
    assert made >= 300
    with within(Countdown(made // 2)), pytest.raises(DeadlineExceeded):
        kb.preview([doc])
    assert kb.node("doc:weavers") is None  # a preview writes nothing, stopped or not
