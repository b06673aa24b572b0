"""clusterkb as LangChain tools, for agents: ask, look up an entity, recommend, search.

    from clusterkb import KnowledgeBase
    from clusterkb.tools import clusterkb_tools
    tools = clusterkb_tools(KnowledgeBase.open())   # give these to any LangChain agent

Each tool returns JSON text with the same shapes as `clusterkb ... --json`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from langchain_core.tools import BaseTool, StructuredTool

from kb.errors import ClusterKBError

if TYPE_CHECKING:
    from clusterkb.service import KnowledgeBase


def clusterkb_tools(kb: KnowledgeBase) -> list[BaseTool]:
    def ask(question: str) -> str:
        """Answer a question about India's MSME clusters, ODOP products, schemes and agencies,
        with the cited source sentences; 'answered' is false when the knowledge base does not know."""
        try:
            return json.dumps(kb.ask(question).to_dict(), ensure_ascii=False)
        except ClusterKBError as e:
            return json.dumps({"question": question, "answered": False, "error": str(e)})

    def lookup_entity(name: str) -> str:
        """Look up a cluster, district, state, scheme, agency or enterprise by name: its attributes,
        its relations and where each fact comes from."""
        try:
            return json.dumps(kb.entity(name).to_dict(), ensure_ascii=False)
        except ClusterKBError as e:
            return json.dumps({"error": str(e), "suggestions": getattr(e, "suggestions", [])})

    def recommend(district: str, product: str, state: str = "") -> str:
        """Replication partners for a new ODOP cluster (a district and its product): model
        clusters, anchors, buyers, suppliers, agencies and schemes, each with score and reason."""
        try:
            result = kb.recommend(district, product, state or None)
            return json.dumps(result.to_dict(), ensure_ascii=False)
        except ClusterKBError as e:
            return json.dumps({"error": str(e), "suggestions": getattr(e, "suggestions", [])})

    def search_sentences(query: str, k: int = 5) -> str:
        """The source sentences that best match a query, with their document and position."""
        try:
            return json.dumps([p.to_dict() for p in kb.search(query, k)], ensure_ascii=False)
        except ClusterKBError as e:
            return json.dumps({"error": str(e)})

    return [
        StructuredTool.from_function(ask, name="clusterkb_ask"),
        StructuredTool.from_function(lookup_entity, name="clusterkb_lookup_entity"),
        StructuredTool.from_function(recommend, name="clusterkb_recommend"),
        StructuredTool.from_function(search_sentences, name="clusterkb_search_sentences"),
    ]
