"""The LangChain surface: the docs' example, tools, and LLM phrasing with a local chat model."""

from __future__ import annotations

import json
import re
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from clusterkb.service import KnowledgeBase
from clusterkb.tools import clusterkb_tools
from kb.config import REPO_DATA, Settings
from kb.retriever import ClusterKBRetriever
from tests.conftest import REPO


def test_docs_example_runs(built_kb: KnowledgeBase) -> None:
    code = (REPO / "docs" / "langchain.md").read_text().split("```python")[1].split("```")[0]
    code = code.replace("KnowledgeBase.open()", "kb_under_test")
    printed: list[str] = []
    exec(
        code, {"kb_under_test": built_kb, "print": lambda *a: printed.append(" ".join(map(str, a)))}
    )  # noqa: S102
    assert any("doc:iie-strategy-for-implementation-of-clusters" in line for line in printed)
    assert any("High Spirit Commercial Ventures" in line for line in printed)


def test_tools_return_json(built_kb: KnowledgeBase) -> None:
    tools = {t.name: t for t in clusterkb_tools(built_kb)}
    assert "clusterkb_add_document" not in tools  # writes only with CLUSTERKB_API_KEY
    recommend = tools["clusterkb_recommend_partners"]
    partners = json.loads(
        recommend.invoke({"district": "East Champaran", "product": "Bags & Garments"})
    )
    assert partners["anchors"][0]["name"] == "High Spirit Commercial Ventures Pvt Ltd"
    ask = tools["clusterkb_ask"]
    assert "cited" in ask.description
    answer = json.loads(ask.invoke({"question": "What is the ODOP product of Gotham district?"}))
    assert answer["answered"] is False
    entity = json.loads(tools["clusterkb_show_entity"].invoke({"name_or_id": "Jeevika"}))
    assert entity["id"] == "agency:bihar-rural-livelihoods-promotion-society"
    missing = json.loads(tools["clusterkb_show_entity"].invoke({"name_or_id": "Atlantis Coral"}))
    assert "Atlantis Coral" in missing["error"] and "search_entities" in missing["error"]
    too_deep = json.loads(
        tools["clusterkb_neighbors"].invoke({"id": "district:bihar:gaya", "depth": 9})
    )
    assert "depth" in too_deep["error"] and "3" in too_deep["error"]
    search = tools["clusterkb_search_sentences"]
    hits = json.loads(search.invoke({"query": "work sheds with looms", "k": 2}))["passages"]
    assert len(hits) == 2 and all("work shed" in h["text"] for h in hits)
    assert isinstance(ClusterKBRetriever(kb=built_kb).invoke("credit")[0].page_content, str)


class EvidenceModel(BaseChatModel):
    """A local chat model: words an answer from the first evidence line, or misbehaves."""

    mode: str = "good"

    @property
    def _llm_type(self) -> str:
        return "evidence"

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any
    ) -> ChatResult:
        prompt = str(messages[-1].content)
        if self.mode == "fail":
            raise TimeoutError("no answer")
        first = re.search(r"\[1\] (.*)", prompt)
        text = {
            "good": f"According to the report, {first.group(1)[:60] if first else ''} [1] [9]",
            "uncited": "High Spirit is the anchor.",
            "refuse": "NOT IN EVIDENCE",
        }[self.mode]
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])


def _kb(built_home: Any, mode: str) -> KnowledgeBase:
    return KnowledgeBase(
        Settings(home=built_home, data_dir=REPO_DATA), llm=EvidenceModel(mode=mode)
    )


def test_llm_phrases_from_evidence_and_cites_only_it(built_home: Any) -> None:
    offline = KnowledgeBase(Settings(home=built_home, data_dir=REPO_DATA))
    q = "Who is the anchor unit of the Muzaffarpur bag cluster?"
    base = offline.ask(q)
    phrased = _kb(built_home, "good").ask(q)
    assert phrased.answered and phrased.answer.startswith("According to the report")
    assert phrased.citations == base.citations[:1]  # [9] is not evidence and is dropped
    for mode in ("fail", "uncited", "refuse"):
        assert _kb(built_home, mode).ask(q).answer == base.answer
    abstain = _kb(built_home, "good").ask("What is the capital of France?")
    assert not abstain.answered  # abstentions are never sent to the model
