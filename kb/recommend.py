"""Replication partners for a new ODOP cluster (a district and its product): ranked, explained.

Signals, combined per kind:
- product similarity: cosine of MiniLM embeddings of the target product (with its sector)
  and of each cluster's name / each scheme's title and tags;
- geography: same state, and distance between district headquarters (bundled coordinates;
  a place with none of its own — a cluster placed in its state only — is as far as the mean
  over its state's districts, Recommender.distance);
- graph: who anchors, buys from, supplies, funds, trains, mobilises, finances or partners the
  similar clusters; the ministry/department the ODOP list names for the product;
- schemes and agencies: a conditional-logit model (kb/backers.py) over who served clusters of
  the same product, sector, state and district, fitted on the registry's clusters (the ranking
  `eval-recommend` measures on a held-out half);
- scheme fit as data (kb/schemefit.py): target groups, sectors, cluster-level support and
  assistance caps, matched against the planned cluster's groups (from its product and sector
  and the planner's context text);
- value-chain gaps (kb/valuechain.py): for a cluster that exists (named in `context`, or one
  in the district making a similar product) the stages with no actor; for a new cluster every
  stage. An item that fills a gap is raised (+0.15) and says which gap it fills.
Every item carries its reasons as short sentences a planner can paste into a DPR ("Makes the
same product (brass ware) in the same state (Uttar Pradesh)." "6 documented partners."), and
`why`, the same sentences as one string.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from kb import deadline
from kb.backers import FEATURES, BackerModel, Candidate, Evidence, context_weights
from kb.config import bundled_data
from kb.eligibility import Served, eligibility, for_individuals, stated_reason
from kb.errors import NotFound
from kb.ids import node_id, qualifier, state_of, state_slug
from kb.linking import EntityLinker
from kb.models import Recommendation
from kb.products import (
    ProductKey,
    Thesaurus,
    place_words,
    product_of_name,
    product_words,
    thesaurus,
)
from kb.resolve import normalize
from kb.schema import BACKER_TYPES, VALUE_CHAIN_STAGES
from kb.schemefit import fit_reasons, planned_groups, profile
from kb.search import Embedder, cached_vectors
from kb.store.base import GraphStore, Neighbor, Node, neighbors_many
from kb.valuechain import value_chain

KINDS = ("model_clusters", "anchors", "buyers", "suppliers", "agencies", "schemes")
ACTOR_RELATIONS = {
    "MOBILISES",
    "TRAINS",
    "IMPLEMENTS",
    "FINANCES",
    "PARTNERS_WITH",
    "SUPPORTED_BY",
    "FUNDS",
}


# The relations a cluster's facts are read from (ClusterFacts); its members and mentions are
# not read (a cluster of a big registry has thousands of MEMBER_OF edges).
FACT_RELATIONS = frozenset(
    {"LOCATED_IN", "PRODUCES", "IN_SECTOR", "HAS_FACILITY", "ANCHORS", "BUYS_FROM", "SUPPLIES"}
    | ACTOR_RELATIONS
)
READ_CHUNK = 500  # clusters whose neighbours are read at once (one round trip on Neo4j)
FIT_LIMIT = 1000  # registry clusters a backer model is fitted on at most (see backer_model)

# Backer models fitted in this process, by kind and registry facts (see backer_model).
_FITTED: dict[tuple[str, int], BackerModel] = {}
_FITTED_LOCK = threading.Lock()


@dataclass
class Item:
    id: str
    name: str
    score: float
    why: list[str] = field(default_factory=list)  # reasons, each a short sentence
    evidence: list[dict[str, str]] = field(default_factory=list)  # the facts' sources
    stages: set[str] = field(default_factory=set)  # value-chain stages the item would fill
    extra: dict[str, Any] = field(default_factory=dict)  # status, place, source, already_here

    def to_dict(self, ceiling: float = 1.0) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "score": round(min(100.0, 100 * self.score / ceiling), 1),
            "why": " ".join(self.why),
            "reasons": list(self.why),
            "evidence": self.evidence,
            "fills": sorted(self.stages),
            **{k: v for k, v in self.extra.items() if v is not None},
        }


# Which value-chain stages a partner fills, by the relation it has with a model cluster.
STAGES_OF = {
    rel: {st.name for st in VALUE_CHAIN_STAGES if rel in st.relations}
    for st in VALUE_CHAIN_STAGES
    for rel in st.relations
}
GAP_BONUS = 0.15

# The most an item of each kind can score (every signal at its best), so a score reads on a
# stated 0-100 scale: 100 x score / ceiling.
SCORE_CEILING = {
    "model_clusters": 1.0
    + 0.1
    + 0.15
    + 0.25
    + 0.08
    + 0.04
    + 0.05,  # tier, meaning, state, km, status, a document, partners (MEANING_, NEAR_WEIGHT)
    "peer_districts": 1.2,  # nearest (1.0) and in the state (0.2)
    "agencies": 1.0 + GAP_BONUS,  # the ODOP list's ministry (the likeliest backer: 0.9)
    "schemes": 0.9 + GAP_BONUS,  # the likeliest by the fitted model (scheme fit is in it)
    "anchors": 1.0 + GAP_BONUS,
    "buyers": 1.0 + GAP_BONUS,
    "suppliers": 1.0 + GAP_BONUS,
}
SCALE_LEGEND = (
    "Scores run 0-100: 100 is a partner with every signal at its best (same product, same "
    "state and near, working, well documented; for schemes and agencies, the likeliest backer "
    "of such a cluster by the model fitted on the registry)."
)


def point(node: Node) -> tuple[float, float] | None:
    """A node's (lat, lon) when it has them (district headquarters), else None."""
    try:
        return float(node.attrs["lat"]), float(node.attrs["lon"])
    except (KeyError, TypeError, ValueError):
        return None


def great_circle_km(la1: Any, lo1: Any, la2: Any, lo2: Any) -> Any:
    """Haversine distance in km between points given in radians: numbers, or numpy arrays
    that broadcast (every district of one state against every district of another)."""
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def haversine_km(a: Node, b: Node) -> float | None:
    pa, pb = point(a), point(b)
    if pa is None or pb is None:
        return None
    # one pair: the formula of great_circle_km in plain floats (numpy's scalars cost ~10x)
    la1, lo1, la2, lo2 = (math.radians(x) for x in (*pa, *pb))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))


# The ODOP rows' vectors shipped with the data (clusterkb/seed.py makes them): a new KB reads them
# instead of embedding ~1,200 descriptions (a minute of CPU on two cores) on first use.
ODOP_SEED = bundled_data() / "vectors" / "odop-rows.npz"


