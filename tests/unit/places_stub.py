"""A hand-made gazetteer for the unit tests of ingest/clusters.py (the place kinds its readers
ask for: a district, a state, or a one-word town) and the described clusters they compare."""

from __future__ import annotations

from collections.abc import Callable, Collection

from ingest.clusters import described_clusters, listed_clusters
from kb import nlp

PlaceKind = Callable[[str], "tuple[str, str | None] | None"]


def place_kinds(
    districts: Collection[str], states: Collection[str] = (), numbered_towns: bool = False
) -> PlaceKind:
    """District and state names as given; any other one-word title-cased name is a town (with
    `numbered_towns`, also "Murarai-I", "Rampurhat-II")."""

    def place_kind(surface: str) -> tuple[str, str | None] | None:
        if surface in districts:
            return "district", f"district:{surface.lower()}"
        if surface in states:
            return "state", f"state:{surface.lower().replace(' ', '-')}"
        head, numeral = surface, ""
        if numbered_towns:
            head, _, numeral = surface.partition("-")
        if head.istitle() and " " not in head and numeral in ("", "I", "II", "III"):
            return "town", None
        return None

    return place_kind


def described(text: str, place_kind: PlaceKind) -> list[tuple[str, str, str | None]]:
    """(product, place, place id) of each cluster the text describes."""
    return [
        (d.product, d.place, d.place_id)
        for d in described_clusters(text, place_kind, nlp.parse(text))
    ]


def listed(text: str, place_kind: PlaceKind) -> list[tuple[str, str, str | None]]:
    """(place, its kind, its district or state id) of each place listed after a plural
    cluster word with no product."""
    return [
        (d.place, d.place_kind, d.place_id)
        for d in listed_clusters(text, place_kind, nlp.parse(text))
    ]
