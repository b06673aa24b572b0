"""The MCP server as an assistant meets it: the SDK's client starts `clusterkb mcp` over stdio on
a built KB (and reaches `/mcp` on a real `clusterkb serve`), lists the tools, calls each with good
and bad input, and opens the citations it gets back as resources."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from anyio.from_thread import start_blocking_portal
from mcp import Client, MCPError, StdioServerParameters
from mcp.types import CallToolResult

from clusterkb.mcp import citation_uri
from tests.conftest import REPO
from tests.servers import start

ANCHOR = "High Spirit Commercial Ventures Pvt Ltd"  # of the Muzaffarpur bag cluster
CLUSTER = "cluster:muzaffarpur-bag-cluster"
JEEVIKA = "agency:bihar-rural-livelihoods-promotion-society"
READ_TOOLS = {"ask", "search_entities", "show_entity", "neighbors", "find_path",
              "recommend_partners", "value_chain_gaps", "search_sentences", "open_citation",
              "list_documents"}  # fmt: skip


class Session:
    """An MCP client session driven from test code: the SDK is async, the tests are not."""

    def __init__(self, server: StdioServerParameters | str):
        self._stack = ExitStack()
        self._portal = self._stack.enter_context(start_blocking_portal())
        client = Client(server, read_timeout_seconds=300)
        self.client = self._stack.enter_context(self._portal.wrap_async_context_manager(client))

    def tools(self) -> dict[str, Any]:
        return {t.name: t for t in self._portal.call(self.client.list_tools).tools}

    def call(self, name: str, arguments: dict[str, Any]) -> CallToolResult:
        result: CallToolResult = self._portal.call(self.client.call_tool, name, arguments)
        return result

    def ok(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        """A call that must succeed: its structured result (the client checked it against the
        tool's output schema)."""
        result = self.call(name, arguments)
        assert not result.is_error, result.content
        data: dict[str, Any] = result.structured_content
        return data

    def error(self, name: str, arguments: dict[str, Any]) -> str:
        """A call that must fail as a tool error: its message."""
        result = self.call(name, arguments)
        assert result.is_error and result.structured_content is None, result.structured_content
        text: str = result.content[0].text  # type: ignore[union-attr]
        return text

    def resources(self) -> list[str]:
        return [r.uri for r in self._portal.call(self.client.list_resources).resources]

    def read(self, uri: str) -> str:
        text: str = self._portal.call(self.client.read_resource, uri).contents[0].text
        return text

    def close(self) -> None:
        self._stack.close()


def stdio(home: Path, **env: str) -> Session:
    """`python -m clusterkb.cli mcp` on `home`, as an MCP client configuration starts it."""
    base = {k: v for k, v in os.environ.items() if k != "CLUSTERKB_API_KEY"}
    return Session(
        StdioServerParameters(
            command=sys.executable,
            args=["-m", "clusterkb.cli", "mcp"],
            env={**base, "CLUSTERKB_HOME": str(home), **env},
            cwd=str(REPO),
        )
    )


@pytest.fixture(scope="module")
def mcp(built_home: Path) -> Iterator[Session]:
    session = stdio(built_home)
    yield session
    session.close()


def test_lists_the_read_tools_with_their_schemas(mcp: Session) -> None:
    tools = mcp.tools()
    assert set(tools) == READ_TOOLS  # no document writes without CLUSTERKB_API_KEY
    ask = tools["ask"]
    assert ask.input_schema["required"] == ["question"] and "cited" in ask.description
    assert set(ask.output_schema["properties"]) >= {"answer", "answered", "citations"}
    assert tools["neighbors"].input_schema["properties"]["depth"]["maximum"] == 3
    assert all(t.annotations.read_only_hint for t in tools.values())


def test_ask_answers_with_citations_that_open(mcp: Session) -> None:
    answer = mcp.ok("ask", {"question": "Who is the anchor unit of the Muzaffarpur bag cluster?"})
    assert answer["answered"] and ANCHOR in answer["answer"]
    assert CLUSTER in [e["id"] for e in answer["entities"]]
    assert answer["citations"], "an answer cites its sources"
    for c in answer["citations"]:
        opened = mcp.ok("open_citation", {"document": c["document"], "locator": c["locator"]})
        assert opened["text"] == c["text"]
    cited = answer["citations"][0]
    assert cited["document"] == "doc:muzaffarpur-bag-cluster" and "High Spirit" in cited["text"]
    number = int(cited["locator"].removeprefix("sentence "))
    document = mcp.read(citation_uri(cited["document"], cited["locator"]))
    assert f"[{number}] {cited['text']}\n" in document


def test_a_follow_up_uses_the_history(mcp: Session) -> None:
    first = mcp.ok("ask", {"question": "Who is the anchor unit of the Muzaffarpur bag cluster?"})
    turn = {k: first[k] for k in ("question", "answer", "entities")}
    follow = mcp.ok("ask", {"question": "Which schemes fund it?", "history": [turn]})
    assert follow["answered"] and follow["citations"]
    assert CLUSTER in [e["id"] for e in follow["entities"]]


def test_a_table_row_citation_opens_as_a_row_resource(mcp: Session) -> None:
    answer = mcp.ok("ask", {"question": "What is the ODOP product of Gaya?"})
    rows = [c for c in answer["citations"] if c["document"] == "data/tables/odop.csv"]
    assert rows and all(c["locator"].startswith("row ") for c in rows)
    uri = citation_uri(rows[0]["document"], rows[0]["locator"])
    assert uri == f"row://data/tables/odop.csv/{rows[0]['locator'].removeprefix('row ')}"
    record = json.loads(mcp.read(uri))
    assert record["text"] == rows[0]["text"] and "Gaya" in record["text"]
    assert "district:bihar:gaya" in [e["id"] for e in record["entities"]]
    relations = {(r["source"], r["relation"]) for r in record["relations"]}
    assert ("district:bihar:gaya", "ODOP_PRODUCT") in relations


def test_every_read_tool_answers_from_the_corpus(mcp: Session) -> None:
    found = mcp.ok("search_entities", {"q": "Muzaffarpur bag", "type": "Cluster"})
    assert found["items"][0]["id"] == CLUSTER
    states = mcp.ok("search_entities", {"type": "State", "limit": 5})
    assert len(states["items"]) == 5 and states["next_offset"] == 5 and states["total"] > 30

    entity = mcp.ok("show_entity", {"name_or_id": "JEEViKA"})
    assert entity["id"] == JEEVIKA and entity["relations"]
    assert all(r["provenance"] for r in entity["relations"])

    around = mcp.ok("neighbors", {"id": CLUSTER, "relation": "ANCHORS"})
    assert ANCHOR in [n["name"] for n in around["nodes"]]
    assert {(e["relation"], e["target"]) for e in around["edges"]} == {("ANCHORS", CLUSTER)}

    path = mcp.ok("find_path", {"source": ANCHOR, "target": "Bihar"})
    hops = path["hops"]
    assert hops[0]["from"] == path["source"]["id"] and hops[-1]["to"] == "state:bihar"
    assert all(h["provenance"] for h in hops)

    plan = mcp.ok(
        "recommend_partners", {"district": "East Champaran", "product": "Bags & Garments"}
    )
    assert plan["anchors"][0]["name"] == ANCHOR and plan["anchors"][0]["evidence"]

    chain = mcp.ok("value_chain_gaps", {"cluster": "Muzaffarpur Bag Cluster"})
    actors = [a["name"] for s in chain["stages"] for a in s["actors"]]
    assert chain["cluster"]["id"] == CLUSTER and ANCHOR in actors
    assert chain["gaps"] == [s["stage"] for s in chain["stages"] if s["gap"]]

    hits = mcp.ok("search_sentences", {"query": "work sheds with looms", "k": 2})["passages"]
    assert len(hits) == 2 and all("work shed" in h["text"] for h in hits)

    docs = mcp.ok("list_documents", {})["documents"]
    assert "doc:muzaffarpur-bag-cluster" in [d["id"] for d in docs]
    assert "doc://muzaffarpur-bag-cluster" in mcp.resources()


@pytest.mark.parametrize(
    "name, arguments, says",
    [
        ("show_entity", {"name_or_id": "Atlantis Coral Works"},
         ["'Atlantis Coral Works'", "search_entities"]),
        ("neighbors", {"id": "Muzaffarpur"}, ["Did you mean: Muzaffarpur,", "an id"]),
        ("find_path", {"source": "Gaya", "target": "Atlantis"}, ["'Atlantis'", "Did you mean"]),
        ("value_chain_gaps", {"cluster": "Gotham"}, ["no cluster called 'Gotham'"]),
        ("recommend_partners", {"district": "Gotham", "product": "Bags"},
         ["no district called 'Gotham'"]),
        ("ask", {"question": ""}, ["question", "at least 1 character"]),
        ("ask", {"question": "   "}, ["the question is empty"]),
        ("neighbors", {"id": CLUSTER, "depth": 50}, ["depth", "less than or equal to 3"]),
        ("neighbors", {"id": CLUSTER, "relation": "LIKES"}, ["relation", "ANCHORS"]),
        ("search_entities", {"q": "x" * 500}, ["q", "at most 200 characters"]),
        ("show_entity", {"name": "Gaya"}, ["name_or_id", "Field required", "name: Extra"]),
        ("open_citation", {"document": "data/tables/nothing.csv", "locator": "row 1"},
         ["no source", "data/tables/"]),
        ("add_document", {"api_key": "guess", "filename": "a.txt", "text": "Gaya."},
         ["writes are disabled", "CLUSTERKB_API_KEY"]),
        ("drop_everything", {}, ["no tool 'drop_everything'", "ask"]),
    ],
)  # fmt: skip
def test_bad_input_is_a_tool_error_that_says_what_to_do(
    mcp: Session, name: str, arguments: dict[str, Any], says: list[str]
) -> None:
    message = mcp.error(name, arguments)
    assert [s for s in says if s not in message] == [], message


def test_an_unknown_resource_is_an_error_that_names_the_documents(mcp: Session) -> None:
    with pytest.raises(MCPError) as missing:
        mcp.read("doc://no-such-report")
    assert "doc:no-such-report" in missing.value.message
    assert "doc:muzaffarpur-bag-cluster" in missing.value.message
    with pytest.raises(MCPError) as elsewhere:
        mcp.read("https://example.org/odop.csv")
    assert "doc://" in elsewhere.value.message
    assert mcp.ok("show_entity", {"name_or_id": "Gaya"})["id"] == "district:bihar:gaya"


def test_documents_change_only_with_the_api_key(built_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    session = stdio(home, CLUSTERKB_API_KEY="s3cret")
    try:
        assert {"add_document", "remove_document"} <= set(session.tools())
        note = {"filename": "gaya-visit.md", "text": "# Gaya visit\n\nThe Gaya handloom "
                "cluster met JEEViKA about a common facility centre for weavers.\n"}  # fmt: skip
        wrong = session.error("add_document", {"api_key": "guess", **note})
        assert "valid api_key" in wrong
        pdf = session.error("add_document", {"api_key": "s3cret", **note, "filename": "a.pdf"})
        assert ".md" in pdf and ".txt" in pdf
        empty = session.error("add_document", {"api_key": "s3cret", **note, "text": " \n"})
        assert "is empty" in empty
        assert session.ok("add_document", {"api_key": "s3cret", **note})["added"]
        assert "doc:gaya-visit" in [d["id"] for d in session.ok("list_documents", {})["documents"]]
        assert "JEEViKA about a common facility centre" in session.read("doc://gaya-visit")
        gone = session.ok("remove_document", {"api_key": "s3cret", "document": "gaya-visit"})
        assert gone["id"] == "doc:gaya-visit"
        assert "doc://gaya-visit" not in session.resources()
        again = session.error("remove_document", {"api_key": "s3cret", "document": "gaya-visit"})
        assert "no document 'doc:gaya-visit'" in again and "list_documents" in again
    finally:
        session.close()
    assert not (home / "uploads" / "gaya-visit.md").exists()


@pytest.fixture(scope="module")
def served(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("serve-mcp") / "home"
    shutil.copytree(built_home, home)
    server = start(home, 120, args=["--no-ui"])
    yield server.base
    server.stop()


def test_over_http_the_tools_answer_as_the_api_does(served: str) -> None:
    session = Session(f"{served}/mcp")
    try:
        assert set(session.tools()) == READ_TOOLS
        question = "Who is the anchor unit of the Muzaffarpur bag cluster?"
        api = httpx.post(f"{served}/api/v1/ask", json={"question": question}, timeout=300)
        assert session.ok("ask", {"question": question}) == api.json()
        entity = httpx.get(f"{served}/api/v1/entities/{JEEVIKA}").json()
        assert session.ok("show_entity", {"name_or_id": JEEVIKA}) == entity
        too_deep = session.error("neighbors", {"id": CLUSTER, "depth": 9})
        api_deep = httpx.get(f"{served}/api/v1/entities/{CLUSTER}/neighbors?depth=9").json()
        assert "less than or equal to 3" in too_deep and api_deep["error"]["status"] == 422
        assert "[15]" in session.read("doc://muzaffarpur-bag-cluster")
    finally:
        session.close()
    assert httpx.get(f"{served}/api/v1/health").json()["status"] == "ok"
