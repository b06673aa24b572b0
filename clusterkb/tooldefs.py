"""The knowledge base's tools for AI agents, each defined once: its name, what it is for, its
arguments (a pydantic model: the JSON schema agents see, with the API's limits), the shape of
its result (kb.models) and the service call. `clusterkb.tools` makes LangChain tools of them
and `clusterkb.mcp` MCP tools, so the two cannot drift.

    spec = tool("show_entity")
    spec.call(kb, {"name_or_id": "JEEViKA"})   # the JSON-ready dict; a failure raises
                                                # ClusterKBError; error_text(e) says what to do
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb import models as m
from kb.errors import ClusterKBError, InputError, NotFound
from kb.files import SUFFIXES, safe_filename
from kb.ids import document_id, is_a
from kb.schema import NODE_TYPES, RELATION_TYPES

if TYPE_CHECKING:
    from clusterkb.service import KnowledgeBase

    NodeType = str
    RelationName = str
else:  # enums in the schemas, so agents know the allowed values
    NodeType = Literal[tuple(NODE_TYPES)]
    RelationName = Literal[tuple(RELATION_TYPES)]

TEXT_SUFFIXES = sorted(SUFFIXES - {".pdf"})  # a document given as text

# -- arguments (the limits are the HTTP API's, api/models.py and api/routes/) ------------------


class Arguments(BaseModel):
    """A tool's arguments; an unknown one is an error, so a misspelt name is not ignored."""

    model_config = ConfigDict(extra="forbid")


class Turn(BaseModel):
    """One earlier turn of the conversation, as `ask` returned it."""

    model_config = ConfigDict(extra="ignore")
    question: str = Field(max_length=2000)
    answer: str = Field(default="", max_length=20000)
    entities: list[m.EntityRef] = Field(default_factory=list, max_length=50)


class AskArgs(Arguments):
    question: str = Field(
        min_length=1, max_length=2000, examples=["Who anchors the Muzaffarpur bag cluster?"]
    )
    history: list[Turn] | None = Field(
        default=None,
        max_length=20,
        description="earlier turns, oldest first, as ask returned them (question, answer, "
        "entities), so that a follow-up such as 'who funds it?' knows what 'it' is",
    )


class SearchEntitiesArgs(Arguments):
    q: str | None = Field(
        default=None, max_length=200, description="a name, alias or id (fuzzy); none lists all"
    )
    type: NodeType | None = Field(default=None, description="only entities of this type")
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class ShowEntityArgs(Arguments):
    name_or_id: str = Field(
        min_length=1, max_length=300, description="a name, alias or id; fuzzy spelling is tolerated"
    )


class NeighborsArgs(Arguments):
    id: str = Field(
        min_length=1,
        max_length=300,
        description="an entity's id as search_entities or show_entity give it, e.g. "
        "district:bihar:gaya",
    )
    relation: RelationName | None = Field(default=None, description="follow only this relation")
    direction: Literal["in", "out", "both"] = "both"
    depth: int = Field(default=1, ge=1, le=3, description="hops from the entity, 1 to 3")
    limit: int = Field(default=200, ge=1, le=1000, description="at most this many entities")


class FindPathArgs(Arguments):
    source: str = Field(min_length=1, max_length=300, description="a name, alias or id")
    target: str = Field(min_length=1, max_length=300, description="a name, alias or id")
    max_hops: int = Field(default=6, ge=1, le=8)


class RecommendArgs(Arguments):
    district: str = Field(min_length=1, max_length=200, examples=["Gaya"])
    product: str = Field(min_length=1, max_length=200, examples=["Handloom/Garments"])
    state: str | None = Field(
        default=None, max_length=200, description="the district's state, when its name is shared"
    )
    context: str | None = Field(
        default=None,
        max_length=1000,
        description="an existing cluster's name (its gaps are filled first) or words about "
        "the planned cluster, e.g. 'women SHGs'",
    )


class GapsArgs(Arguments):
    cluster: str = Field(min_length=1, max_length=300, description="a cluster's name or id")


class SearchSentencesArgs(Arguments):
    query: str = Field(min_length=1, max_length=2000)
    k: int = Field(default=5, ge=1, le=50, description="how many sentences")


class OpenCitationArgs(Arguments):
    document: str = Field(min_length=1, max_length=500, description="a citation's document")
    locator: str = Field(
        min_length=1, max_length=200, description="its locator, e.g. 'row 195', 'sentence 15'"
    )


class NoArgs(Arguments):
    pass


class AddDocumentArgs(Arguments):
    api_key: str = Field(min_length=1, max_length=500, description="the server's CLUSTERKB_API_KEY")
    filename: str = Field(
        min_length=1,
        max_length=200,
        description=f"the file name to keep it under, ending in {', '.join(TEXT_SUFFIXES)}; "
        "the document's id is doc: and the name without its suffix",
    )
    text: str = Field(description="the document's text (markdown or HTML for .md or .html)")


