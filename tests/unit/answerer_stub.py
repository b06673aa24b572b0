"""A stand-in for QuestionAnswerer in unit tests of `compose`: the real composing methods over a
hand-made evidence pool (`evidence`: what `_evidence()` returns), no model or parser of the KB."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from kb.qa import QuestionAnswerer


def composing_answerer(evidence: Any, threshold: float = 0.5) -> Any:
    fake: Any = SimpleNamespace(model=SimpleNamespace(threshold=threshold),
                                _evidence=lambda: evidence, _entities=lambda nodes: [])  # fmt: skip
    fake._other_parts = lambda q, chosen, pool, t: QuestionAnswerer._other_parts(
        fake, q, chosen, pool, t
    )
    fake._continued_list = lambda q, best, pool, t: QuestionAnswerer._continued_list(
        fake, q, best, pool, t
    )
    fake.linker = SimpleNamespace(find=lambda name, type_=None: [])  # a KB naming nothing
    fake._names_kind = lambda q, text: QuestionAnswerer._names_kind(fake, q, text)
    return fake
