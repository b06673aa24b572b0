"""Optional LLM extraction through LangChain, on top of the offline rules.

When `CLUSTERKB_LLM` names a chat model ("ollama:llama3.1", "openai:gpt-4o-mini", any
"provider:model" that `langchain.chat_models.init_chat_model` knows), each chunk of numbered
sentences is sent with the ontology, and the model answers with JSON entities and relations.
Nothing it says is taken on trust: types and relations must be the ontology's, a name must
occur in the sentence it cites, places must already be known, and every entity is resolved
through the same code as the rules' mentions — so the LLM cannot add a duplicate or an
uncited fact. A model that fails or answers garbage leaves the rule facts as they are.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ingest.extract import MAX_NAME_CHARS, Extractor
from ingest.facts import FactSet
from ingest.units import Entity, Sentence
from kb.errors import InputError, SchemaError
from kb.ids import node_id
from kb.linking import Mention
from kb.resolve import normalize
from kb.schema import NODE_TYPES, PLACE_TYPES, RELATION_TYPES, check_relation
from kb.store.base import Provenance

log = logging.getLogger(__name__)

CHUNK = 12
TYPES = [t for t in NODE_TYPES if t not in ("Document", "GeographicalIndication", "Sector")]
RELATIONS = [r for r in RELATION_TYPES if r not in ("MENTIONED_IN", "ODOP_PRODUCT", "HAS_GI")]


def chat_model(spec: str) -> Any:
    """The LangChain chat model named by CLUSTERKB_LLM ("provider:model")."""
    try:
        from langchain.chat_models import init_chat_model
    except ImportError as e:
        raise InputError(
            "CLUSTERKB_LLM needs the `langchain` package and the provider's package"
        ) from e
    try:
        return init_chat_model(spec)
    except (ImportError, ValueError) as e:
        raise InputError(f"CLUSTERKB_LLM={spec!r}: {e}") from e


def prompt(sentences: list[Sentence]) -> list[tuple[str, str]]:
    rels = "\n".join(
        f"- {r.name}: {r.meaning} ({'/'.join(r.sources)} -> {'/'.join(r.targets)})"
        for r in RELATION_TYPES.values()
        if r.name in RELATIONS
    )
    system = (
        "You extract a knowledge graph of Indian MSME clusters from text. Use only these entity "
        f"types: {', '.join(TYPES)}.\nUse only these relations:\n{rels}\n"
        "Report only what the numbered sentences state. Names must be copied exactly as written. "
        'Answer with JSON only: {"entities": [{"name": ..., "type": ..., "sentence": N}], '
        '"relations": [{"source": name, "relation": ..., "target": name, "sentence": N}]}'
    )
    user = "\n".join(f"{s.index + 1}. {s.text}" for s in sentences)
    return [("system", system), ("human", user)]


def parse(text: str) -> dict[str, Any]:
    """The first JSON object in a model's answer; {} if there is none."""
    start = text.find("{")
    while start >= 0:
        for end in range(len(text), start, -1):
            if text[end - 1] != "}":
                continue
            try:
                obj = json.loads(text[start:end])
                return obj if isinstance(obj, dict) else {}
            except ValueError:
                continue
        start = text.find("{", start + 1)
    return {}


def _grounded(name: str, sentence: str) -> bool:
    key = normalize(name)
    return bool(key) and f" {key} " in f" {normalize(sentence)} "


class LLMExtractor:
    def __init__(self, model: Any, name: str, extractor: Extractor):
        self.model = model
        self.name = name
        self.extractor = extractor
        self.dropped = 0

    def _resolve(
        self, name: str, type_: str, s: Sentence, context: dict[str, Any]
    ) -> Entity | None:
        ex = self.extractor
        m = Mention(type_, name, 0, len(name), how="pattern")
        if type_ in PLACE_TYPES:
            known = [e for e in ex.gazetteer.index.get(normalize(name), []) if e[1] == type_]
            return (
                Entity(known[0][0], type_, known[0][2], 0, 0, confidence=0.6)
                if len(known) == 1
                else None
            )
        if type_ == "Agency":
            return ex._agency(m, context.get("state"), context.get("district"), s.clean)
        if type_ == "Scheme":
            return ex._scheme(m)
        if type_ == "Cluster":
            ids = [e[0] for e in ex.gazetteer.index.get(normalize(name), []) if e[1] == "Cluster"]
            return ex._cluster(name, 0, 0, context.get("district"), ids)
        if type_ in ("Enterprise", "Product", "Facility"):
            return Entity(node_id(type_, name), type_, name, 0, 0, confidence=0.6)
        return None

    def add(
        self, facts: FactSet, doc_id: str, sentences: list[Sentence], context: dict[str, Any]
    ) -> None:
        """Add the model's checked proposals for every chunk of the document to `facts`."""
        for i in range(0, len(sentences), CHUNK):
            chunk = sentences[i : i + CHUNK]
            try:
                answer = self.model.invoke(prompt(chunk))
                proposal = parse(str(getattr(answer, "content", answer)))
            except Exception as e:  # noqa: BLE001 - any provider failure: keep the rule facts
                log.warning(
                    "LLM extraction failed for %s sentences %d-%d: %s",
                    doc_id,
                    i + 1,
                    i + len(chunk),
                    e,
                )
                continue
            self._apply(facts, doc_id, chunk, proposal, context)

    def _apply(
        self,
        facts: FactSet,
        doc_id: str,
        chunk: list[Sentence],
        proposal: dict[str, Any],
        context: dict[str, Any],
    ) -> None:
        by_number = {s.index + 1: s for s in chunk}
        named: dict[str, Entity] = {}
        for item in proposal.get("entities") or []:
            try:
                name, type_, s = (
                    str(item["name"]).strip(),
                    str(item["type"]),
                    by_number[int(item["sentence"])],
                )
            except (KeyError, TypeError, ValueError):
                self.dropped += 1
                continue
            if type_ not in TYPES or not _grounded(name, s.text) or len(name) > MAX_NAME_CHARS:
                self.dropped += 1  # a name longer than the rules keep is not kept either
                continue
            e = self._resolve(name, type_, s, context)
            if e is None:
                self.dropped += 1
                continue
            prov = self._prov(doc_id, s)
            facts.node(e.id, e.type, e.name, prov, {"role": e.role} if e.role else {}, e.aliases)
            facts.edge(e.id, "MENTIONED_IN", doc_id, prov)
            named[normalize(name)] = e
        for item in proposal.get("relations") or []:
            try:
                src = named[normalize(str(item["source"]))]
                tgt = named[normalize(str(item["target"]))]
                relation, s = str(item["relation"]), by_number[int(item["sentence"])]
                check_relation(relation, src.type, tgt.type)
            except (KeyError, TypeError, ValueError, SchemaError):
                self.dropped += 1
                continue
            if relation in RELATIONS and src.id != tgt.id:
                facts.edge(src.id, relation, tgt.id, self._prov(doc_id, s))

    def _prov(self, doc_id: str, s: Sentence) -> Provenance:
        return Provenance(doc_id, f"sentence {s.index + 1}", s.text, f"llm:{self.name}", 0.6)
