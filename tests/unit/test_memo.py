"""kb.memo: the bounded map of answers and plans already given, and the keys of calls."""

from __future__ import annotations

import threading

from kb.memo import Memo, key_of
from kb.models import Answer


def test_the_least_recently_used_entry_goes_first() -> None:
    memo: Memo[int] = Memo(size=2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # "a" used: "b" is now the oldest
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c")) == (1, None, 3)
    assert len(memo) == 2


def test_keys_equal_for_the_same_call_and_differ_for_another() -> None:
    assert key_of("Who anchors  the cluster?", []) == key_of(" Who anchors the cluster? ", [])
    assert key_of("Who anchors the cluster?", []) != key_of("Who anchors the cluster", [])
    turn = Answer(question="q", answer="a", answered=True, citations=[], entities=[], facts=[])
    assert key_of("And who funds it?", [turn]) == key_of("And who funds it?", [turn.model_dump()])
    assert key_of("And who funds it?", [turn]) != key_of("And who funds it?", [])
    assert key_of("Gaya", "Handloom", None, None) != key_of("Gaya", "Handloom", "Bihar", None)


def test_many_threads_keep_it_within_its_size() -> None:
    memo: Memo[int] = Memo(size=50)

    def fill(start: int) -> None:
        for i in range(start, start + 500):
            memo.put(i, i)
            memo.get(i - 3)

    threads = [threading.Thread(target=fill, args=(k * 1000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(memo) == 50


def test_a_value_asked_for_at_once_by_many_is_computed_once() -> None:
    memo: Memo[str] = Memo()
    calls: list[str] = []
    started, release = threading.Event(), threading.Event()

    def slow(question: str) -> str:
        calls.append(question)
        started.set()
        release.wait(10)
        return question.upper()

    results: list[str] = []
    first = threading.Thread(target=lambda: results.append(memo.compute("k", ("q",), slow)))
    first.start()
    started.wait(10)
    assert memo.pending("k") and memo.get("k") is None
    others = [threading.Thread(target=lambda: results.append(memo.compute("k", ("q",), slow)))
              for _ in range(5)]  # fmt: skip
    for t in others:
        t.start()
    release.set()
    for t in [first, *others]:
        t.join(10)
    assert calls == ["q"] and results == ["Q"] * 6 and not memo.pending("k")


def test_a_failed_computation_is_left_to_the_next_caller() -> None:
    memo: Memo[int] = Memo()

    def fails() -> int:
        raise ValueError("no")

    try:
        memo.compute("k", (), fails)
    except ValueError:
        pass
    assert not memo.pending("k") and memo.get("k") is None
    assert memo.compute("k", (), lambda: 7) == 7


def test_recent_calls_come_back_with_their_arguments_most_recent_first() -> None:
    memo: Memo[int] = Memo()
    memo.put("a", 1, ("Gaya", "Handloom"))
    memo.put("b", 2, ("Nalanda", "Bawan Buti"))
    memo.get("a")
    assert memo.recent(5) == [("Gaya", "Handloom"), ("Nalanda", "Bawan Buti")]
    assert memo.recent(1) == [("Gaya", "Handloom")]