class MinistryModel:
    """Which ministry or department the ODOP list would name for a product: similarity-
    weighted votes of the nearest ODOP rows (MiniLM on product, sector and description; a
    bonus for the same sector and state). `clusterkb.evaluate.evaluate_ministry_prediction` measures
    exactly this model, leaving each row out in turn."""

    def __init__(
        self,
        store: GraphStore,
        embedder: Embedder,
        neighbours: int = 15,
        cache: Path | None = None,
    ):
        self.embedder = embedder
        self.neighbours = neighbours
        self.cache = cache  # the rows' vectors are kept there by content, for the next process
        self.rows = [e for e in store.edges("ODOP_PRODUCT") if e.attrs.get("ministry")]
        names = {n.id: n.name for n in store.nodes("Product")}
        self.texts = [
            f"{names.get(e.target, e.target)}. {e.attrs.get('sector') or ''}. "
            f"{e.attrs.get('description') or ''}"
            for e in self.rows
        ]
        self.truth = [str(e.attrs["ministry"]) for e in self.rows]
        self.sectors = [e.attrs.get("sector") for e in self.rows]
        self.states = [state_slug(e.source) for e in self.rows]
        self._vectors: np.ndarray | None = None

    @property
    def vectors(self) -> np.ndarray:
        if self._vectors is None:
            path = self.cache / "odop-rows.npz" if self.cache is not None else None
            self._vectors = cached_vectors(self.embedder, self.texts, path, seed=ODOP_SEED)[0]
        return self._vectors

    def vote(
        self, sims: np.ndarray, sector: str | None, state: str | None
    ) -> list[tuple[str, float]]:
        """Ministries ranked by the votes of the rows nearest by `sims` (one value per row)."""
        votes: dict[str, float] = {}
        for j in np.argsort(-sims)[: self.neighbours]:
            w = (
                float(sims[j])
                + (0.1 if sector is not None and self.sectors[j] == sector else 0.0)
                + (0.05 if state is not None and self.states[j] == state else 0.0)
            )
            votes[self.truth[j]] = votes.get(self.truth[j], 0.0) + w
        return sorted(votes.items(), key=lambda kv: -kv[1])

    def predict(self, text: str, sector: str | None, state: str | None) -> list[tuple[str, float]]:
        if not self.rows:
            return []
        query = np.asarray(self.embedder.encode([text]))[0]
        return self.vote(self.vectors @ query, sector, state)


STATUS_BONUS = {"functional": 0.08, "approved": 0.05, "proposed": 0.02, "listed": 0.0,
                "unknown": 0.01}  # fmt: skip
# A cluster a document describes (a DPR, an evaluation, a scheme's report: a `doc:` source)
# can be read about and learnt from; a registry row alone gives a name, a place and a status.
DOCUMENTED = 0.04
TIER_WEIGHT = {"same": 1.0, "related": 0.6, "sector": 0.3}
# How a model cluster's meaning and place count, by its tier (rank_models). In a product tier
# ("same", "related") the thesaurus has already matched the product, so similarity by meaning
# mostly measures wording ("Coir" / "Coir products") and counts little; what a planner then
# needs is a cluster near enough to visit: distance counts more, over a longer range. Among
# clusters of other products (a sector or none) meaning is what tells a useful one, and
# distance only breaks near-ties.
MEANING_WEIGHT = {"same": 0.1, "related": 0.1}
MEANING_OTHER = 0.35
NEAR_WEIGHT = {"same": (0.25, 1500.0), "related": (0.25, 1500.0)}  # (weight, km at which 0)
NEAR_OTHER = (0.1, 1000.0)
SAME_STATE = 0.15
PARTNER_ROLES = {"anchors": ("ANCHORS",), "buyers": ("BUYS_FROM",), "suppliers": ("SUPPLIES",)}


@dataclass
class ClusterFacts:
    """What the recommender reads of one cluster: its product key, place, status and partners."""

    node: Node
    product: str
    key: ProductKey
    sectors: frozenset[str]
    state: str | None
    district: Node | None
    place: str
    status: str
    backers: dict[str, list[tuple[Node, Any]]]  # "schemes"/"agencies" -> (node, edge)
    actors: list[tuple[str, Node, Any]]  # (relation, actor, edge) for anchors/buyers/suppliers
    facilities: int

    @property
    def documented(self) -> bool:
        """Whether a document (not only a registry row) describes the cluster."""
        return any(p.source.startswith("doc:") for p in self.node.provenance)

    @property
    def implementing(self) -> set[str]:
        return {n.id for n, e in self.backers["agencies"] if e.relation == "IMPLEMENTS"}


@dataclass
class Target:
    """The planned cluster: its product, sector(s), district and state."""

    product: str
    key: ProductKey
    sectors: frozenset[str]
    state: str | None
    district: Node | None
    vector: np.ndarray | None = None


class ClusterIndex:
    """Every cluster's facts and product vector, with their positions by product word (key
    and broader concepts), sector, state and district: built once per recommender (one per
    store version), so a recommendation reads the clusters that can share a tier, a sector or
    a place with the target instead of scanning every cluster."""

    def __init__(self, clusters: list[ClusterFacts], vectors: np.ndarray):
        self.clusters = clusters
        self.vectors = vectors
        self.position = {c.node.id: i for i, c in enumerate(clusters)}
        self.by_word: dict[str, list[int]] = {}
        self.by_sector: dict[str, list[int]] = {}
        self.by_state: dict[str, list[int]] = {}
        self.by_district: dict[str, list[int]] = {}
        for i, c in enumerate(clusters):
            for w in c.key.key | c.key.broader:
                self.by_word.setdefault(w, []).append(i)
            for sec in c.sectors:
                self.by_sector.setdefault(sec, []).append(i)
            if c.state is not None:
                self.by_state.setdefault(c.state, []).append(i)
            if c.district is not None:
                self.by_district.setdefault(c.district.id, []).append(i)
        self._links: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, list[Node]]] = {}

    def links(self, kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Node]]:
        """Every cluster's backers of a kind as arrays: (cluster position, backer number,
        the cluster's share for it: 1 / its backers), and the backers' nodes by number."""
        if kind not in self._links:
            rows: list[int] = []
            cols: list[int] = []
            shares: list[float] = []
            number: dict[str, int] = {}
            nodes: list[Node] = []
            for i, c in enumerate(self.clusters):
                backers = {n.id: n for n, _ in c.backers[kind]}
                for bid, node in backers.items():
                    if bid not in number:
                        number[bid] = len(nodes)
                        nodes.append(node)
                    rows.append(i)
                    cols.append(number[bid])
                    shares.append(1.0 / len(backers))
            self._links[kind] = (np.array(rows, dtype=int), np.array(cols, dtype=int),
                                 np.array(shares), nodes)  # fmt: skip
        return self._links[kind]

    def near(self, target: Target) -> list[int]:
        """Positions (in order) of every cluster that can have a tier with the target (a
        'same' or 'related' product shares a word or concept of the key; a 'sector' one a
        sector) or is in its state or district: all the clusters whose score has more than
        meaning, distance, status and partners in it."""
        found: set[int] = set()
        for w in target.key.key | target.key.broader:
            found.update(self.by_word.get(w, ()))
        for sec in target.sectors:
            found.update(self.by_sector.get(sec, ()))
        if target.state is not None:
            found.update(self.by_state.get(target.state, ()))
        if target.district is not None:
            found.update(self.by_district.get(target.district.id, ()))
        return sorted(found)


# The most a cluster with no tier and outside the target's state can score in rank_models
# beyond 0.35 x its similarity: distance, status, partners.
UNTIERED_CEILING = NEAR_OTHER[0] + max(STATUS_BONUS.values()) + 0.05


def tier(th: Thesaurus, target: Target, c: ClusterFacts) -> str | None:
    rel = th.relation(target.key, c.key)
    if rel is None and target.sectors & c.sectors:
        return "sector"
    return rel


def vote_weights(
    th: Thesaurus,
    target: Target,
    voters: list[ClusterFacts],
    sims: np.ndarray | None,
    same_state: float = 5.0,
    similarity: float = 1.0,
) -> list[tuple[ClusterFacts, float, str]]:
    """Each voter cluster of the same product, a related product or the same sector, with the
    weight of its vote: its tier and its similarity by meaning, times `same_state` in the
    state. Anchors, buyers and suppliers are ranked by these votes (schemes and agencies by the
    fitted model in kb/backers.py)."""
    out = []
    for i, c in enumerate(voters):
        t = tier(th, target, c)
        if t is None:
            continue
        w = TIER_WEIGHT[t] + (similarity * max(0.0, float(sims[i])) if sims is not None else 0.0)
        if target.state is not None and c.state == target.state:
            w *= same_state
        out.append((c, w, t))
    return out


