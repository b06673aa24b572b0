"""A synthetic national graph at a chosen size, loaded and queried through the store protocol.

    python bench/scale.py --edges 1000000 --backend memory --json
    python bench/scale.py --edges 100000 --backend neo4j --json   # NEO4J_URI, else ArcadeDB

What it builds: the real base first — `build_tables` writes every bundled table (all LGD
states and districts, the 1,241 ODOP district-products, schemes, agencies, GIs) exactly as
`clusterkb build` does. On top, a generated registry in the shape of the country: clusters,
each in a real district making that district's real ODOP product, funded by real schemes and
supported by real agencies, with a facility and one or two anchors; enterprises (Udyam-like
rows) as members, anchors, suppliers and buyers, whose trade links have a heavy-tailed degree
(a few hubs supply thousands, most units one or two); and, for a share of the facts, a
sentence in a per-cluster document that the fact cites (ingest's shape: provenance
`sentence N`, MENTIONED_IN edges, the document's `sentences` attribute that search indexes).
The generated facts are written the way `ingest` writes: one batch per source.

Then a fresh process (`--phase query`) opens the KB as `clusterkb` would and times a fixed mix:
questions about generated entities (`KnowledgeBase.ask`), neighbours of random nodes (hubs
included), shortest paths between random enterprises, and recommendations for real ODOP pairs.
It prints one JSON line (with --json):

    {"edges", "nodes", "load_s", "rss_mb", "snapshot_mb", "reopen_s", "ask_p50_ms",
     "ask_p95_ms", "neighbors_p95_ms", "path_p95_ms", "recommend_p95_ms", ...}

`load_s`: writing the generated facts through the protocol (memory: including the snapshot);
`rss_mb`: peak RSS of the query process (open, first question, the whole mix); `reopen_s`:
opening the KB in that process until its first `stats()` (memory: reading the snapshot).
The first question's set-up (linker, sentence vectors, cached on disk) is `first_ask_s`, the
first recommendation's (every cluster's facts) `first_recommend_s`; neither is in the
percentiles. Asserts nothing; the machine's load is the reader's to note.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# One BLAS thread, as the clusterkb command sets it; read when numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kb.ids import node_id, state_of  # noqa: E402
from kb.resolve import slug  # noqa: E402
from kb.store.base import Edge, GraphStore, Node, Provenance  # noqa: E402

REGISTRY = "synthetic/udyam-registry.csv"
CLUSTERS_TABLE = "synthetic/cluster-list.csv"
EXTRACTOR = "bench.scale"

_SURNAMES = ("Sharma Verma Gupta Singh Yadav Patel Shah Reddy Rao Nair Menon Das Bose Ghosh "
             "Mishra Pandey Tiwari Khan Ansari Qureshi Sheikh Kumar Jain Agarwal Mehta Joshi "
             "Kulkarni Patil Pawar Naidu Pillai Iyer Chauhan Rathore Baruah Sangma Lyngdoh "
             "Marak Bhuyan Hazarika Mahato Munda Oraon Soren Hembrom Sahu Behera Mohanty Dash "
             "Panda Nayak Bhat Lone Wani Mir Thakur Negi Rawat Bisht Gill Sandhu Grewal").split()  # fmt: skip
_FIRMS = ("Udyog", "Industries", "Enterprises", "Works", "Traders", "Handicrafts",
          "Producer Company", "Exports", "Mills", "Crafts", "Agro Products", "Textiles")  # fmt: skip
_ROLES = ("member unit", "supplier", "buyer", "SHG", "FPO")
_MEMBER_P = (0.70, 0.12, 0.08, 0.06, 0.04)
_FACILITIES = ("CFC", "plug & play shed", "work shed")


@dataclass
class Facts:
    """Nodes and edges of one source, in write order (what one `ingest` batch writes)."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)

    def node(self, n: Node) -> None:
        if n.id in self.nodes:
            self.nodes[n.id] = self.nodes[n.id].merged_with(n)
        else:
            self.nodes[n.id] = n

    def edge(self, e: Edge) -> bool:
        if e.key in self.edges:
            return False
        self.edges[e.key] = e
        return True


