"""Optional LLM extraction: the plumbing, with a local chat model implementing LangChain's API.

The model here is a hand-written LangChain chat model that answers from a script; what is
tested is what clusterkb does with any model's answer: ontology checks, grounding in the cited
sentence, resolution to existing nodes, provenance, and surviving a failing model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from clusterkb.service import KnowledgeBase
from ingest.llm import parse, prompt
from kb.config import REPO_DATA, Settings


class ScriptedChatModel(BaseChatModel):
    """Answers every prompt with the same text (or raises); records the prompts it saw."""

    answer: str = "{}"
    fail: bool = False
    seen: list[str] = []

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any
    ) -> ChatResult:
        self.seen.append(str(messages[-1].content))
        if self.fail:
            raise ConnectionError("model server down")
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.answer))])


DOC = (
    "Kudumbashree mobilised 200 women for the Alleppey Coir Cluster.\n"
    "JEEViKA trained the artisans of the Alleppey Coir Cluster in Alappuzha.\n"
)


def _kb(tmp_path: Path, tables_home: Path, model: BaseChatModel) -> KnowledgeBase:
    home = tmp_path / "home"
    shutil.copytree(tables_home, home)
    return KnowledgeBase(Settings(home=home, data_dir=REPO_DATA), llm=model)


def test_prompt_carries_the_ontology_and_numbered_sentences() -> None:
    from ingest.units import Sentence

    messages = prompt(
        [Sentence(0, "A sentence.", "A sentence."), Sentence(1, "Another.", "Another.")]
    )
    system, user = messages[0][1], messages[1][1]
    assert "Cluster" in system and "MOBILISES" in system and "MENTIONED_IN" not in system
    assert user == "1. A sentence.\n2. Another."


def test_parse_finds_json_in_chatty_answers() -> None:
    assert parse('Sure! Here it is: {"entities": []} Hope that helps.') == {"entities": []}
    assert parse("no json here") == {}


def test_checked_proposals_are_added_with_llm_provenance(tmp_path: Path, tables_home: Path) -> None:
    answer = {
        "entities": [
            {"name": "Kudumbashree", "type": "Agency", "sentence": 1},
            {"name": "Alleppey Coir Cluster", "type": "Cluster", "sentence": 1},
            {"name": "JEEViKA", "type": "Agency", "sentence": 2},
            {"name": "Atlantis Corp", "type": "Enterprise", "sentence": 1},  # not in the text
            {"name": "Kudumbashree", "type": "Spaceship", "sentence": 1},  # not a type
            {"name": "Alappuzha", "type": "District", "sentence": 2},
        ],
        "relations": [
            {
                "source": "Kudumbashree",
                "relation": "MOBILISES",
                "target": "Alleppey Coir Cluster",
                "sentence": 1,
            },
            {
                "source": "JEEViKA",
                "relation": "TRAINS",
                "target": "Alleppey Coir Cluster",
                "sentence": 2,
            },
            {
                "source": "Alleppey Coir Cluster",
                "relation": "ANCHORS",
                "target": "JEEViKA",
                "sentence": 2,
            },
            {"source": "Kudumbashree", "relation": "LIKES", "target": "JEEViKA", "sentence": 1},
        ],
    }
    model = ScriptedChatModel(answer=json.dumps(answer), seen=[])
    kb = _kb(tmp_path, tables_home, model)
    doc = tmp_path / "coir.txt"
    doc.write_text(DOC)
    kb.ingest([doc])
    assert model.seen and "1. Kudumbashree mobilised" in model.seen[0]
    store = kb.store
    jeevika = store.get_node("agency:bihar-rural-livelihoods-promotion-society")
    assert jeevika is not None  # resolved to the existing node, not a new "JEEViKA"
    assert [n for n in store.nodes("Enterprise") if n.name == "Atlantis Corp"] == []
    trains = [e for e in store.edges("TRAINS") if e.source == jeevika.id]
    assert len(trains) == 1
    (p,) = [p for p in trains[0].provenance if p.extractor.startswith("llm:")]
    assert (p.source, p.locator) == ("doc:coir", "sentence 2") and "JEEViKA trained" in p.text
    assert not list(store.edges("ANCHORS"))  # an Agency cannot anchor: dropped by the ontology
    assert any(e.target == "district:kerala:alappuzha" for e in store.edges("LOCATED_IN"))


def test_a_failing_model_leaves_the_rule_facts(tmp_path: Path, tables_home: Path) -> None:
    kb = _kb(tmp_path, tables_home, ScriptedChatModel(fail=True, seen=[]))
    doc = tmp_path / "coir.txt"
    doc.write_text(DOC)
    report = kb.ingest([doc])
    assert report.added == ["doc:coir"]
    trains = list(kb.store.edges("TRAINS"))  # "JEEViKA trained ...": found by the rules
    assert [p.extractor for e in trains for p in e.provenance] == ["rules"]
    assert all(not p.extractor.startswith("llm:") for e in kb.store.edges() for p in e.provenance)


def test_unknown_provider_is_a_clear_error() -> None:
    from ingest.llm import chat_model
    from kb.errors import InputError

    with pytest.raises(InputError) as err:
        chat_model("nosuchprovider:model-x")
    assert "CLUSTERKB_LLM" in str(err.value)