def backed_by(c: ClusterFacts, kind: str) -> set[str]:
    """Whom a cluster is known to be backed by: its scheme(s), or its implementing agencies
    (what `eval-recommend` hides and predicts)."""
    return {n.id for n, _ in c.backers["schemes"]} if kind == "schemes" else c.implementing


def scheme_text(scheme: Node) -> str:
    """A scheme's title and tags, the words compared with a product by meaning."""
    return f"{scheme.name}. {' '.join(scheme.attrs.get('tags') or [])}"


class Recommender:
    """Ranks replication partners from the store, linking names through the entity linker and
    comparing products by the product thesaurus (kb/products.py) and by meaning (MiniLM)."""

    def __init__(
        self,
        store: GraphStore,
        linker: EntityLinker,
        embedder: Embedder,
    ):
        self.store = store
        self.linker = linker
        self.embedder = embedder
        self.thesaurus = thesaurus()
        self._vectors: dict[str, np.ndarray] = {}
        self._fits: dict[str, Any] = {}
        self._ministries: MinistryModel | None = None
        self._clusters: list[ClusterFacts] | None = None
        self._index: ClusterIndex | None = None
        self._clusters_lock = threading.Lock()  # one build, however many requests wait for it
        self._product_sectors: dict[str, set[str]] = {}
        self._homes: dict[str, str | None] = {}
        self._state_names: dict[str, str] | None = None
        self._state_points: dict[str, np.ndarray] | None = None
        self._distances: dict[tuple[str, str], tuple[float | None, str]] = {}
        self._odop: list[Any] | None = None
        self._known_products: frozenset[str] | None = None
        self._backer_models: dict[str, BackerModel] = {}
        self._catalogue: list[tuple[Node, set[str], bool]] | None = None
        self._fit_bonus: dict[tuple[str, frozenset[str]], float] = {}
        self._for_people: dict[str, str | None] = {}

    def _profile(self, node: Node) -> Any:
        if node.id not in self._fits:
            self._fits[node.id] = profile(node)
        return self._fits[node.id]

    def _for_individuals(self, scheme: Node) -> str | None:
        """kb.eligibility.for_individuals, once per scheme (it reads the scheme's words)."""
        if scheme.id not in self._for_people:
            self._for_people[scheme.id] = for_individuals(scheme)
        return self._for_people[scheme.id]

    def _embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            for t, v in zip(missing, self.embedder.encode(missing), strict=True):
                self._vectors[t] = v
        return np.stack([self._vectors[t] for t in texts])

    # -- what the KB knows of its clusters ---------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether the clusters' facts and index are built (see clusters)."""
        return self._clusters is not None

    def clusters(self) -> list[ClusterFacts]:
        """Every cluster's facts, read once per recommender (one per KB state) and indexed
        (ClusterIndex). Single-flight: requests arriving during the build wait for it rather
        than each building their own. The neighbours are read for READ_CHUNK clusters at a
        time and only along FACT_RELATIONS (one round trip per chunk on Neo4j)."""
        if self._clusters is not None:
            return self._clusters
        with self._clusters_lock:
            if self._clusters is not None:
                return self._clusters
            nodes = sorted(self.store.nodes("Cluster"), key=lambda n: n.id)
            clusters: list[ClusterFacts] = []
            for start in range(0, len(nodes), READ_CHUNK):
                chunk = nodes[start : start + READ_CHUNK]
                around = neighbors_many(self.store, [c.id for c in chunk], FACT_RELATIONS)
                facilities = [nb.node.id for c in chunk for nb in around[c.id]
                              if nb.edge.relation == "HAS_FACILITY"]  # fmt: skip
                far = neighbors_many(self.store, facilities, ACTOR_RELATIONS, "in")
                clusters += [self._facts(c, around[c.id], far) for c in chunk]
            # their product vectors, kept on disk by content for the next process
            texts = list(dict.fromkeys(c.product for c in clusters))
            cache = getattr(self.linker, "cache_dir", None)
            vectors, _ = cached_vectors(
                self.embedder, texts, cache / "cluster-products.npz" if cache else None
            )
            self._vectors.update(zip(texts, vectors, strict=True))
            dim = len(vectors[0]) if len(vectors) else 0
            matrix = (np.stack([self._vectors[c.product] for c in clusters]) if clusters
                      else np.zeros((0, dim)))  # fmt: skip
            self._index = ClusterIndex(clusters, matrix)
            self._clusters = clusters
        return self._clusters

    def _sectors_of_product(self, name: str) -> set[str]:
        """The sectors of the product a cluster names (its own sector too), once per name."""
        if name not in self._product_sectors:
            found = [m for m in self.linker.find(name, "Product") if m.score >= 99]
            self._product_sectors[name] = {
                nb.node.id for m in found[:1] for nb in self.store.neighbors(m.id, "IN_SECTOR")
            }
        return self._product_sectors[name]

    def _facts(self, c: Node, around: list[Neighbor],
               far: dict[str, list[Neighbor]]) -> ClusterFacts:  # fmt: skip
        """One cluster's facts from its neighbours (`around`, along FACT_RELATIONS) and its
        facilities' backers (`far`: facility id -> neighbours along ACTOR_RELATIONS, in)."""
        district = state = None
        sectors: set[str] = set()
        products: list[str] = []
        backers: dict[str, list[tuple[Node, Any]]] = {"schemes": [], "agencies": []}
        actors: list[tuple[str, Node, Any]] = []
        facilities = 0
        for nb in around:
            rel, other = nb.edge.relation, nb.node
            if rel == "LOCATED_IN" and nb.edge.source == c.id:
                if other.type == "District" and district is None:
                    district, state = other, state_of(other.id)
                elif other.type == "State" and state is None:
                    state = other.id
            elif rel == "PRODUCES":
                products.append(other.name)
            elif rel == "IN_SECTOR":
                sectors.add(other.id)
            elif rel == "HAS_FACILITY":
                facilities += 1
                for back in far.get(other.id, []):
                    if back.edge.relation in ACTOR_RELATIONS and back.node.type in BACKER_TYPES:
                        kind = "schemes" if back.node.type == "Scheme" else "agencies"
                        backers[kind].append((back.node, back.edge))
            elif rel in ACTOR_RELATIONS and other.type in BACKER_TYPES:
                backers["schemes" if other.type == "Scheme" else "agencies"].append(
                    (other, nb.edge)
                )
            elif rel in ("ANCHORS", "BUYS_FROM", "SUPPLIES") and nb.edge.target == c.id:
                actors.append((rel, other, nb.edge))
        for pid in products:  # a product's sector is the cluster's too
            sectors |= self._sectors_of_product(pid)
        place_names = [c.attrs.get("place") or ""]
        if district is not None:
            place_names.append(district.name)
        if state is not None:
            place_names.append(self._state_name(state))
        leave_out = place_words(*place_names)
        text = c.attrs.get("product") or (products[0] if products else None)
        if not text:  # a document's cluster: the product words of its name
            text = product_of_name(c.name, leave_out, self._product_words())
        key = self.thesaurus.key(str(text), leave_out)
        if not key.key and products:
            key = self.thesaurus.key(products[0], leave_out)
        where = ", ".join(
            dict.fromkeys(
                x for x in (c.attrs.get("place"), district.name if district else None,
                            self._state_name(state) if state else None) if x
            )
        )  # fmt: skip
        return ClusterFacts(c, str(text), key, frozenset(sectors), state, district, where,
                            str(c.attrs.get("status_class") or "unknown"), backers, actors,
                            facilities)  # fmt: skip

    def _product_words(self) -> frozenset[str]:
        """The words that name products (kb.products.product_words): of the ODOP list's
        products, their districts' and states' names left out; read once per recommender."""
        if self._known_products is None:
            names = [(product.name, place_words(d.name, self._state_name(state_of(d.id))))
                     for _, d, product, _ in self._odop_keys()]  # fmt: skip
            self._known_products = product_words(self.thesaurus, names)
        return self._known_products

    def _sector_name(self, sector_id: str) -> str:
        node = self.store.get_node(sector_id)
        return node.name if node is not None else sector_id.split(":", 1)[-1].replace("-", " ")

    def _state_name(self, state_id: str) -> str:
        if self._state_names is None:
            self._state_names = {n.id: n.name for n in self.store.nodes("State")}
        return self._state_names.get(state_id, state_id)

    def home_state(self, node: Node) -> str | None:
        """The state a body or scheme belongs to (None for a national one): its id's state,
        its `state` attribute, the place it is located in, or a state its name names."""
        if node.id in self._homes:
            return self._homes[node.id]
        home: str | None = None
        if node.attrs.get("level") == "central":
            home = None
        elif node.type == "Agency" and qualifier(node.id):
            home = f"state:{qualifier(node.id)}"
        elif node.attrs.get("state"):
            home = str(node.attrs["state"])
        else:
            places = [nb.node for nb in self.store.neighbors(node.id, "LOCATED_IN")]
            places += [nb.node for nb in self.store.neighbors(node.id, "APPLIES_IN")]
            if places:
                home = state_of(places[0].id)
            else:
                states = {
                    i for m in self.linker.in_text(node.name) if m.type == "State" for i in m.ids
                }
                home = states.pop() if len(states) == 1 else None
        self._homes[node.id] = home
        return home

    def _open_in(self, state_id: str | None) -> Callable[[Node], bool]:
        """A backer offered in the state: national, or of that state; never a closed scheme."""

        def allowed(node: Node) -> bool:
            if node.attrs.get("status") in ("closed", "renamed"):
                return False
            home = self.home_state(node)
            return home is None or home == state_id

        return allowed

    # -- schemes and agencies: the fitted model (kb/backers.py) ------------------------------

    def backer_candidates(self, kind: str, target: Target, voters: list[ClusterFacts],
                          sims: np.ndarray, wanted: set[str],
                          rest: list[tuple[Node, np.ndarray]] | None = None,
                          also: list[ClusterFacts] | None = None,
                          ) -> list[Candidate]:  # fmt: skip
        """Schemes or agencies that could back `target`, with their evidence over `voters`:
        those that served a cluster of the same state, product or sector, and for schemes
        also those open in the state (or national) from the scheme catalogue. Never a closed
        scheme or another state's body. `rest`: the summed evidence of further voters that
        share nothing with the target but meaning (no tier, state, sector or district), per
        backer (see _rest); `also`: those voters' clusters, whose sectors count in what each
        scheme served (its eligibility) as the voters' own do."""
        th = self.thesaurus
        allowed = self._open_in(target.state)
        ev = Evidence()
        served = Served()  # the sectors each scheme served: its eligibility (kb/eligibility.py)
        sectors = set(target.sectors)  # the planned cluster's, and its product's clusters'
        for node, weights in rest or ():  # one backer's summed shares count as one voter's
            ev.add(weights, {node.id: (node, None)}, None, None, False)
        if kind == "schemes":  # the summed voters' sectors count for eligibility all the same
            for c in also or ():
                served.add(c.sectors, [n.id for n, _ in c.backers[kind]])
        for c, sim in zip(voters, sims, strict=True):
            backers = {n.id: (n, e) for n, e in c.backers[kind]}
            if not backers:
                continue
            t = tier(th, target, c)
            if kind == "schemes":
                served.add(c.sectors, list(backers))
                if (
                    t == "same"
                    and target.key.key
                    and c.key.key
                    and (target.key.key <= c.key.key or c.key.key <= target.key.key)
                ):  # a cluster of this very product: its sectors are the product's too
                    sectors |= c.sectors
            same_state = target.state is not None and c.state == target.state
            same_district = (target.district is not None and c.district is not None
                             and c.district.id == target.district.id)  # fmt: skip
            weights = context_weights(same_state, bool(target.sectors & c.sectors), t,
                                      same_district, float(sim))  # fmt: skip
            ev.add(weights, backers, c, t, t is not None or same_state)
        chosen = [ev.nodes[b] for b in ev.served if allowed(ev.nodes[b])]
        extra: dict[str, tuple[float, float]] = {}
        if kind == "schemes":
            seen = {n.id for n in chosen}
            chosen += [s for s in self._open_catalogue(target.state) if s.id not in seen]
            product = {b for b, why in ev.served.items()
                       if any(t in ("same", "related") for _, _, t in why)}  # fmt: skip
            chosen = [s for s in chosen
                      if s.id in product or eligibility(s, served).admits(frozenset(sectors))]  # fmt: skip
            # a scheme for individual people (a scholarship, an artisan's pension or tool kit)
            # is no funding for a cluster, unless it did back one (kb/eligibility.py)
            chosen = [s for s in chosen if s.id in ev.served or self._for_individuals(s) is None]
            if chosen and target.vector is not None:
                fits = self._embed([scheme_text(s) for s in chosen]) @ target.vector
                extra = {s.id: (float(f), self._scheme_fit(s, wanted))
                         for s, f in zip(chosen, fits, strict=True)}  # fmt: skip
        return ev.features(chosen, extra, {n.id: self.home_state(n) is not None for n in chosen})

    def rank_backers(self, kind: str, target: Target, voters: list[ClusterFacts],
                     sims: np.ndarray, wanted: set[str],
                     model: BackerModel | None = None,
                     rest: list[tuple[Node, np.ndarray]] | None = None,
                     also: list[ClusterFacts] | None = None,
                     ) -> list[tuple[Candidate, float]]:  # fmt: skip
        """Schemes or agencies for `target`, likeliest first, with their probabilities: what
        the plan lists and `eval-recommend` measures. `model` defaults to the one fitted on
        every registry cluster the KB holds; `rest` as in backer_candidates."""
        model = model or self.backer_model(kind)
        return model.rank(self.backer_candidates(kind, target, voters, sims, wanted, rest, also))

    def _rest(self, kind: str, far_at: np.ndarray, far_weights: np.ndarray,
              ) -> list[tuple[Node, np.ndarray]]:  # fmt: skip
        """The evidence of the clusters at positions `far_at` (context weights `far_weights`,
        one row each), summed per backer: each cluster's weights shared among its backers,
        as Evidence.add shares them. Added backer by backer, the sums make the same totals
        and counts as the clusters one by one (up to the order of floating-point sums)."""
        index = self._index
        assert index is not None
        rows, cols, shares, nodes = index.links(kind)
        row_of = np.full(len(index.clusters), -1)
        row_of[far_at] = np.arange(len(far_at))
        keep = row_of[rows] >= 0
        if not keep.any():
            return []
        sums = np.zeros((len(nodes), far_weights.shape[1]))
        np.add.at(sums, cols[keep], shares[keep, None] * far_weights[row_of[rows[keep]]])
        return [(nodes[b], sums[b]) for b in np.unique(cols[keep])]

    def backer_model(self, kind: str) -> BackerModel:
        """The model fitted on every registry cluster: once per recommender, and once per
        process for the same registry facts (a document upload builds a new recommender but
        leaves the registry as it was, so the next plan does not fit again)."""
        if kind not in self._backer_models:
            registry = self._fitting_clusters()
            key = (kind, hash(tuple((c.node.id, c.state, c.product,
                                     tuple(sorted(n.id for n, _ in c.backers[kind])))
                                    for c in registry)))  # fmt: skip
            with _FITTED_LOCK:
                model = _FITTED.get(key)
            if model is None:
                model = self.fit_backers(kind, registry)
                with _FITTED_LOCK:
                    _FITTED[key] = model
                    while len(_FITTED) > 8:
                        _FITTED.pop(next(iter(_FITTED)))
            self._backer_models[kind] = model
        return self._backer_models[kind]

    def _fitting_clusters(self) -> list[ClusterFacts]:
        """The registry clusters the backer models are fitted on: all of them up to FIT_LIMIT,
        else FIT_LIMIT of them chosen by a hash of their ids (in registry order). Fitting ranks
        each case against every other, so its cost grows with the square of this number."""
        import zlib

        registry = [c for c in self.clusters() if c.node.attrs.get("registry")]
        if len(registry) <= FIT_LIMIT:
            return registry
        chosen = set(sorted(range(len(registry)),
                            key=lambda i: (zlib.crc32(registry[i].node.id.encode()),
                                           registry[i].node.id))[:FIT_LIMIT])  # fmt: skip
        return [c for i, c in enumerate(registry) if i in chosen]

    def fit_backers(self, kind: str, clusters: list[ClusterFacts]) -> BackerModel:
        """Weights fitted on `clusters` alone: each one's backers hidden in turn and ranked
        from the others' evidence."""
        if not clusters:  # nothing to learn from: the popularity prior alone
            return BackerModel.fit(kind, [])
        vectors = self._embed([c.product for c in clusters])
        cases = []
        for i, c in enumerate(clusters):
            truth = backed_by(c, kind)
            if not truth:
                continue
            others = clusters[:i] + clusters[i + 1 :]
            sims = np.delete(vectors @ vectors[i], i)
            cases.append((self.backer_candidates(kind, self.target_of(c), others, sims,
                                                 self.groups_of(c)), truth))  # fmt: skip
        return BackerModel.fit(kind, cases)

    def target_of(self, c: ClusterFacts) -> Target:
        """A known cluster as a planned one: its product, sectors, district and state."""
        return Target(c.product, c.key, c.sectors, c.state, c.district,
                      self._embed([c.product])[0])  # fmt: skip

    def groups_of(self, c: ClusterFacts) -> set[str]:
        """The target groups a known cluster would be planned for (kb/schemefit.py)."""
        return planned_groups(c.product, c.node.attrs.get("sector"), None)

    def _open_catalogue(self, state_id: str | None) -> list[Node]:
        """Catalogue schemes (myScheme records, scheme-fit rows) open in the state or national."""
        if self._catalogue is None:
            self._catalogue = []
            for s in self.store.nodes("Scheme"):
                if s.attrs.get("record") or s.attrs.get("fit"):
                    applies = {nb.node.id for nb in self.store.neighbors(s.id, "APPLIES_IN")}
                    central = s.attrs.get("level") == "central" or (
                        not s.attrs.get("record") and bool(s.attrs.get("fit"))
                    )
                    self._catalogue.append((s, applies, central))
        allowed = self._open_in(state_id)
        return [s for s, applies, central in self._catalogue
                if (central or state_id in applies) and allowed(s)]  # fmt: skip

    def _scheme_fit(self, scheme: Node, wanted: set[str]) -> float:
        key = (scheme.id, frozenset(wanted))
        if key not in self._fit_bonus:
            fit = self._profile(scheme)
            self._fit_bonus[key] = fit_reasons(fit, wanted)[0] if fit is not None else 0.0
        return self._fit_bonus[key]

    def _backer_item(self, kind: str, cand: Candidate, score: float, target: Target,
                     product: str, sector: str | None) -> Item:  # fmt: skip
        """A scheme or agency as a plan item, with the clusters it served as its reasons."""
        node, served = cand.node, cand.served
        if not served:  # a catalogue scheme no known cluster shows: its title and tags fit
            fit = float(cand.features[FEATURES.index("title_fit")])
            in_state = self.home_state(node) is not None
            why = [f"Its title and tags fit {product}{f' ({sector})' if sector else ''}, "
                   f"similarity {fit:.2f} of 1.",
                   "Open in the state." if in_state else "A national scheme."]  # fmt: skip
            return Item(node.id, node.name, score, why)
        c, edge, _ = max(served, key=lambda s: (TIER_WEIGHT.get(s[2] or "", 0.0),
                                                s[0].state == target.state))  # fmt: skip
        why = [_backs(edge, c)]
        tiered = {s[0].node.id for s in served if s[2] is not None}
        if tiered:
            n_same = len({s[0].node.id for s in served if s[2] == "same"})
            n_all = len(tiered)
            why.append(
                f"Has served {n_all} cluster{'s' if n_all > 1 else ''} of this product or "
                f"sector" + (f", {n_same} of them of the same product." if n_same else ".")
            )
        local = {s[0].node.id for s in served if s[0].state == target.state}
        if local and target.state is not None:
            why.append(f"Has served {len(local)} cluster{'s' if len(local) > 1 else ''} in "
                       f"{self._state_name(target.state)}.")  # fmt: skip
        stages = {"finance"} | (
            STAGES_OF.get(edge.relation, set()) if kind == "agencies" else set()
        )
        return Item(node.id, node.name, score, why, _evidence(edge), stages)

    # -- inputs -------------------------------------------------------------------------------

    def _district(self, name: str, state: str | None) -> Node:
        matches = [m for m in self.linker.find(name, "District")]
        if state:
            st = self.linker.find(state, "State")
            if st:
                matches = [m for m in matches if state_of(m.id) == st[0].id] or matches
        if not matches:
            raise NotFound(
                f"no district called {name!r}", self.linker.resolver.suggest(name, "District")
            )
        node = self.store.get_node(matches[0].id)
        assert node is not None
        return node

    def _product(self, name: str, district: Node) -> tuple[str, str | None, Node | None]:
        """(product text, sector, product node if known) — a district's ODOP product if it matches."""
        odop = self.store.neighbors(district.id, "ODOP_PRODUCT")
        for nb in odop:
            if normalize(nb.node.name) == normalize(name):
                return nb.node.name, nb.edge.attrs.get("sector"), nb.node
        found = self.linker.find(name, "Product")
        if found and found[0].score >= 90:
            node = self.store.get_node(found[0].id)
            sectors = (
                [nb.node.name for nb in self.store.neighbors(found[0].id, "IN_SECTOR")]
                if node
                else []
            )
            return (node.name if node else name), (sectors[0] if sectors else None), node
        if not name.strip():
            raise NotFound("give a product", [nb.node.name for nb in odop])
        return name.strip(), None, None  # a free-text product is allowed: similarity still works

    def target(self, product: str, sector: str | None, district: Node | None,
               state: str | None) -> Target:  # fmt: skip
        places = [district.name] if district is not None else []
        if state:
            places.append(self._state_name(state))
        sectors = frozenset([node_id("Sector", sector)] if sector else [])
        text = f"{product} ({sector})" if sector else product
        return Target(product, self.thesaurus.key(product, place_words(*places)), sectors,
                      state, district, self._embed([text])[0])  # fmt: skip

    def similarities(self, target: Target, clusters: list[ClusterFacts]) -> np.ndarray:
        if not clusters or target.vector is None:
            return np.zeros(len(clusters))
        return np.asarray(self._embed([c.product for c in clusters]) @ target.vector)

    # -- the lists ----------------------------------------------------------------------------

    def _points(self, district: Node | None,
                state: str | None) -> tuple[np.ndarray, str | None]:  # fmt: skip
        """Where a place may be, as (lat, lon) rows in radians, and the state whose districts
        stand in for it (None when the place is exact): a district's headquarters; for a
        district with no coordinates, or a cluster placed in its state only, every
        headquarters of its state (bundled coordinates, grouped once per recommender)."""
        p = point(district) if district is not None else None
        if p is not None:
            return np.radians(np.array([p])), None
        if self._state_points is None:
            grouped: dict[str, list[tuple[float, float]]] = {}
            for d in self.store.nodes("District"):
                q = point(d)
                if q is not None:
                    grouped.setdefault(state_of(d.id), []).append(q)
            self._state_points = {st: np.radians(np.array(v)) for st, v in grouped.items()}
        st = state_of(district.id) if district is not None else state
        empty = np.zeros((0, 2))
        return (self._state_points.get(st, empty), st) if st is not None else (empty, None)

    def distance(self, home: Node, district: Node | None,
                 state: str | None) -> tuple[float | None, str]:  # fmt: skip
        """Kilometres from the district `home` to a place (a district, or only a state), and
        the sentence that says it. Where an end has no coordinates of its own (a district
        the bundled points lack, a cluster known only by its state) it may be in any district
        of its state, so the distance is the mean over those districts' headquarters — the
        expected distance — and the sentence says "about" and over which state: a cluster
        placed in its state only is neither left with no distance nor put at the state's
        middle."""
        a, state_a = self._points(home, None)
        b, state_b = self._points(district, state)
        if state_a is None and state_b is None:  # both exact: one pair
            km0 = haversine_km(home, district) if district is not None else None
            return km0, (_distance(km0, home) if km0 is not None else "")
        # over a state's districts: kept per (home, place), a few dozen states per home
        key = (home.id, district.id if district is not None else f"in:{state}")
        if key not in self._distances:
            km: float | None = None
            if len(a) and len(b):
                pairs = great_circle_km(a[:, None, 0], a[:, None, 1], b[None, :, 0], b[None, :, 1])
                km = float(np.mean(pairs))
            if km is None:
                said = ""
            else:
                over = _and([self._state_name(x) for x in dict.fromkeys((state_a, state_b)) if x])
                said = (f"About {km:.0f} km from {home.name} (on average over the districts of "
                        f"{over}: no point of its own is known).")  # fmt: skip
            self._distances[key] = (km, said)
        return self._distances[key]

    def rank_models(
        self, target: Target, clusters: list[ClusterFacts], sims: np.ndarray
    ) -> list[tuple[float, ClusterFacts, str | None, list[str]]]:
        """Model clusters: the same product first, then a related product, then the same
        sector, then similar by meaning; nearer and working clusters before far or proposed,
        and one a document describes before a registry row alone. Within a product tier
        distance counts more than meaning (MEANING_WEIGHT, NEAR_WEIGHT)."""
        th = self.thesaurus
        ranked = []
        for c, sim in zip(clusters, sims, strict=True):
            deadline.check()  # the request's deadline (kb.deadline)
            t = tier(th, target, c)
            meaning = MEANING_WEIGHT.get(t or "", MEANING_OTHER)
            score = (TIER_WEIGHT[t] if t else 0.0) + meaning * max(0.0, float(sim))
            makes = {"same": f"Makes the same product ({c.product})",
                     "related": f"Makes a related product ({c.product})",
                     "sector": f"Makes a product of the same sector ({c.product})"}.get(
                t or "", f"Makes a product similar in meaning ({c.product}, similarity "
                f"{float(sim):.2f} of 1)")  # fmt: skip
            if target.state is not None and c.state == target.state:
                score += SAME_STATE
                makes += f" in the same state ({self._state_name(target.state)})"
            why = [makes + "."]
            if target.district is not None:
                km, said = self.distance(target.district, c.district, c.state)
                if km is not None:
                    weight, reach = NEAR_WEIGHT.get(t or "", NEAR_OTHER)
                    score += weight * max(0.0, 1 - km / reach)
                    why.append(said)
            score += STATUS_BONUS.get(c.status, 0.0)
            if c.node.attrs.get("status"):
                why.append(sentence(f"Status: {c.node.attrs['status']}"))
            if c.documented:
                score += DOCUMENTED
            partners = len(c.actors) + sum(len(v) for v in c.backers.values())
            if partners:
                score += min(0.05, 0.01 * partners)
                why.append(f"{partners} documented partner{'s' if partners > 1 else ''}.")
            ranked.append((score, c, t, why))
        ranked.sort(key=lambda r: (-r[0], r[1].node.name))
        return ranked

    def _gather(
        self, target: Target, existing: Node | None
    ) -> tuple[
        list[ClusterFacts],
        np.ndarray,
        list[tuple[ClusterFacts, float]],
        list[tuple[float, ClusterFacts, str | None, list[str]]],
    ]:
        """The clusters a recommendation reads, from the index instead of a scan of every
        cluster's facts: (every cluster but `existing`, their similarities to the target,
        the `near` ones (ClusterIndex.near: every cluster with a tier, in the state or the
        district) with their similarity, and the model-cluster ranking). The ranking scores
        the near clusters and the most similar of the others, adding more of those until ten
        scored clusters beat what any cluster left out could score (UNTIERED_CEILING), so its
        first ten are those of ranking every cluster."""
        index = self._index
        assert index is not None  # built by clusters()
        skip = index.position.get(existing.id, -1) if existing is not None else -1
        if target.vector is None or not len(index.clusters):
            sims_all = np.zeros(len(index.clusters))
        else:
            sims_all = np.asarray(index.vectors @ target.vector)
        keep = [i for i in range(len(index.clusters)) if i != skip]
        clusters = [index.clusters[i] for i in keep]
        sims = sims_all[keep] if keep else np.zeros(0)
        near_at = [i for i in index.near(target) if i != skip]
        near = [(index.clusters[i], float(sims_all[i])) for i in near_at]
        inside = set(near_at) | {skip}
        order = [int(i) for i in np.argsort(-sims_all, kind="stable") if int(i) not in inside]
        take = 10
        while True:
            pool = sorted(near_at + order[:take])
            ranked = self.rank_models(target, [index.clusters[i] for i in pool], sims_all[pool])
            if take >= len(order):
                break
            ceiling = 0.35 * max(0.0, float(sims_all[order[take]])) + UNTIERED_CEILING
            if sum(1 for r in ranked if r[0] > ceiling) >= 10:
                break
            take *= 4
        return clusters, sims, near, ranked

    def _existing(self, context: str | None) -> Node | None:
        """The cluster being planned for, if it exists: named in `context` (an existing cluster
        of the district's product is otherwise shown among the models as "already here")."""
        if context:
            found = [m for m in self.linker.find(context, "Cluster") if m.score >= 90]
            if found:
                return self.store.get_node(found[0].id)  # type: ignore[no-any-return]
        return None

    def recommend(
        self,
        district_name: str,
        product_name: str,
        state: str | None = None,
        context: str | None = None,
    ) -> Recommendation:
        store = self.store
        th = self.thesaurus
        district = self._district(district_name, state)
        product, sector, product_node = self._product(product_name, district)
        state_id = state_of(district.id)
        target = self.target(product, sector, district, state_id)
        wanted = planned_groups(product, sector, context)
        every = self.clusters()
        existing = self._existing(context)
        clusters, sims, near, ranked = self._gather(target, existing)
        out: dict[str, list[Item]] = {k: [] for k in KINDS}

        def here(c: ClusterFacts, t: str | None) -> bool:
            return (
                t in ("same", "related")
                and c.district is not None
                and (c.district.id == district.id)
            )

        ranked.sort(key=lambda r: not here(r[1], r[2]))  # stable: "already here" first
        for score, c, t, why in ranked[:10]:
            here_ = here(c, t)
            if here_:  # said once, first, instead of the distance
                why = [f"Already in {district.name}: a cluster of this product is here."] + [
                    w for w in why if w != _distance(0.0, district)
                ]
            item = Item(c.node.id, c.node.name, score, why,
                        [p.citation() for p in c.node.provenance[:1]])  # fmt: skip
            item.extra = {
                "status": c.node.attrs.get("status"),
                "place": c.place or None,
                "source": c.node.attrs.get("source_url"),
                "already_here": here_,
            }
            out["model_clusters"].append(item)

        # only a cluster with a tier votes: those are all among `near` (ClusterIndex.near)
        weighted = vote_weights(th, target, [c for c, _ in near],
                                np.array([sim for _, sim in near]))  # fmt: skip
        same_or_related = [(c, w, t) for c, w, t in weighted if t in ("same", "related")]
        # voters: the near clusters one by one, every other one summed per backer (_rest)
        index = self._index
        assert index is not None
        inside = set(index.near(target)) | (
            {index.position.get(existing.id, -1)} if existing is not None else set()
        )
        far_at = np.array([i for i in range(len(every)) if i not in inside], dtype=int)
        far_sims = np.asarray(index.vectors[far_at] @ target.vector) if (
            target.vector is not None and len(far_at)) else np.zeros(len(far_at))  # fmt: skip
        far_weights = (np.stack([context_weights(False, False, None, False, float(x))
                                 for x in far_sims]) if len(far_at)
                       else np.zeros((0, 0)))  # fmt: skip
        for kind in ("schemes", "agencies"):  # the fitted model's ranking (kb/backers.py)
            backers = self.rank_backers(kind, target, [c for c, _ in near],
                                        np.array([sim for _, sim in near]), wanted,
                                        rest=self._rest(kind, far_at, far_weights),
                                        also=[every[i] for i in far_at])  # fmt: skip
            top = backers[0][1] if backers else 1.0
            for cand, p in backers[:15]:
                out[kind].append(self._backer_item(kind, cand, 0.4 + 0.5 * p / top, target,
                                                   product, sector))  # fmt: skip

        for kind, relations in PARTNER_ROLES.items():
            seen: dict[str, Item] = {}
            for c, w, t in same_or_related:
                for rel, actor, edge in c.actors:
                    if rel not in relations:
                        continue
                    said = (
                        f"{ACTOR_VERBS[rel]} {c.node.name}, which makes "
                        f"{'the same' if t == 'same' else 'a related'} product ({c.product})."
                    )
                    if actor.id not in seen or w > seen[actor.id].score:
                        seen[actor.id] = Item(actor.id, actor.name, min(1.0, 0.5 + 0.3 * w),
                                              [said], _evidence(edge),
                                              STAGES_OF.get(rel, set()))  # fmt: skip
            out[kind].extend(seen.values())

        named = (  # the ministry/department the ODOP list names for the product
            store.neighbors(product_node.id, "RESPONSIBLE_FOR", "in") if product_node else []
        )
        for nb in named:
            out["agencies"] = [i for i in out["agencies"] if i.id != nb.node.id]
            out["agencies"].append(Item(nb.node.id, nb.node.name, 1.0,
                                        [f"The ODOP list names it for {product}."],
                                        _evidence(nb.edge)))  # fmt: skip
        if not named:
            predicted: dict[str, Item] = {i.id: i for i in out["agencies"]}
            self._predicted_ministries(predicted, product, sector, state_id)
            out["agencies"] = list(predicted.values())
        for item in out["schemes"]:  # eligibility as reasons (its score is in the model)
            scheme = store.get_node(item.id)
            fit = self._profile(scheme) if scheme is not None else None
            stated = stated_reason(scheme, self._sector_name) if scheme is not None else None
            if stated:  # the sectors its own words say it is for (kb/eligibility.py)
                item.why.append(stated)
            if fit is not None:
                item.why.extend(sentence(r) for r in fit_reasons(fit, wanted)[1])
                item.stages |= fit.stages

        # gaps: for an existing cluster the stages it lacks; for a new one the stages for which
        # the KB knows no actor around this product
        if existing is not None:
            gaps = [s.stage for s in value_chain(store, existing) if s.gap]
        else:
            covered: set[str] = {"finance"} if out["schemes"] else set()
            for kind in ("anchors", "buyers", "suppliers", "agencies"):  # actors, not schemes
                for item in out[kind]:
                    covered |= item.stages
            if any(c.facilities or c.node.attrs.get("component") == "CFC"
                   for c, _, _ in same_or_related):  # fmt: skip
                covered.add("common_facility")
            if same_or_related:
                covered.add("production")
            gaps = [s.name for s in VALUE_CHAIN_STAGES if s.name not in covered]
        if existing is not None:
            for kind in KINDS:
                for item in out[kind]:
                    filled = [g for g in gaps if g in item.stages]
                    if filled:
                        item.score += GAP_BONUS
                        item.why.insert(
                            0, f"Fills the {_and(filled)} gap{'s' if len(filled) > 1 else ''}."
                        )

        tiers = [t for _, _, t, _ in ranked]  # every cluster's tier, as ranked above
        n_same, n_related = tiers.count("same"), tiers.count("related")
        n_sector = sum(1 for c, _ in near if target.sectors & c.sectors)
        coverage = (
            f"{n_same} {product} cluster{'s' if n_same != 1 else ''}, {n_related} of related "
            f"products"
            + (f", {n_sector} {sector} clusters" if sector else "")
            + f" among the {len(every)} clusters the knowledge base knows"
        )
        empty = {}
        for kind, noun in (("anchors", "anchor unit"), ("buyers", "buyer"),
                           ("suppliers", "supplier")):  # fmt: skip
            if not out[kind]:
                empty[kind] = (
                    f"no documented {noun} of {product} or a related product yet — a document "
                    f"or registry row naming the {noun}s of a {product} cluster would fill this"
                )
        result: dict[str, Any] = {
            "district": {"id": district.id, "name": district.name},
            "product": product,
            "sector": sector,
            "target_groups": sorted(wanted),
            "existing_cluster": (
                {"id": existing.id, "name": existing.name} if existing is not None else None
            ),
            "gaps": gaps,
            "note": None,
            "coverage": coverage,
            "empty": empty,
            "peer_districts": [
                i.to_dict(SCORE_CEILING["peer_districts"]) for i in self._peers(district, target)
            ],
            "scale": SCALE_LEGEND,
        }
        if product_node is None:  # free text: say so, and name the products the KB knows
            listed = [nb.node.name for nb in store.neighbors(district.id, "ODOP_PRODUCT")]
            closest = [
                n for n in self.linker.resolver.suggest(product, "Product") if n not in listed
            ]
            result["note"] = (
                f"{product!r} is not a product in the knowledge base; partners are ranked by "
                f"similarity to its words. {district.name}'s ODOP products: "
                f"{', '.join(listed) or 'none listed'}"
                + (f"; closest known products: {', '.join(closest[:5])}" if closest else "")
            )
        for kind in KINDS:
            order = sorted(out[kind], key=lambda i: (-i.score, i.name))
            if kind == "model_clusters":
                order = out[kind]  # already ranked, "already here" first
            result[kind] = [i.to_dict(SCORE_CEILING[kind]) for i in order[:10]]
        return Recommendation.model_validate(result)

    def _odop_keys(self) -> list[tuple[Any, Node, Node, ProductKey]]:
        """Every ODOP row as (edge, district, product key), read once per recommender."""
        if self._odop is None:
            rows = []
            for e in self.store.edges("ODOP_PRODUCT"):
                other = self.store.get_node(e.source)
                product = self.store.get_node(e.target)
                if other is None or product is None:
                    continue
                places = place_words(other.name, self._state_name(state_of(other.id)))
                rows.append((e, other, product, self.thesaurus.key(product.name, places)))
            self._odop = rows
        return self._odop

    def _peers(self, district: Node, target: Target) -> list[Item]:
        """Other ODOP districts with the same product, nearest first: learning partners."""
        th = self.thesaurus
        peers = []
        for e, other, product, key in self._odop_keys():
            if other.id == district.id or th.relation(target.key, key) != "same":
                continue
            km, said = self.distance(district, other, None)
            why = [f"Its ODOP product is {product.name}."]
            if km is not None:
                why.append(said)
            item = Item(other.id, other.name, 1.0 - min(1.0, (km or 3000) / 3000)
                        + (0.2 if state_of(other.id) == target.state else 0.0), why,
                        [p.citation() for p in e.provenance[:1]])  # fmt: skip
            item.extra = {"place": self._state_name(state_of(other.id))}
            peers.append(item)
        peers.sort(key=lambda i: (-i.score, i.name))
        return peers[:10]

    def recommend_all(
        self, out: TextIO, top: int = 5, progress: Callable[[int, int], None] | None = None
    ) -> dict[str, int]:
        """Top partners of every kind for every ODOP district-product pair, as CSV rows on
        `out`. Returns counts; `progress(done, total)` is called after each pair."""
        import csv

        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
        writer.writeheader()
        pairs = odop_pairs(self.store)
        states = {n.id: n.name for n in self.store.nodes("State")}
        # every product's words in one batch, not one encoding per pair
        self._embed(list({f"{p.name} ({e.attrs['sector']})" if e.attrs.get("sector") else p.name
                          for e, _, p, _ in self._odop_keys()}))  # fmt: skip
        rows = 0
        for done, (district_id, district_name, product) in enumerate(pairs, start=1):
            r = self.recommend(district_id, product)
            state = states.get(state_of(district_id), "")
            for kind in KINDS:
                for rank, item in enumerate(getattr(r, kind)[:top], start=1):
                    writer.writerow(
                        {"state": state, "district": district_name, "product": r.product,
                         "sector": r.sector or "", "kind": kind, "rank": rank, "id": item.id,
                         "name": item.name, "score": item.score, "fills": " ".join(item.fills),
                         "why": item.why, "status": item.status or "", "place": item.place or "",
                         "evidence": evidence_text(item.evidence),
                         "source": item.source or ""}
                    )  # fmt: skip
                    rows += 1
            if progress is not None:
                progress(done, len(pairs))
        return {"pairs": len(pairs), "rows": rows}

    def _predicted_ministries(
        self, best: dict[str, Item], product: str, sector: str | None, state_id: str
    ) -> None:
        """For a product the ODOP list does not name: the ministries it names for the most
        similar products (the model eval-recommend measures), as agencies to approach."""
        if self._ministries is None:
            cache = getattr(self.linker, "cache_dir", None)
            self._ministries = MinistryModel(self.store, self.embedder, cache=cache)
        ranked = self._ministries.predict(product, sector, state_slug(state_id))
        total = sum(w for _, w in ranked) or 1.0
        for name, weight in ranked[:2]:
            found = [m for m in self.linker.find(name, "Agency") if m.score >= 90]
            if not found or found[0].id in best:
                continue
            share = weight / total
            best[found[0].id] = Item(
                found[0].id,
                found[0].name,
                0.5 + 0.5 * share,
                [
                    f"The ODOP list names it for similar products ({share:.0%} of the votes of "
                    f"the {self._ministries.neighbours} nearest ODOP rows)."
                ],  # fmt: skip
            )


