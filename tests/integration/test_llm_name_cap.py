"""Entity names are capped at ingest whoever proposes them (issue 17, finding 6): the rules
skip a name over MAX_NAME_CHARS (tests/unit/test_long_text.py), and so does the optional LLM
extraction, although such a name occurs in its sentence."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from clusterkb.service import KnowledgeBase
from ingest.extract import MAX_NAME_CHARS
from kb.config import REPO_DATA, Settings
from tests.integration.test_llm_extraction import ScriptedChatModel


def test_a_long_name_from_the_llm_is_not_kept(tmp_path: Path, tables_home: Path) -> None:
    long_name = " ".join(f"Weaver{i}" for i in range(60)) + " Cooperative Society"
    assert len(long_name) > MAX_NAME_CHARS
    doc = tmp_path / "long-name.txt"
    doc.write_text(f"The {long_name} trained the artisans of Gaya.\nKudumbashree trained them.\n")
    answer = {
        "entities": [
            {"name": long_name, "type": "Agency", "sentence": 1},
            {"name": "Kudumbashree", "type": "Agency", "sentence": 2},
        ],
        "relations": [],
    }
    home = tmp_path / "home"
    shutil.copytree(tables_home, home)
    model = ScriptedChatModel(answer=json.dumps(answer), seen=[])
    kb = KnowledgeBase(Settings(home=home, data_dir=REPO_DATA), llm=model)
    kb.ingest([doc])
    assert model.seen  # the model was asked
    names = [n.name for n in kb.store.facts_from("doc:long-name").nodes]
    assert any(n == "Kudumbashree" for n in names), names  # a short name it proposed is kept
    assert all(len(n) <= MAX_NAME_CHARS for n in names), [n[:80] for n in names]
    assert all(len(n.name) <= MAX_NAME_CHARS for n in kb.store.nodes())
