"""A cluster's value chain: which actors fill each stage, and which stages are gaps.

A stage (kb/schema.py VALUE_CHAIN_STAGES) is filled when the cluster has one of the stage's
relations with an actor — directly (an enterprise ANCHORS the cluster, a bank FINANCES it,
the cluster HAS_FACILITY a CFC) or through one of its facilities (a scheme FUNDS the CFC).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kb.schema import NON_ACTOR_TYPES, VALUE_CHAIN_STAGES
from kb.store.base import GraphStore, Node


@dataclass
class Actor:
    id: str
    name: str
    type: str
    relation: str
    via: str | None = None
    evidence: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "relation": self.relation,
            "via": self.via,
            "evidence": self.evidence,
        }


@dataclass
class StageView:
    stage: str
    meaning: str
    actors: list[Actor]

    @property
    def gap(self) -> bool:
        return not self.actors

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "meaning": self.meaning,
            "gap": self.gap,
            "actors": [a.to_dict() for a in self.actors],
        }


def value_chain(store: GraphStore, cluster: Node) -> list[StageView]:
    """Every stage of `cluster`'s value chain with the actors found in the graph."""
    links: list[tuple[str, Node, Any, str | None]] = []  # (relation, actor, edge, via)
    for nb in store.neighbors(cluster.id, direction="both"):
        if nb.node.type not in NON_ACTOR_TYPES:
            links.append((nb.edge.relation, nb.node, nb.edge, None))
        if nb.edge.relation == "HAS_FACILITY":
            for far in store.neighbors(nb.node.id, direction="in"):
                if far.node.type not in NON_ACTOR_TYPES and far.node.id != cluster.id:
                    links.append((far.edge.relation, far.node, far.edge, nb.node.name))
    stages = []
    for stage in VALUE_CHAIN_STAGES:
        seen: set[str] = set()
        actors = []
        for relation, node, edge, via in links:
            if relation in stage.relations and node.id not in seen:
                seen.add(node.id)
                actors.append(
                    Actor(
                        node.id,
                        node.name,
                        node.type,
                        relation,
                        via,
                        [p.citation() for p in edge.provenance[:1]],
                    )
                )
        stages.append(StageView(stage.name, stage.meaning, actors))
    return stages


def gaps(store: GraphStore, cluster: Node) -> list[str]:
    return [s.stage for s in value_chain(store, cluster) if s.gap]