@dataclass
class Base:
    """What the real tables give the generator to hang things on."""

    odop: list[tuple[str, str]]  # (district id, product id)
    products: dict[str, str]  # product id -> name
    districts: dict[str, str]  # district id -> name
    schemes: list[str]
    agencies: list[str]
    sectors: dict[str, str]  # product id -> sector id
    edges: int
    nodes: int


def read_base(store: GraphStore) -> Base:
    odop = sorted((e.source, e.target) for e in store.edges("ODOP_PRODUCT"))
    sectors = {
        e.source: e.target for e in store.edges("IN_SECTOR") if e.source.startswith("product:")
    }
    stats = store.stats()
    return Base(
        odop=odop,
        products={n.id: n.name for n in store.nodes("Product")},
        districts={n.id: n.name for n in store.nodes("District")},
        schemes=[n.id for n in store.nodes("Scheme")],
        agencies=[n.id for n in store.nodes("Agency")],
        sectors=sectors,
        edges=stats.edges,
        nodes=stats.nodes,
    )


class Generator:
    """The synthetic registry for a target number of edges (base tables included)."""

    def __init__(self, base: Base, edges: int, seed: int = 0, sentence_share: float = 0.02):
        self.base = base
        self.target = edges
        self.rng = np.random.default_rng(seed)
        self.sentence_share = sentence_share
        self.registry = Facts()
        self.documents = Facts()
        self.clusters: list[tuple[str, str, str, str]] = []  # (id, name, district, product)
        self.enterprises: list[str] = []
        self.anchors: list[str] = []
        self.names: set[str] = set()
        self._rows = 0
        self._doc_sentences: dict[str, list[str]] = {}

    # -- provenance ------------------------------------------------------------------------

    def _row(self, table: str, text: str) -> Provenance:
        self._rows += 1
        return Provenance(table, f"row {self._rows}", text, EXTRACTOR, 1.0)

    def _sentence(self, cluster: str, text: str) -> Provenance:
        doc = node_id("Document", "synthetic-" + cluster.split(":", 1)[1].replace(":", "-"))
        sentences = self._doc_sentences.setdefault(doc, [])
        sentences.append(text)
        return Provenance(doc, f"sentence {len(sentences)}", text, EXTRACTOR, 0.9)

    def _cite(self, cluster: str, row: str, sentence: str) -> tuple[Provenance, bool]:
        """A sentence for a share of the facts, the table row for the rest."""
        if self.rng.random() < self.sentence_share:
            return self._sentence(cluster, sentence), True
        return self._row(REGISTRY, row), False

    def _fact(self, facts: Facts, s: str, r: str, t: str, prov: Provenance) -> bool:
        return facts.edge(Edge(s, r, t, {}, [prov]))

    @property
    def edge_count(self) -> int:
        return self.base.edges + len(self.registry.edges) + len(self.documents.edges)

    # -- names -----------------------------------------------------------------------------

    def _firm_name(self, product: str) -> str:
        word = product.split("(")[0].split(",")[0].strip().split()
        trade = " ".join(word[:2]).title() if word else "General"
        while True:
            name = (
                f"{self.rng.choice(_SURNAMES)} {trade} {self.rng.choice(_FIRMS)}"
                if self.rng.random() < 0.5
                else f"{self.rng.choice(_SURNAMES)} & {self.rng.choice(_SURNAMES)} "
                f"{trade} {self.rng.choice(_FIRMS)}"
            )
            if name not in self.names:
                self.names.add(name)
                return name
            name = f"{name} {len(self.names)}"
            if name not in self.names:
                self.names.add(name)
                return name

    # -- the graph -------------------------------------------------------------------------

    def generate(self) -> None:
        b = self.base
        budget = max(0, self.target - b.edges)
        n_clusters = max(20, budget // 160)
        for i in range(n_clusters):
            self._cluster(i)
        # members: ~3 edges each (place, membership, product) + trade links averaging ~1.4
        n_enterprises = max(50, int((self.target - self.edge_count) / 4.4))
        for i in range(n_enterprises):
            self._enterprise(i)
        self._trade()
        self._finish_documents()

    def _cluster(self, i: int) -> None:
        b, rng = self.base, self.rng
        district, product = b.odop[int(rng.integers(len(b.odop)))]
        pname, dname = b.products[product], b.districts[district]
        kind = rng.choice(("Cluster", "Handloom Cluster", "Artisan Cluster", "MSE Cluster"))
        name = f"{dname} {pname.split('(')[0].strip()} {kind}"
        cid = node_id("Cluster", dname, name) if name in self.names else node_id("Cluster", name)
        if cid in self.registry.nodes:
            cid = node_id("Cluster", f"{name} {i}")
            name = f"{name} {i}"
        self.names.add(name)
        row = f"{name} | {dname} | {pname}"
        f = self.registry
        here = self._row(CLUSTERS_TABLE, row)  # one row: the node and its row's facts cite it
        f.node(Node(cid, "Cluster", name, {"artisans": int(rng.integers(40, 4000))}, [], [here]))
        self.clusters.append((cid, name, district, product))
        self._fact(f, cid, "LOCATED_IN", district, here)
        prov, _ = self._cite(cid, row, f"The {name} makes {pname} in {dname} district.")
        self._fact(f, cid, "PRODUCES", product, prov)
        if product in b.sectors:
            self._fact(f, cid, "IN_SECTOR", b.sectors[product], here)
        for scheme in rng.choice(b.schemes, size=int(rng.integers(1, 4)), replace=False):
            text = f"The {name} received a grant under {scheme.split(':')[1].replace('-', ' ')}."
            prov, _ = self._cite(cid, f"{row} | scheme {scheme}", text)
            self._fact(f, str(scheme), "FUNDS", cid, prov)
        agency = str(rng.choice(b.agencies))
        support = self._row(CLUSTERS_TABLE, f"{row} | {agency}")
        self._fact(f, cid, "SUPPORTED_BY", agency, support)
        self._fact(f, agency, "IMPLEMENTS", cid, support)
        if rng.random() < 0.6:
            label = str(rng.choice(_FACILITIES))
            fid = f"facility:{cid.split(':', 1)[1]}:{slug(label)}"
            facility = self._row(CLUSTERS_TABLE, f"{row} | {label}")
            f.node(Node(fid, "Facility", f"{name} {label}", {"role": label}, [], [facility]))
            prov, _ = self._cite(cid, f"{row} | {label}", f"A {label} was set up for the {name}.")
            self._fact(f, cid, "HAS_FACILITY", fid, prov)
            self._fact(f, fid, "LOCATED_IN", district, facility)
        for _ in range(1 if rng.random() < 0.7 else 2):
            anchor = self._new_enterprise(cid, district, product, "anchor")
            text = f"{f.nodes[anchor].name} is the anchor unit of the {name}."
            prov, _ = self._cite(cid, f"{row} | anchor {anchor}", text)
            self._fact(f, anchor, "ANCHORS", cid, prov)
            self.anchors.append(anchor)

    def _new_enterprise(self, cid: str, district: str, product: str, role: str) -> str:
        name = self._firm_name(self.base.products[product])
        eid = node_id("Enterprise", name)
        udyam = f"UDYAM-{slug(state_of(district).split(':')[1])[:2].upper()}-{len(self.names):07d}"
        row = f"{udyam} | {name} | {self.base.districts[district]} | {role}"
        here = self._row(REGISTRY, row)
        self.registry.node(
            Node(eid, "Enterprise", name, {"role": role, "udyam": udyam}, [], [here])
        )
        self._fact(self.registry, eid, "LOCATED_IN", district, here)
        self._fact(self.registry, eid, "PRODUCES", product, here)
        self.enterprises.append(eid)
        return eid

    def _enterprise(self, i: int) -> None:
        # clusters' sizes are heavy-tailed too: members pick a cluster by a Zipf-like weight
        c = self._pick_cluster()
        cid, cname, district, product = self.clusters[c]
        role = str(self.rng.choice(_ROLES, p=_MEMBER_P))
        eid = self._new_enterprise(cid, district, product, role)
        name = self.registry.nodes[eid].name
        prov, _ = self._cite(
            cid, f"{eid} | member of {cid}", f"{name} is a member unit of the {cname}."
        )
        self._fact(self.registry, eid, "MEMBER_OF", cid, prov)

    def _pick_cluster(self) -> int:
        if not hasattr(self, "_cluster_p"):
            w = 1.0 / np.arange(1, len(self.clusters) + 1) ** 0.8
            self.rng.shuffle(w)
            self._cluster_p = np.cumsum(w / w.sum())
        return int(min(np.searchsorted(self._cluster_p, self.rng.random()), len(self.clusters) - 1))

    def _trade(self) -> None:
        """SUPPLIES / BUYS_FROM until the target: out-degrees Pareto (a few hubs with thousands
        of links), ends preferentially anchors and big units."""
        rng, ents = self.rng, self.enterprises
        hubs = np.array(self.anchors + ents[: max(1, len(ents) // 50)])
        need = self.target - self.edge_count
        while need > 0:
            src = ents[int(rng.integers(len(ents)))]
            degree = min(int(rng.pareto(1.2) + 1), 5000, need)
            rel = "SUPPLIES" if rng.random() < 0.55 else "BUYS_FROM"
            for _ in range(degree):
                pool = hubs if rng.random() < 0.5 else ents
                other = str(pool[int(rng.integers(len(pool)))])
                if other == src:
                    continue
                row = f"{src} | {rel.lower()} | {other}"
                if self._fact(self.registry, src, rel, other, self._row(REGISTRY, row)):
                    need -= 1
                if need <= 0:
                    break

    def _finish_documents(self) -> None:
        """One document per cluster that has sentences, its mentions (MENTIONED_IN) included;
        then trim trade links so the total is exactly the target."""
        f = self.documents
        for doc, sentences in self._doc_sentences.items():
            text = "\n".join(sentences)
            digest = hashlib.sha256(text.encode()).hexdigest()
            f.node(Node(doc, "Document", doc.split(":", 1)[1].replace("-", " ").title(),
                        {"sentences": sentences, "sha256": digest, "path": f"synthetic/{doc}.txt"},
                        [], [Provenance(doc, "file", doc, EXTRACTOR)]))  # fmt: skip
        cited: set[tuple[str, str]] = set()
        for facts in (self.registry,):
            for e in facts.edges.values():
                for p in e.provenance:
                    if p.source.startswith("doc:"):
                        cited.add((e.source, p.source))
                        cited.add((e.target, p.source))
        for entity, doc in sorted(cited):
            prov = Provenance(doc, "file", f"{entity} is named in {doc}", EXTRACTOR, 0.9)
            f.edge(Edge(entity, "MENTIONED_IN", doc, {}, [prov]))
        extra = self.edge_count - self.target
        if extra > 0:
            trade = [k for k in reversed(self.registry.edges) if k[1] in ("SUPPLIES", "BUYS_FROM")]
            for k in trade[:extra]:
                del self.registry.edges[k]


def write(store: GraphStore, facts: Facts) -> None:
    """One source's facts as ingest writes them: one batch, nodes then edges."""
    with store.batch():
        store.upsert_nodes(facts.nodes.values())
        store.upsert_edges(facts.edges.values())


# -- measuring -----------------------------------------------------------------------------


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * q))] if xs else float("nan")


CPU_MS: dict[str, list[float]] = {}  # per kind of call: this process's CPU time per call


def timed(fn: Callable[[], object], kind: str = "") -> float:
    """Wall milliseconds of one call; its CPU milliseconds go to CPU_MS[kind]. On a loaded
    machine wall time includes waiting for a core; CPU time is what the call itself costs."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    CPU_MS.setdefault(kind, []).append((time.process_time() - c) * 1000)
    return (time.perf_counter() - t) * 1000


def rss_peak_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and
    exec, so a child started by a big parent would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def questions(plan: dict[str, Any], rng: np.random.Generator, n: int) -> Iterator[str]:
    templates = [
        "Who is the anchor unit of the {cluster}?",
        "Which schemes fund the {cluster}?",
        "Where is the {cluster} located?",
        "What does the {cluster} make?",
        "Which clusters in {district} make {product}?",
        "Who supplies {firm}?",
        "Which facility does the {cluster} have?",
        "Who implements the {cluster}?",
    ]
    for i in range(n):
        c = plan["clusters"][int(rng.integers(len(plan["clusters"])))]
        firm = plan["firms"][int(rng.integers(len(plan["firms"])))]
        yield templates[i % len(templates)].format(
            cluster=c["name"], district=c["district"], product=c["product"], firm=firm
        )


def query_phase(args: argparse.Namespace) -> dict[str, Any]:
    """In a fresh process: open the KB, time the mix, report."""
    from clusterkb.service import KnowledgeBase
    from kb.config import Settings

    plan = json.loads(Path(args.plan).read_text())
    started, cpu = time.perf_counter(), time.process_time()
    kb = KnowledgeBase(Settings(home=Path(args.home), store=args.backend), store_for(args))
    stats = kb.store.stats()
    reopen_s, reopen_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    rng = np.random.default_rng(args.seed + 1)
    t = time.perf_counter()
    kb.ask(f"Who is the anchor unit of the {plan['clusters'][0]['name']}?")
    first_ask_s = time.perf_counter() - t
    asks = [timed(lambda q=q: kb.ask(q), "ask") for q in questions(plan, rng, args.asks)]
    ids = plan["probe_ids"]
    neighbors = [
        timed(lambda i=i: kb.store.neighbors(i, direction="both"), "neighbors")
        for i in (ids[int(rng.integers(len(ids)))] for _ in range(args.lookups))
    ]
    firms = plan["firms"]
    paths = [
        timed(lambda a=a, b=b: kb.store.shortest_path(a, b), "path")
        for a, b in (
            (
                node_id("Enterprise", firms[int(rng.integers(len(firms)))]),
                node_id("Enterprise", firms[int(rng.integers(len(firms)))]),
            )
            for _ in range(args.paths)
        )
    ]
    pairs = plan["odop"]
    first_recommend_s: float | None = None
    recommends: list[float] = []
    if args.recommends:
        t = time.perf_counter()
        kb.recommend(*pairs[0])  # reads (and embeds) every cluster once per KB state
        first_recommend_s = round(time.perf_counter() - t, 2)
        recommends = [
            timed(lambda d=d, p=p: kb.recommend(d, p), "recommend")
            for d, p in (pairs[int(rng.integers(len(pairs)))] for _ in range(args.recommends))
        ]
    kb.close()
    return {
        "edges": stats.edges,
        "nodes": stats.nodes,
        "reopen_s": round(reopen_s, 2),
        "rss_mb": round(rss_peak_mb()),
        "first_ask_s": round(first_ask_s, 2),
        "ask_p50_ms": round(statistics.median(asks), 1),
        "ask_p95_ms": round(percentile(asks, 0.95), 1),
        "neighbors_p50_ms": round(statistics.median(neighbors), 2),
        "neighbors_p95_ms": round(percentile(neighbors, 0.95), 2),
        "path_p50_ms": round(statistics.median(paths), 1),
        "path_p95_ms": round(percentile(paths, 0.95), 1),
        "recommend_p95_ms": round(percentile(recommends, 0.95), 1) if recommends else None,
        "first_recommend_s": first_recommend_s,
        "reopen_cpu_s": round(reopen_cpu_s, 2),
        **{f"{k}_cpu_p95_ms": round(percentile(v, 0.95), 2) for k, v in CPU_MS.items()},
        "loadavg_1m": round(os.getloadavg()[0], 1),
    }


def store_for(args: argparse.Namespace) -> GraphStore:
    if args.backend == "memory":
        from kb.store.memory import MemoryStore

        return MemoryStore(Path(args.home) / "graph")
    from kb.store.neo4j import Neo4jStore

    return Neo4jStore(
        os.environ["NEO4J_URI"],
        os.environ.get("NEO4J_USER"),
        os.environ.get("NEO4J_PASSWORD"),
        os.environ.get("NEO4J_DATABASE"),
    )


def plan_of(gen: Generator, rng: np.random.Generator) -> dict[str, Any]:
    """What the query phase asks about: a fixed sample of the generated entities."""
    b = gen.base
    sample = rng.choice(len(gen.clusters), size=min(200, len(gen.clusters)), replace=False)
    clusters = [gen.clusters[int(i)] for i in sample]
    degree: Counter[str] = Counter()
    for s, _, t in gen.registry.edges:
        degree[s] += 1
        degree[t] += 1
    hubs = [i for i, _ in degree.most_common(20)]
    firms = [gen.registry.nodes[str(e)].name
             for e in rng.choice(gen.enterprises, size=min(500, len(gen.enterprises)), replace=False)]  # fmt: skip
    probe = hubs + [gen.enterprises[int(i)] for i in rng.integers(len(gen.enterprises), size=400)]
    probe += [c[0] for c in clusters] + list(b.districts)[:50]
    return {
        "clusters": [
            {"id": c[0], "name": c[1], "district": b.districts[c[2]], "product": b.products[c[3]]}
            for c in clusters
        ],
        "firms": firms,
        "probe_ids": probe,
        "odop": [[b.districts[d], b.products[p]] for d, p in b.odop[:: max(1, len(b.odop) // 100)]],
    }


def load_phase(args: argparse.Namespace) -> dict[str, Any]:
    from ingest.build import build_tables
    from kb.config import REPO_DATA

    store = store_for(args)
    if args.backend == "neo4j":
        store.clear()  # type: ignore[attr-defined]
    build_tables(store, REPO_DATA)
    base = read_base(store)
    t = time.perf_counter()
    gen = Generator(base, args.edges, args.seed, args.sentence_share)
    gen.generate()
    gen_s = time.perf_counter() - t
    plan = plan_of(gen, np.random.default_rng(args.seed))
    Path(args.plan).write_text(json.dumps(plan))
    relations = Counter(r for _, r, _ in [*gen.registry.edges, *gen.documents.edges])
    sentences = sum(len(v) for v in gen._doc_sentences.values())
    n_written = len(gen.registry.edges) + len(gen.documents.edges)
    gc.collect()
    t = time.perf_counter()
    write(store, gen.registry)
    write(store, gen.documents)
    compact = getattr(store, "compact", None)
    if callable(compact):
        compact()
    load_s = time.perf_counter() - t
    store.close()
    snapshot = Path(args.home) / "graph" / "snapshot.json"
    return {
        "generate_s": round(gen_s, 1),
        "load_s": round(load_s, 1),
        "load_edges_per_s": round(n_written / load_s) if load_s else None,
        "load_rss_mb": round(rss_peak_mb()),
        "snapshot_mb": round(snapshot.stat().st_size / 2**20) if snapshot.exists() else None,
        "sentences": sentences,
        "relations": dict(sorted(relations.items())),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--edges", type=int, default=100_000)
    ap.add_argument("--backend", choices=("memory", "neo4j"), default="memory")
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    ap.add_argument("--home", help="keep the KB here (default: a temporary directory)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sentence-share", type=float, default=0.02)
    ap.add_argument("--asks", type=int, default=40)
    ap.add_argument("--lookups", type=int, default=300)
    ap.add_argument("--paths", type=int, default=40)
    ap.add_argument("--recommends", type=int, default=10)
    ap.add_argument("--phase", choices=("all", "load", "query"), default="all")
    ap.add_argument("--plan", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if args.phase == "query":
        print(json.dumps(query_phase(args)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        args.home = args.home or str(Path(tmp) / "home")
        args.plan = str(Path(args.home) / "scale-plan.json")
        Path(args.home).mkdir(parents=True, exist_ok=True)
        server = None
        if args.backend == "neo4j" and not os.environ.get("NEO4J_URI"):
            from tests.arcadedb_server import start

            server, env = start(Path(tmp) / "arcadedb")
            os.environ.update(env)
        try:
            result: dict[str, Any] = {"backend": args.backend}
            result.update(load_phase(args))
            cmd = [sys.executable, __file__, "--phase", "query", "--home", args.home,
                   "--plan", args.plan, "--backend", args.backend, "--seed", str(args.seed),
                   "--asks", str(args.asks), "--lookups", str(args.lookups),
                   "--paths", str(args.paths), "--recommends", str(args.recommends)]  # fmt: skip
            out = subprocess.run(cmd, capture_output=True, text=True, env=os.environ)
            if out.returncode:
                sys.exit(f"the query phase failed:\n{out.stderr[-4000:]}")
            result.update(json.loads(out.stdout.strip().splitlines()[-1]))
        finally:
            if server is not None:
                server.kill()
    keys = ["edges", "nodes", "load_s", "rss_mb", "snapshot_mb", "reopen_s", "ask_p50_ms",
            "ask_p95_ms", "neighbors_p95_ms", "path_p95_ms", "recommend_p95_ms"]  # fmt: skip
    ordered = {k: result.get(k) for k in keys} | {k: v for k, v in result.items() if k not in keys}
    if args.json:
        print(json.dumps(ordered))
    else:
        for k, v in ordered.items():
            print(f"{k:<20} {v}")


if __name__ == "__main__":
    main()
