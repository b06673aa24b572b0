"""What extraction works on: a sentence with the entities found in it, and the facilities a
sentence names (shared by entity extraction, relation reading and fact writing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.mentions import facility_mentions
from kb.ids import facility_id


@dataclass
class Entity:
    id: str
    type: str
    name: str
    start: int
    end: int
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.8
    places: list[str] = field(default_factory=list)  # districts/states named inside the name


@dataclass
class Sentence:
    index: int
    text: str  # as in the document (cited)
    clean: str  # with in-passing acronym definitions folded
    entities: list[Entity] = field(default_factory=list)

    def of(self, *types: str) -> list[Entity]:
        return [e for e in self.entities if e.type in types]


@dataclass
class Facility:
    id: str
    name: str
    role: str
    position: int
    cluster: str


def facilities(s: Sentence, context: dict[str, Any]) -> list[Facility]:
    """The shared facilities (CFC, sheds, ...) a sentence names, each owned by the sentence's
    cluster or, failing that, the document's."""
    clusters = s.of("Cluster") or (
        [context["cluster_entity"]] if context.get("cluster_entity") else []
    )
    if not clusters:
        return []
    c = clusters[0]
    out = []
    for role, label, pos in facility_mentions(s.clean):
        out.append(Facility(facility_id(c.id, label), f"{c.name} {label}", role, pos, c.id))
    return out