class RemoveDocumentArgs(Arguments):
    api_key: str = Field(min_length=1, max_length=500, description="the server's CLUSTERKB_API_KEY")
    document: str = Field(min_length=1, max_length=300, description="doc:NAME or NAME")


# -- results that the service has no model for -------------------------------------------------


class SentenceHit(m.Model):
    document: str
    title: str
    sentence: int = Field(description="1-based, as in the locator 'sentence N'")
    text: str
    score: float


class SentenceHits(m.Model):
    query: str
    passages: list[SentenceHit]


class DocumentList(m.Model):
    documents: list[m.DocumentInfo]


# -- the tools ---------------------------------------------------------------------------------

Run = Callable[["KnowledgeBase", Any], Any]


@dataclass(frozen=True)
class ToolSpec:
    """One tool: `call` validates the arguments, calls the service and returns the result as
    the JSON-ready dict of `result`; every failure is a ClusterKBError (`error_text` words it)."""

    name: str
    description: str
    arguments: type[Arguments]
    result: type[m.Model]
    run: Run
    writes: bool = False  # changes documents: offered only when CLUSTERKB_API_KEY is set
    not_found: str = ""  # what to do when something is not found; {prefix} before tool names

    def call(self, kb: KnowledgeBase, arguments: dict[str, Any]) -> dict[str, Any]:
        try:
            args = self.arguments.model_validate(arguments)
        except ValidationError as e:
            raise InputError(invalid_arguments(e)) from None
        out = self.run(kb, args)
        if not isinstance(out, self.result):
            out = self.result.model_validate(out.to_dict() if hasattr(out, "to_dict") else out)
        return out.to_dict()

    def error_text(self, e: ClusterKBError, prefix: str = "") -> str:
        """The message an agent gets: the error, the names it may have meant, what to do
        (naming the other tools as the agent knows them, with `prefix`)."""
        text = str(e)
        suggestions = getattr(e, "suggestions", None)
        if suggestions:
            text += f". Did you mean: {', '.join(suggestions)}?"
        if isinstance(e, NotFound) and self.not_found:
            text += f" ({self.not_found.format(prefix=prefix)})"
        return text


def invalid_arguments(e: ValidationError) -> str:
    """The API's wording of invalid input (api.errors.validation_error), one clause a problem."""
    problems = [
        f"{'.'.join(str(p) for p in err.get('loc', ())) or 'arguments'}: {err.get('msg')}"
        for err in e.errors()
    ]
    return "the arguments are not valid: " + "; ".join(problems)


def _ask(kb: KnowledgeBase, a: AskArgs) -> m.Answer:
    history = [t.model_dump() for t in a.history] if a.history else None
    return kb.ask(a.question, history)


def _recommend(kb: KnowledgeBase, a: RecommendArgs) -> m.Recommendation:
    if not a.district.strip() or not a.product.strip():
        raise InputError("give a district and a product")
    return kb.recommend(a.district, a.product, a.state, a.context)


def _search(kb: KnowledgeBase, a: SearchSentencesArgs) -> SentenceHits:
    if not a.query.strip():
        raise InputError("the query is empty; give a few words to look for")
    hits = [SentenceHit.model_validate(p.to_dict()) for p in kb.search(a.query, a.k)]
    return SentenceHits(query=a.query, passages=hits)


def _require_key(kb: KnowledgeBase, key: str) -> None:
    """The API's rule for writes (api.deps.check_write_key), with the key passed as an argument."""
    if not kb.writes_enabled():
        raise InputError(
            "writes are disabled: start the server with CLUSTERKB_API_KEY=<a secret> "
            "and pass it as api_key"
        )
    if not kb.accepts_key(key):
        raise InputError("a valid api_key is needed to change documents")


def _add_document(kb: KnowledgeBase, a: AddDocumentArgs) -> Any:
    """The API's checks of an upload (api.routes.documents.save), for one text."""
    _require_key(kb, a.api_key)
    name = safe_filename(a.filename)
    if not name or Path(name).suffix.lower() not in TEXT_SUFFIXES:
        raise InputError(f"file {a.filename!r}: name it with one of {', '.join(TEXT_SUFFIXES)}")
    limit = kb.settings.max_upload_mb
    if len(a.text.encode("utf-8")) > limit * 1024 * 1024:
        raise InputError(f"the upload is larger than {limit:g} MB (CLUSTERKB_MAX_UPLOAD_MB)")
    if not a.text.strip():
        raise InputError(f"file {name!r} is empty")
    report = kb.add_text(name, a.text)
    if report.failed and not (report.added or report.replaced or report.unchanged):
        raise InputError("no document could be read: " + "; ".join(report.failed))
    return report.to_dict()