# -- reasons as sentences --------------------------------------------------------------------

ACTOR_VERBS = {"ANCHORS": "Anchors", "BUYS_FROM": "Buys from", "SUPPLIES": "Supplies"}
BACKER_VERBS = {"FUNDS": "Funds", "SUPPORTED_BY": "Supports", "IMPLEMENTS": "Implements",
                "TRAINS": "Trains", "MOBILISES": "Mobilises", "FINANCES": "Finances",
                "PARTNERS_WITH": "Partners with"}  # fmt: skip


def sentence(text: str) -> str:
    """`text` as a sentence: a capital first letter and a full stop ('assistance: 80%' ->
    'Assistance: 80%.')."""
    text = text.strip().rstrip(";,")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _and(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c', stage names in words."""
    words = [i.replace("_", " ") for i in items]
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else ""


def _distance(km: float, district: Node) -> str:
    return f"In {district.name} itself." if km < 1 else f"{km:.0f} km from {district.name}."


def _backs(edge: Any, c: ClusterFacts) -> str:
    """How a scheme or agency backs a cluster: its role there, or the relation as a verb."""
    where = f"{c.node.name} ({c.place})" if c.place else c.node.name
    role = str((edge.attrs or {}).get("role") or "")
    if role and role != "scheme":
        return f"Is the {role} of {where}."
    verb = BACKER_VERBS.get(edge.relation, edge.relation.lower().replace("_", " ").capitalize())
    return f"{verb} {where}."


def _evidence(edge: Any) -> list[dict[str, str]]:
    return [p.citation() for p in edge.provenance[:1]]


CSV_FIELDS = ("state", "district", "product", "sector", "kind", "rank", "id", "name", "score",
              "fills", "why", "status", "place", "evidence", "source")  # fmt: skip


def evidence_text(evidence: list[Any]) -> str:
    """A partner's evidence as one CSV cell: 'source, locator: "text"' per fact."""
    out = []
    for ev in evidence:
        d = ev if isinstance(ev, dict) else ev.model_dump()
        out.append(f'{d.get("document", "")}, {d.get("locator", "")}: "{d.get("text", "")}"')
    return " | ".join(out)


def odop_pairs(store: GraphStore) -> list[tuple[str, str, str]]:
    """Every (district id, district name, product name) pair of the ODOP list."""
    pairs = []
    names: dict[str, str] = {}
    for e in store.edges("ODOP_PRODUCT"):
        for i in (e.source, e.target):
            if i not in names:
                n = store.get_node(i)
                names[i] = n.name if n else i
        pairs.append((e.source, names[e.source], names[e.target]))
    return sorted(set(pairs))
