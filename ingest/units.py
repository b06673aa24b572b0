"""What extraction works on: a sentence with the entities found in it, and the facilities a
sentence names (shared by entity extraction, relation reading and fact writing)."""

from __future__ import annotations

import re
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


_ONE_CLUSTER = re.compile(r"\b(?:the|this|our|its)\s+cluster\b(?!s)", re.I)


def facilities(
    s: Sentence, context: dict[str, Any], previous: Sentence | None = None
) -> list[Facility]:
    """The shared facilities (CFC, sheds, a "sand reclamation plant", ...) a sentence names,
    each owned by the sentence's first cluster or, failing that, the document's; a plural
    ("CFCs", "common facility centres") belongs to each cluster of the sentence, or of the
    document's equally named clusters (`focal_group`). A facility named by its own words in a
    sentence naming no cluster belongs to "the cluster" it speaks of: in a document naming its
    clusters equally, the one the sentence before (`previous`) names alone, else the document's
    focal one."""
    named = s.of("Cluster")
    group = context.get("cluster_group") or []
    focal = [context["cluster_entity"]] if context.get("cluster_entity") else []
    out = []
    bodies = s.of("Agency", "Enterprise", "Scheme", "Cluster")
    for role, label, pos, plural in facility_mentions(s.clean):
        if role == "facility" and any(b.start < pos + len(label) and pos < b.end for b in bodies):
            continue  # a facility named by its words is no body's name ("Weavers Service Centre")
        owners = named or group or focal
        if role == "facility" and not named:
            # named by its words, in a sentence naming no cluster: the document's own cluster's
            # ("warehouses to be taken up by the cluster"), never each of a list-shaped
            # document's clusters (what "a CFC" of the scheme has is no cluster's facility)
            just = {c.id: c for c in previous.of("Cluster")} if previous is not None else {}
            if not group:
                owners = focal
            elif _ONE_CLUSTER.search(s.clean):
                # "The Coir Cluster at X ... The cluster will have ...": the one just named
                owners = list(just.values()) if len(just) == 1 else focal
            else:
                owners = []
        for c in owners if plural else owners[:1]:
            out.append(Facility(facility_id(c.id, label), f"{c.name} {label}", role, pos, c.id))
    return out


def focal_group(sentences: list[Sentence]) -> list[Entity]:
    """The clusters a document speaks of equally ("The seven clusters in the State are A, B
    and C ... The Board is the nodal agency for the cluster project"): when no cluster is named
    more often than the others, "the cluster" of a later sentence is each of them, not the
    first one listed. Empty when one cluster leads (it is the focal one)."""
    counts: dict[str, int] = {}
    first: dict[str, Entity] = {}
    for s in sentences:
        for c in s.of("Cluster"):
            counts[c.id] = counts.get(c.id, 0) + 1
            first.setdefault(c.id, c)
    if len(counts) < 2:
        return []
    top = max(counts.values())
    leaders = [first[c] for c, n in counts.items() if n == top]
    return leaders if len(leaders) > 1 else []
