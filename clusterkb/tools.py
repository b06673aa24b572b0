"""clusterkb as LangChain tools, for agents: the tools of clusterkb.tooldefs (the MCP server
offers the same ones), each named `clusterkb_<name>`.

    from clusterkb import KnowledgeBase
    from clusterkb.tools import clusterkb_tools
    tools = clusterkb_tools(KnowledgeBase.open())   # give these to any LangChain agent

Each tool returns JSON text: the result's shape (kb.models, as the API serves it), or
`{"error": message, "did_you_mean": [...]}` with a message that says what to do.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import ValidationError

from clusterkb.tooldefs import ToolSpec, invalid_arguments, tool_specs
from kb.errors import ClusterKBError

if TYPE_CHECKING:
    from clusterkb.service import KnowledgeBase


PREFIX = "clusterkb_"


def clusterkb_tools(kb: KnowledgeBase) -> list[BaseTool]:
    """One LangChain tool per tool `kb` offers (clusterkb.tooldefs.tool_specs)."""
    return [_langchain_tool(kb, spec) for spec in tool_specs(kb)]


def _langchain_tool(kb: KnowledgeBase, spec: ToolSpec) -> BaseTool:
    def run(**arguments: Any) -> str:
        try:
            return json.dumps(spec.call(kb, arguments), ensure_ascii=False)
        except ClusterKBError as e:
            return _error(spec.error_text(e, PREFIX), getattr(e, "suggestions", None))

    def invalid(e: ValidationError) -> str:
        return _error(invalid_arguments(e))

    return StructuredTool.from_function(
        run,
        name=PREFIX + spec.name,
        description=spec.description,
        args_schema=spec.arguments,
        handle_validation_error=invalid,
    )


def _error(message: str, suggestions: list[str] | None = None) -> str:
    return json.dumps({"error": message, "did_you_mean": suggestions or []}, ensure_ascii=False)
