"""Ingesting documents into a store: load, extract, and replace the document's facts.

Each document is one batch: its earlier facts are withdrawn and the new ones written
together, so a failed document leaves the KB as it was. An unchanged document (same content
hash) is skipped; a changed one replaces its facts.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ingest.documents import MAX_BYTES, expand, load_document
from ingest.extract import Extractor, to_facts
from ingest.facts import FactSet
from ingest.llm import LLMExtractor
from kb.errors import InputError
from kb.identity import same_cluster
from kb.ids import document_id, state_of
from kb.nlp import english
from kb.products import ProductKey, place_words, product_of_name, product_words, thesaurus
from kb.resolve import Resolver
from kb.schema import GAZETTEER_TYPES
from kb.store.base import ALIAS_FIELD, Edge, GraphStore, Node, without_sources


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    sentences: int = 0
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def ingest_paths(
    store: GraphStore,
    paths: list[Path],
    progress: Callable[[str], None] = lambda _: None,
    max_bytes: int = MAX_BYTES,
    llm: tuple[Any, str] | None = None,
) -> IngestReport:
    """Ingest files and folders; `llm` is an optional (LangChain chat model, its name)."""
    started = time.perf_counter()
    report = IngestReport()
    nodes = list(store.nodes())
    extractor = Extractor(nodes, Resolver.from_nodes(nodes), odop_products(store, nodes))
    made = ProductIndex([n for n in nodes if n.type == "Product"])
    llm_extractor = LLMExtractor(llm[0], llm[1], extractor) if llm else None
    files = list(expand(paths))
    for i, path in enumerate(files, start=1):
        try:
            if not path.exists():
                raise InputError(f"{path}: no such file or folder")
            doc = load_document(path, max_bytes)
        except InputError as e:
            report.failed.append(str(e))
            progress(f"  [{i}/{len(files)}] skipped: {e}")
            continue
        old = store.get_node(doc.id)
        taken = same_id_other_file(old, path)
        if taken:
            report.failed.append(taken)
            progress(f"  [{i}/{len(files)}] skipped: {taken}")
            continue
        if old is not None and old.attrs.get("sha256") == doc.sha256:
            report.unchanged.append(doc.id)
            progress(f"  [{i}/{len(files)}] {path.name}: unchanged")
            continue
        sentences, context = extractor.read(doc)
        facts = to_facts(doc, sentences, context, source=doc.id)
        if llm_extractor is not None:
            llm_extractor.add(facts, doc.id, sentences, context)
        made.link(store, facts)
        for node in facts.nodes.values():
            # A document adds attributes; it does not overwrite what the KB already states
            # (a table's role for SBI stays), so rebuilds in any order give the same graph.
            # What the KB states is what stays once this document's earlier facts are
            # withdrawn: a changed document's own node keeps its new sentences, hash and path.
            known = store.get_node(node.id)
            kept = (
                without_sources(known.provenance, known.attrs, frozenset([doc.id]))
                if known
                else None
            )
            if kept is not None:
                node.attrs = {
                    k: v
                    for k, v in node.attrs.items()
                    if k not in kept[0] or k.startswith("quantities@")
                }
        with store.batch():
            if old is not None:
                # a changed document withdraws its earlier facts; a new one has none, and the
                # withdrawal reads the whole graph, which made each new document's cost grow
                # with the KB (bench/ingest.py --scale)
                store.remove_sources([doc.id])
            store.upsert_nodes(facts.nodes.values())
            store.upsert_edges(facts.edges.values())
        folded = merge_known_clusters(
            store, [n.id for n in facts.nodes.values() if n.type == "Cluster"]
        )
        (report.replaced if old is not None else report.added).append(doc.id)
        report.sentences += len(doc.sentences)
        report.nodes += len(facts.nodes)
        report.edges += len(facts.edges)
        for n in facts.nodes.values():
            if n.type in GAZETTEER_TYPES and n.id not in folded:
                extractor.gazetteer.add_node(n.id, n.type, n.name, n.aliases)
        for kept_id in set(folded.values()):  # its new aliases, for the next documents
            kept_node = store.get_node(kept_id)
            if kept_node is not None:
                extractor.gazetteer.add_node(kept_id, "Cluster", kept_node.name, kept_node.aliases)
        # each cluster as "Name, Place" when its name has no place ("Fly Ash Cluster, Angul")
        clusters = [
            next((a for a in n.aliases if a.startswith(f"{n.name}, ")), n.name)
            for n in facts.nodes.values()
            if n.type == "Cluster"
        ]
        shown = "; ".join(clusters[:5]) + (
            f"; {len(clusters) - 5} more" if len(clusters) > 5 else ""
        )
        progress(
            f"  [{i}/{len(files)}] {path.name}: {len(doc.sentences)} sentences -> "
            f"{len(facts.nodes) - 1} entities, {len(facts.edges)} relations"
            + (f"; clusters: {shown}" if clusters else "")
        )
    report.seconds = time.perf_counter() - started
    return report


class ProductIndex:
    """The KB's products by the words of their names (kb.products keys), to say what a
    document's cluster makes when its name names a product the KB knows."""

    def __init__(self, products: list[Node]):
        self.th = thesaurus()
        self.known = product_words(self.th, [(p.name, frozenset()) for p in products])
        # products of one key ("Cashew", "Cashew Processing", "Cashew Products"): the
        # shortest name stands for them
        self.by_key: dict[frozenset[str], str] = {}
        self.names = {p.id: p.name for p in products}
        for p in sorted(products, key=lambda p: (len(p.name), p.id)):
            key = self.th.key(p.name)
            if key.main:
                self.by_key.setdefault(key.main, p.id)

    def product(self, name: str, places: list[str]) -> str | None:
        """The product whose name's words are those of the cluster name `name` without its
        place words and "cluster" ("Ganjam Cashew Cluster": Cashew), or None ("Bokaro
        Engineering and Fabrication Cluster" names no product the KB knows)."""
        leave_out = place_words(*places)
        key: ProductKey = self.th.key(product_of_name(name, leave_out, self.known), leave_out)
        return self.by_key.get(key.main) if key.main else None

    def link(self, store: GraphStore, facts: FactSet) -> None:
        """Each cluster the document names that no fact says makes anything makes the product
        its name names: a PRODUCES edge cited at the sentence naming the cluster first (a
        reading of the name: confidence 0.6)."""
        making = {e.source for e in facts.edges.values() if e.relation == "PRODUCES"}
        placed: dict[str, list[str]] = {}  # each node's places' names, read once
        for e in facts.edges.values():
            if e.relation == "LOCATED_IN" and (
                n := facts.nodes.get(e.target) or store.get_node(e.target)
            ):
                placed.setdefault(e.source, []).append(n.name)
        for node in [n for n in facts.nodes.values() if n.type == "Cluster"]:
            if node.id in making or store.neighbors(node.id, "PRODUCES"):
                continue
            places = placed.get(node.id, [])
            town = node.attrs.get("town") or node.attrs.get("place")
            where = [*places, *([str(town)] if town else [])]
            pid = self.product(node.name, where)
            cited = next((p for p in node.provenance if p.locator.startswith("sentence")), None)
            if cited is None:
                continue
            said = replace(cited, confidence=0.6, fields=())
            if pid is None:
                # a product the KB does not know ("Kalaburagi Solar Panels Cluster"): the words
                # of its name that are no place's and not "cluster", all English words (not a
                # town the KB does not know: "Gondpur Cluster"), as the registry's rows keep
                # theirs
                made = product_of_name(node.name, place_words(*where), self.known)
                stored = store.get_node(node.id)
                if (
                    made.split()
                    and all(english(w) for w in re.findall(r"[A-Za-z]+", made))
                    and made != node.name
                    and not node.attrs.get("product")
                    and not (stored is not None and stored.attrs.get("product"))
                ):
                    facts.node(node.id, "Cluster", node.name, said, {"product": made})
                continue
            # the product is named in that sentence too: its node cites it, as a district a
            # sentence names does, so a rebuild of the tables keeps the edge
            facts.node(pid, "Product", self.names[pid], said)
            facts.edge(node.id, "PRODUCES", pid, said, {"basis": "the product its name names"})


