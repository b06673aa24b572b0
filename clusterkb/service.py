"""KnowledgeBase: the one service object that the CLI, the HTTP API and the UI call."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.config import Settings
from kb.errors import InputError, NotFound
from kb.ids import document_id
from kb.resolve import Match, Resolver
from kb.schema import PLACE_TYPES, RELATION_TYPES
from kb.store import open_store
from kb.store.base import Edge, GraphStore, Node

# When a name matches several entities, which one `show` presents first.
TYPE_PRIORITY = [
    "Cluster",
    "District",
    "State",
    "Scheme",
    "Agency",
    "Enterprise",
    "Product",
    "GeographicalIndication",
    "Sector",
    "Facility",
    "Document",
]
PATH_RELATIONS = [r for r in RELATION_TYPES if r != "MENTIONED_IN"]


# What a planner wants on a cluster's or a district's page that sits one hop further out:
# who funds a cluster's facilities; which schemes and agencies back the clusters of a district.
VIA = {"Cluster": {"HAS_FACILITY"}, "District": {"LOCATED_IN"}}
CONTEXT_RELATIONS = {"FUNDS", "SUPPORTED_BY", "IMPLEMENTS", "PARTNERS_WITH", "FINANCES", "TRAINS",
                     "MOBILISES", "ANCHORS", "BUYS_FROM", "SUPPLIES"}  # fmt: skip


@dataclass
class Related:
    relation: str
    direction: str  # "out": entity -> other; "in": other -> entity
    node: Node
    edge: Edge
    via: str | None = None  # the neighbour through which this relation reaches the entity

    def to_dict(self) -> dict[str, Any]:
        return {
            "via": self.via,
            "relation": self.relation,
            "direction": self.direction,
            "id": self.node.id,
            "name": self.node.name,
            "type": self.node.type,
            "attrs": self.edge.attrs,
            "provenance": [p.to_dict() for p in self.edge.provenance],
        }


@dataclass
class EntityView:
    node: Node
    relations: list[Related]
    other_matches: list[Match] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.node.to_dict(),
            "relations": [r.to_dict() for r in self.relations],
            "other_matches": [
                {"id": m.id, "name": m.name, "type": m.type} for m in self.other_matches
            ],
        }


@dataclass
class PathView:
    source: Node
    target: Node
    edges: list[Edge]
    names: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": {"id": self.source.id, "name": self.source.name, "type": self.source.type},
            "target": {"id": self.target.id, "name": self.target.name, "type": self.target.type},
            "hops": [
                {
                    "from": e.source,
                    "from_name": self.names[e.source],
                    "relation": e.relation,
                    "to": e.target,
                    "to_name": self.names[e.target],
                    "provenance": [p.to_dict() for p in e.provenance],
                }
                for e in self.edges
            ],
        }


class KnowledgeBase:
    """Facade over one store: build, look up, show, find paths (more features join here)."""

    def __init__(self, settings: Settings, store: GraphStore | None = None, llm: Any = None):
        """`llm`: a LangChain chat model to use instead of the one CLUSTERKB_LLM names."""
        self.settings = settings
        self._store = store
        self._llm = llm
        self._index: Any = None  # kb.search.SentenceIndex, built on first search
        self._qa: Any = None
        self._recommender: Any = None
        self._embedder: Any = None
        self._resolver: Resolver | None = None
        # Writes (build, ingest, forget) go one at a time; lazy set-up happens once.
        self.write_lock = threading.RLock()
        self._setup_lock = threading.RLock()

    @classmethod
    def open(cls, settings: Settings | None = None) -> KnowledgeBase:
        return cls(settings or Settings.from_env())

    @property
    def store(self) -> GraphStore:
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver.from_nodes(self.store.nodes())
        return self._resolver

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    # -- building ------------------------------------------------------------------------------

    def build(
        self,
        data_dir: Path | None = None,
        docs_dir: Path | None = None,
        progress: Callable[[str], None] | None = None,
        documents: bool = True,
    ) -> Any:
        """(Re)build the KB from the bundled tables, then (unless `documents` is False) ingest
        the corpus (ingest/build.py)."""
        from ingest.build import build_tables

        say = progress or (lambda _: None)
        data = data_dir or self.settings.data_dir
        report = build_tables(self.store, data, say)
        docs = docs_dir or data / "corpus"
        if documents and docs.is_dir():
            say(f"ingesting documents from {docs}")
            report.documents = self.ingest([docs], say)
            report.stats = self.store.stats().to_dict()
        self._resolver = self._index = self._qa = self._recommender = None
        return report

    def ingest(self, paths: list[Path], progress: Callable[[str], None] | None = None) -> Any:
        """Add or replace documents; unchanged ones are skipped (ingest/pipeline.py)."""
        from ingest.pipeline import ingest_paths

        model = self.llm()
        llm = (model, self.settings.llm or type(model).__name__) if model is not None else None
        with self.write_lock:
            report = ingest_paths(self.store, paths, progress or (lambda _: None), llm=llm)
            self._resolver = self._index = self._qa = self._recommender = None
        return report

    def preview(self, paths: list[Path]) -> list[dict[str, Any]]:
        """What ingesting `paths` would add — entities and relations per document — without
        writing anything."""
        from ingest.pipeline import preview_paths

        return preview_paths(self.store, paths)

    def forget(self, doc: str) -> tuple[int, int]:
        from ingest.pipeline import forget

        doc_id = document_id(doc)
        with self.write_lock:
            node = self.store.get_node(doc_id)
            removed = forget(self.store, doc)
            self._resolver = self._index = self._qa = self._recommender = None
            path = Path(str(node.attrs.get("path") or "")) if node is not None else None
            if path is not None and path.parent.resolve() == self.settings.uploads_dir.resolve():
                path.unlink(missing_ok=True)  # an uploaded file goes with its document
        return removed

    def add_files(self, files: list[Path], progress: Callable[[str], None] | None = None) -> Any:
        """Uploaded files: keep a copy under CLUSTERKB_HOME/uploads (a safe name), so their
        citations can be opened later, and ingest them; a copy that cannot be read is not kept."""
        import shutil

        from kb.files import safe_filename

        uploads = self.settings.uploads_dir
        with self.write_lock:
            uploads.mkdir(parents=True, exist_ok=True)
            kept = []
            for f in files:
                final = uploads / safe_filename(f.name)
                if f.resolve() != final.resolve():
                    shutil.copyfile(f, final)
                kept.append(final)
            report = self.ingest(kept, progress)
            for final in kept:
                if any(final.name in msg for msg in report.failed):
                    final.unlink(missing_ok=True)
        return report

    def llm(self) -> Any:
        """The optional LangChain chat model (injected, or named by CLUSTERKB_LLM), else None."""
        if self._llm is None and self.settings.llm:
            from ingest.llm import chat_model

            self._llm = chat_model(self.settings.llm)
        return self._llm

    def ask(self, question: str, history: list[Any] | None = None) -> Any:
        """Answer a question with citations, or say what the KB does not know (kb/qa.py)."""
        from kb.qa import QuestionAnswerer

        with self._setup_lock:
            if self._qa is None:
                self._qa = QuestionAnswerer(self)
            qa = self._qa
        return qa.ask(question, history)

    def recommend(
        self, district: str, product: str, state: str | None = None, context: str | None = None
    ) -> dict[str, Any]:
        """Replication partners for a district's product, per kind, with score and why.
        `context`: an existing cluster's name (its value-chain gaps are filled first) or the
        planner's words about the cluster ("women SHGs", "artisans")."""
        from kb.recommend import Recommender

        with self._setup_lock:
            if self._recommender is None:
                self._recommender = Recommender(self)
            recommender = self._recommender
        result: dict[str, Any] = recommender.recommend(district, product, state, context)
        return result

    def gaps(self, cluster: str) -> dict[str, Any]:
        """A cluster's value chain by stage: its actors, and the stages with none (gaps)."""
        from kb.valuechain import value_chain

        name = cluster.strip()
        if not name:
            raise InputError("give a cluster's name or id")
        node = self.store.get_node(name)
        if node is None or node.type != "Cluster":
            matches = self.find(name, "Cluster")
            node = self.store.get_node(matches[0].id) if matches else None
        if node is None or node.type != "Cluster":
            raise NotFound(f"no cluster called {name!r}", self.resolver.suggest(name, "Cluster"))
        stages = value_chain(self.store, node)
        return {
            "cluster": {"id": node.id, "name": node.name},
            "gaps": [s.stage for s in stages if s.gap],
            "stages": [s.to_dict() for s in stages],
        }

    def embedder(self) -> Any:
        """The bundled MiniLM model, loaded on first use and shared by search, QA and recommend."""
        with self._setup_lock:
            if self._embedder is None:
                from kb.search import MiniLM

                self._embedder = MiniLM()
            return self._embedder

    def search(self, query: str, k: int = 5) -> list[Any]:
        """The k sentences that best match `query` (hybrid: MiniLM embeddings + BM25)."""
        from kb.search import SentenceIndex

        with self._setup_lock:
            if self._index is None:
                cache = self.settings.home / "search" if self.settings.store == "memory" else None
                self._index = SentenceIndex.from_store(self.store, self.embedder(), cache)
            index = self._index
        results: list[Any] = index.search(query, k)
        return results

    def is_empty(self) -> bool:
        return self.store.stats().nodes == 0

    # -- reading -------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        return self.store.stats().to_dict()

    def find(self, name: str, type_: str | None = None) -> list[Match]:
        """Entities matching a name or id, best first."""
        name = name.strip()
        if not name:
            raise InputError("give a name to look up")
        node = self.store.get_node(name)
        if node is not None:
            return [Match(node.id, node.type, node.name, 100.0)]
        matches = self.resolver.lookup(name, type_)
        rank = {t: i for i, t in enumerate(TYPE_PRIORITY)}
        return sorted(matches, key=lambda m: (-m.score, rank.get(m.type, 99), m.id))

    def _one(self, name: str) -> tuple[Node, list[Match]]:
        matches = self.find(name)
        if not matches:
            raise NotFound(
                f"nothing in the knowledge base is called {name!r}", self.resolver.suggest(name)
            )
        node = self.store.get_node(matches[0].id)
        assert node is not None
        return node, matches[1:]

    def entity(self, name: str) -> EntityView:
        node, others = self._one(name)
        related = [
            Related(
                nb.edge.relation, "out" if nb.edge.source == node.id else "in", nb.node, nb.edge
            )
            for nb in self.store.neighbors(node.id, direction="both")
        ]
        return EntityView(node, related + self._via(node, related), others)

    def _via(self, node: Node, related: list[Related]) -> list[Related]:
        hops = VIA.get(node.type, set())
        out: list[Related] = []
        for r in related:
            if r.relation not in hops or r.node.type in PLACE_TYPES:
                continue
            for nb in self.store.neighbors(r.node.id, direction="both"):
                far = nb.node
                if (
                    nb.edge.relation in CONTEXT_RELATIONS
                    and far.id != node.id
                    and far.type != "Cluster"
                ):
                    direction = "out" if nb.edge.source == r.node.id else "in"
                    out.append(Related(nb.edge.relation, direction, far, nb.edge, via=r.node.name))
        return out[:100]

    def entities(
        self, query: str | None = None, type_: str | None = None, limit: int = 20, offset: int = 0
    ) -> tuple[int, list[Match]]:
        """One page of entities: matching `query` (exact, alias or fuzzy; best first) or, with
        no query, all of a type in id order. Returns (total, page)."""
        if query and query.strip():
            node = self.store.get_node(query.strip())
            matches = self.resolver.search(query, type_)
            if node is not None and (type_ is None or node.type == type_):
                matches = [Match(node.id, node.type, node.name, 100.0)] + [
                    m for m in matches if m.id != node.id
                ]
        else:
            matches = [Match(n.id, n.type, n.name, 100.0) for n in self.store.nodes(type_)]
            matches.sort(key=lambda m: m.id)
        return len(matches), matches[offset : offset + limit]

    def neighborhood(
        self,
        node_id: str,
        relation: str | None = None,
        direction: str = "both",
        depth: int = 1,
        limit: int = 200,
    ) -> dict[str, Any]:
        """The entities within `depth` hops of `node_id` (breadth first, at most `limit`), and
        the relations among them that were followed."""
        center = self.store.get_node(node_id)
        if center is None:
            raise NotFound(f"no entity with id {node_id!r}", self.resolver.suggest(node_id))
        nodes: dict[str, tuple[Node, int]] = {center.id: (center, 0)}
        edges: dict[tuple[str, str, str], Edge] = {}
        frontier = [center.id]
        truncated = False
        for level in range(1, depth + 1):
            nxt = []
            for nid in frontier:
                for nb in self.store.neighbors(nid, relation, direction):  # type: ignore[arg-type]
                    if nb.node.type == "Document" and relation != "MENTIONED_IN":
                        continue
                    if nb.node.id not in nodes:
                        if len(nodes) >= limit:
                            truncated = True
                            continue
                        nodes[nb.node.id] = (nb.node, level)
                        nxt.append(nb.node.id)
                    edges[nb.edge.key] = nb.edge
            frontier = nxt
        return {
            "center": {"id": center.id, "name": center.name, "type": center.type},
            "nodes": [
                {"id": n.id, "name": n.name, "type": n.type, "depth": d} for n, d in nodes.values()
            ],
            "edges": [
                {"source": e.source, "relation": e.relation, "target": e.target}
                for e in edges.values()
            ],
            "truncated": truncated,
        }

    def documents(self) -> list[dict[str, Any]]:
        """The ingested documents: id, title, file, size and how many facts cite each."""
        counts = self.store.sources()
        out = []
        for n in self.store.nodes("Document"):
            out.append(
                {
                    "id": n.id,
                    "title": n.name,
                    "path": n.attrs.get("path"),
                    "sentences": len(n.attrs.get("sentences") or []),
                    "sha256": n.attrs.get("sha256"),
                    "facts": counts.get(n.id, 0),
                }
            )
        return sorted(out, key=lambda d: d["id"])

    def document_text(self, doc_id: str) -> dict[str, Any]:
        """A document's sentences as the KB stores them (what citations point into)."""
        node = self.store.get_node(doc_id)
        if node is None or node.type != "Document":
            raise NotFound(f"no document {doc_id!r}", [d["id"] for d in self.documents()][:5])
        return {
            "id": node.id,
            "title": node.name,
            "sentences": list(node.attrs.get("sentences") or []),
        }

    def export(self, fmt: str) -> bytes:
        """The whole graph as GraphML ('graphml') or as node or edge CSV ('nodes', 'edges')."""
        import csv
        import io

        if fmt == "graphml":
            import networkx as nx

            g = nx.MultiDiGraph()
            for n in self.store.nodes():
                g.add_node(n.id, name=n.name, type=n.type, aliases="; ".join(n.aliases))
            for e in self.store.edges():
                g.add_edge(
                    e.source,
                    e.target,
                    key=e.relation,
                    relation=e.relation,
                    sources="; ".join(sorted({p.source for p in e.provenance})),
                )
            buf = io.BytesIO()
            nx.write_graphml(g, buf)
            return buf.getvalue()
        text = io.StringIO()
        w = csv.writer(text)
        if fmt == "nodes":
            w.writerow(["id", "type", "name", "aliases", "sources"])
            for n in self.store.nodes():
                srcs = "; ".join(sorted({p.source for p in n.provenance}))
                w.writerow([n.id, n.type, n.name, "; ".join(n.aliases), srcs])
        elif fmt == "edges":
            w.writerow(["source", "relation", "target", "sources"])
            for e in self.store.edges():
                srcs = "; ".join(sorted({p.source for p in e.provenance}))
                w.writerow([e.source, e.relation, e.target, srcs])
        else:
            raise InputError(f"unknown export format {fmt!r}; use graphml, nodes or edges")
        return text.getvalue().encode("utf-8")

    def path(self, a: str, b: str, max_hops: int = 6) -> PathView:
        source, _ = self._one(a)
        target, _ = self._one(b)
        edges = self.store.shortest_path(source.id, target.id, max_hops, PATH_RELATIONS)
        if edges is None:
            raise NotFound(
                f"no linkage path of at most {max_hops} hops "
                f"between {source.name} and {target.name}"
            )
        ids = {source.id, target.id} | {e.source for e in edges} | {e.target for e in edges}
        names = {}
        for i in ids:
            n = self.store.get_node(i)
            names[i] = n.name if n else i
        return PathView(source, target, edges, names)
