"""The agent tools are defined once (clusterkb/tooldefs.py): the LangChain and MCP tools are built
from the same definitions, with the HTTP API's limits, and every one is documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client

from api.models import AskRequest, RecommendRequest
from clusterkb.mcp import citation_uri, create_mcp_server
from clusterkb.service import KnowledgeBase
from clusterkb.tooldefs import TOOLS, tool
from clusterkb.tools import clusterkb_tools
from kb.config import Settings
from kb.errors import InputError, NotFound
from tests.conftest import REPO

WRITES = {"add_document", "remove_document"}


def _kb(tmp_path: Path, api_key: str | None = None) -> KnowledgeBase:
    return KnowledgeBase(Settings(home=tmp_path / "home", api_key=api_key))


def _mcp_tools(kb: KnowledgeBase) -> dict[str, Any]:
    async def listing() -> dict[str, Any]:
        async with Client(create_mcp_server(kb)) as client:
            return {t.name: t for t in (await client.list_tools()).tools}

    return anyio.run(listing)


def test_langchain_and_mcp_tools_are_the_same_definitions(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    mcp = _mcp_tools(kb)
    langchain = {t.name.removeprefix("clusterkb_"): t for t in clusterkb_tools(kb)}
    assert set(mcp) == set(langchain) == {t.name for t in TOOLS} - WRITES
    for name, lc in langchain.items():
        spec = tool(name)
        assert spec is not None
        assert mcp[name].description == lc.description == spec.description
        assert mcp[name].input_schema == spec.arguments.model_json_schema()
        assert lc.args_schema is spec.arguments
        assert mcp[name].output_schema["type"] == "object"
        assert mcp[name].annotations.read_only_hint is True


def test_document_writes_are_offered_only_with_an_api_key(tmp_path: Path) -> None:
    kb = _kb(tmp_path, api_key="s3cret")
    assert WRITES <= set(_mcp_tools(kb))
    assert {"clusterkb_add_document", "clusterkb_remove_document"} <= {
        t.name for t in clusterkb_tools(kb)
    }
    remove = tool("remove_document")
    assert remove is not None
    with pytest.raises(InputError) as wrong:
        remove.call(kb, {"api_key": "guess", "document": "doc:muzaffarpur-bag-cluster"})
    assert "valid api_key" in str(wrong.value)
    with pytest.raises(InputError) as off:
        remove.call(_kb(tmp_path), {"api_key": "s3cret", "document": "doc:x"})
    assert "CLUSTERKB_API_KEY" in str(off.value)


def _limits(schema: dict[str, Any], field: str) -> dict[str, Any]:
    prop = schema["properties"][field]
    prop = next((p for p in prop.get("anyOf", []) if p.get("type") != "null"), prop)
    keys = ("minLength", "maxLength", "minimum", "maximum", "maxItems")
    return {k: v for k, v in prop.items() if k in keys}


@pytest.mark.parametrize(
    "name, request_model",
    [("ask", AskRequest), ("recommend_partners", RecommendRequest)],
)
def test_arguments_have_the_api_limits(name: str, request_model: Any) -> None:
    spec = tool(name)
    assert spec is not None
    ours, api = spec.arguments.model_json_schema(), request_model.model_json_schema()
    for field in api["properties"]:
        assert _limits(ours, field) == _limits(api, field), field


def test_invalid_arguments_say_which_and_why(tmp_path: Path) -> None:
    neighbors = tool("neighbors")
    assert neighbors is not None
    with pytest.raises(InputError) as deep:
        neighbors.call(_kb(tmp_path), {"id": "district:bihar:gaya", "depth": 40})
    assert "depth" in str(deep.value) and "less than or equal to 3" in str(deep.value)
    with pytest.raises(InputError) as unknown:
        neighbors.call(_kb(tmp_path), {"id": "district:bihar:gaya", "hops": 2})
    assert "hops" in str(unknown.value)


def test_not_found_names_the_tool_to_use_under_its_own_name() -> None:
    show = tool("show_entity")
    assert show is not None
    error = NotFound("nothing in the knowledge base is called 'Gya'", ["Gaya", "Goa"])
    assert show.error_text(error) == (
        "nothing in the knowledge base is called 'Gya'. Did you mean: Gaya, Goa? "
        "(search_entities finds names and ids by part of a name)"
    )
    assert "(clusterkb_search_entities finds" in show.error_text(error, "clusterkb_")


def test_every_tool_is_documented() -> None:
    text = (REPO / "docs" / "mcp.md").read_text()
    assert [t.name for t in TOOLS if f"`{t.name}`" not in text] == []


@pytest.mark.parametrize(
    "document, locator, uri",
    [
        ("doc:muzaffarpur-bag-cluster", "sentence 15", "doc://muzaffarpur-bag-cluster"),
        ("data/tables/odop.csv", "row 195", "row://data/tables/odop.csv/195"),
        (
            "data/tables/district-hq/BIHAR District Hq.geojson",
            "feature 6",
            "row://data/tables/district-hq/BIHAR%20District%20Hq.geojson/6",
        ),
        ("data/tables/myscheme/PM_Vishwakarma.json", "content",
         "row://data/tables/myscheme/PM_Vishwakarma.json/content"),
    ],
)  # fmt: skip
def test_a_citation_names_its_resource(document: str, locator: str, uri: str) -> None:
    assert citation_uri(document, locator) == uri