def _remove_document(kb: KnowledgeBase, a: RemoveDocumentArgs) -> m.Removed:
    _require_key(kb, a.api_key)
    doc_id = document_id(a.document.strip())
    if not is_a(doc_id, "Document") or kb.node(doc_id) is None:
        raise NotFound(f"no document {doc_id!r}", [d.id for d in kb.documents()][:5])
    nodes, edges = kb.forget(doc_id)
    return m.Removed(id=doc_id, removed_nodes=nodes, removed_edges=edges)


FIND = "{prefix}search_entities finds names and ids by part of a name"

TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec(
        "ask",
        "Answer a question about India's MSME clusters, ODOP products, schemes and agencies, "
        "with the cited source sentences and table rows (document, locator, text); "
        "'answered' is false when the knowledge base does not know.",
        AskArgs,
        m.Answer,
        _ask,
    ),
    ToolSpec(
        "search_entities",
        "Find clusters, districts, states, products, schemes, agencies or enterprises by a "
        "name, alias or id (fuzzy, best first), or list all of a type, one page at a time.",
        SearchEntitiesArgs,
        m.EntityPage,
        lambda kb, a: kb.entity_page(a.q, a.type, a.limit, a.offset),
    ),
    ToolSpec(
        "show_entity",
        "One entity by name, alias or id: its attributes, every relation with the source that "
        "states it, and other entities the name could mean.",
        ShowEntityArgs,
        m.Entity,
        lambda kb, a: kb.entity(a.name_or_id).to_dict(bounded=True),
        not_found=FIND,
    ),
    ToolSpec(
        "neighbors",
        "The entities within 1 to 3 hops of an entity (by id), optionally along one relation "
        "and direction, and the relations among them.",
        NeighborsArgs,
        m.Neighborhood,
        lambda kb, a: kb.neighborhood(a.id, a.relation, a.direction, a.depth, a.limit),
        not_found="it takes an id such as district:bihar:gaya; " + FIND,
    ),
    ToolSpec(
        "find_path",
        "The shortest chain of relations linking two entities (names, aliases or ids), hop by "
        "hop with the source of each hop.",
        FindPathArgs,
        m.PathResult,
        lambda kb, a: kb.path(a.source, a.target, a.max_hops),
        not_found=FIND,
    ),
    ToolSpec(
        "recommend_partners",
        "Partners for replicating a cluster in a district for an ODOP product: model clusters, "
        "anchor firms, buyers, suppliers, agencies and schemes, each with a score, the reason "
        "and its evidence.",
        RecommendArgs,
        m.Recommendation,
        _recommend,
        not_found="{prefix}search_entities with type District lists district names",
    ),
    ToolSpec(
        "value_chain_gaps",
        "A cluster's value chain stage by stage (raw material to market): who acts at each "
        "stage, with evidence, and the stages no one covers (the gaps).",
        GapsArgs,
        m.Gaps,
        lambda kb, a: kb.gaps(a.cluster),
        not_found="{prefix}search_entities with type Cluster lists cluster names",
    ),
    ToolSpec(
        "search_sentences",
        "The source sentences that best match a query (meaning and words), with their "
        "document and sentence number.",
        SearchSentencesArgs,
        SentenceHits,
        _search,
    ),
    ToolSpec(
        "open_citation",
        "Open a citation (a document and locator from any result): the full text it points "
        "to and the entities and relations that cite it.",
        OpenCitationArgs,
        m.CitedRecord,
        lambda kb, a: kb.cited(a.document, a.locator),
        not_found="give the document and locator exactly as a result cited them",
    ),
    ToolSpec(
        "list_documents",
        "The documents in the knowledge base: id, title, sentences and how many facts cite each.",
        NoArgs,
        DocumentList,
        lambda kb, a: DocumentList(documents=kb.documents()),
    ),
    ToolSpec(
        "add_document",
        "Add a document given as text (or replace the one of the same name); its entities and "
        "relations are extracted and cited. Needs the server's API key.",
        AddDocumentArgs,
        m.UploadResult,
        _add_document,
        writes=True,
    ),
    ToolSpec(
        "remove_document",
        "Remove a document and the facts that only it supported. Needs the server's API key.",
        RemoveDocumentArgs,
        m.Removed,
        _remove_document,
        writes=True,
        not_found="{prefix}list_documents gives their ids",
    ),
)


def tool_specs(kb: KnowledgeBase) -> list[ToolSpec]:
    """The tools `kb` offers: the read-only ones, and the document writes when
    CLUSTERKB_API_KEY is set."""
    return [t for t in TOOLS if not t.writes or kb.writes_enabled()]


def tool(name: str) -> ToolSpec | None:
    """The tool called `name` (a write tool too, so that calling it says why it is off)."""
    return next((t for t in TOOLS if t.name == name), None)