def merge_known_clusters(store: GraphStore, ids: list[str]) -> dict[str, str]:
    """One node per real cluster. Each cluster of `ids` (those a document just wrote) that is
    not a registry row, lies in one district, and is a cluster the KB already knows there
    under a spelling variant of the same or a related product (kb/identity.py: a document's
    "Bogulamari Jute Cluster, Dhubri" and the registry's "Bagulamari Jute Cluster" of Dhubri)
    is folded into that cluster: its facts move there with their sources, its name becomes an
    alias, and the known node keeps its id, name and attributes. Only a single such cluster
    is taken; none or two leave it alone. Returns {folded id: kept id}."""
    th = thesaurus()
    folded: dict[str, str] = {}
    for cid in ids:
        node = store.get_node(cid)
        if node is None or node.type != "Cluster" or node.attrs.get("registry"):
            continue
        districts = [nb.node for nb in store.neighbors(cid, "LOCATED_IN")
                     if nb.node.type == "District"]  # fmt: skip
        if len(districts) != 1:
            continue
        district = districts[0]
        state = store.get_node(state_of(district.id))
        places = place_words(district.name, state.name if state is not None else "")
        mine = (node.name, node.attrs.get("product"))
        found = [nb.node for nb in store.neighbors(district.id, "LOCATED_IN", "in")
                 if nb.node.type == "Cluster" and nb.node.id != cid
                 and same_cluster(th, mine, (nb.node.name, nb.node.attrs.get("product")),
                                  places)]  # fmt: skip
        if len(found) != 1:
            continue
        kept = found[0]
        moved = {k: v for k, v in node.attrs.items() if k not in kept.attrs}
        names = [a for a in dict.fromkeys([node.name, *node.aliases])
                 if a != kept.name and a not in kept.aliases]  # fmt: skip
        # the document's provenance supplies just what it adds, so forgetting it takes them away
        given = (*moved, *(f"{ALIAS_FIELD}{a}" for a in names))
        prov = [replace(p, fields=tuple(dict.fromkeys((*p.fields, *given))))
                for p in node.provenance]  # fmt: skip
        with store.batch():
            store.upsert_node(Node(kept.id, "Cluster", kept.name, moved, names, prov))
            for nb in store.neighbors(cid, None, "both"):
                e = nb.edge
                store.upsert_edge(Edge(kept.id if e.source == cid else e.source, e.relation,
                                       kept.id if e.target == cid else e.target, dict(e.attrs),
                                       list(e.provenance)))  # fmt: skip
            store.delete_node(cid)
        folded[cid] = kept.id
    return folded


def same_id_other_file(old: Node | None, path: Path) -> str | None:
    """Why `path` may not replace the document `old` (a different file whose name reduces to
    the same id, 'Report.txt' and 'report!.txt'), or None. Never replaced silently."""
    if old is None or not old.attrs.get("path"):
        return None
    had = unicodedata.normalize("NFC", Path(str(old.attrs["path"])).name)
    if had == unicodedata.normalize("NFC", path.name):
        return None
    return (f"{path.name}: its id {old.id} belongs to the document from {had!r}; rename the "
            f"file, or remove {old.id} first to replace it")  # fmt: skip


def forget(store: GraphStore, doc: str) -> tuple[int, int]:
    """Remove a document and every fact only it supported."""
    doc_id = document_id(doc)
    if store.get_node(doc_id) is None:
        known = [n.id for n in store.nodes("Document")]
        raise InputError(f"no document {doc_id!r}; known: {', '.join(known) or 'none'}")
    return store.remove_sources([doc_id])


def odop_products(store: GraphStore, nodes: list[Node]) -> dict[str, list[str]]:
    """District id -> the names of its ODOP products (most districts have one; some two)."""
    names = {n.id: n.name for n in nodes if n.type == "Product"}
    found: dict[str, set[str]] = {}
    for e in store.edges("ODOP_PRODUCT"):
        if e.target in names:
            found.setdefault(e.source, set()).add(names[e.target])
    return {d: sorted(ps) for d, ps in found.items()}


def preview_paths(
    store: GraphStore, paths: list[Path], max_bytes: int = MAX_BYTES
) -> list[dict[str, Any]]:
    """What ingesting `paths` would add, per document, without writing: the entities (new or
    already known) and the relations with the sentence each comes from."""
    nodes = list(store.nodes())
    extractor = Extractor(nodes, Resolver.from_nodes(nodes), odop_products(store, nodes))
    made = ProductIndex([n for n in nodes if n.type == "Product"])
    out: list[dict[str, Any]] = []
    for path in expand(paths):
        try:
            doc = load_document(path, max_bytes)
        except InputError as e:
            out.append({"file": path.name, "error": str(e), "entities": [], "relations": []})
            continue
        sentences, context = extractor.read(doc)
        facts = to_facts(doc, sentences, context, source=doc.id)
        made.link(store, facts)  # as `ingest_paths` would
        names = {n.id: n.name for n in facts.nodes.values()}
        out.append(
            {
                "file": path.name,
                "document": doc.id,
                "title": doc.title,
                "error": None,
                "entities": [
                    {
                        "id": n.id,
                        "name": n.name,
                        "type": n.type,
                        "new": store.get_node(n.id) is None,
                    }
                    for n in facts.nodes.values()
                    if n.type != "Document"
                ],  # fmt: skip
                "relations": [
                    {
                        "source": names.get(e.source, e.source),
                        "relation": e.relation,
                        "target": names.get(e.target, e.target),
                        "text": e.provenance[0].text if e.provenance else "",
                        "role": e.attrs.get("role"),
                    }
                    for e in facts.edges.values()
                    if e.relation != "MENTIONED_IN"
                ],  # fmt: skip
            }
        )
    return out
