"""Buyers named after what a cluster's units supply ("supplying X to such companies as A, B
and C"): the listed names are businesses (ingest/mentions.py `pattern_mentions`) and buy from
the cluster (ingest/relations.py), on sentences written for these tests."""

from __future__ import annotations

from ingest.mentions import pattern_mentions
from ingest.relations import relations_of
from ingest.units import Entity, Sentence


def _sentence(text: str, clusters: list[str], businesses: list[str]) -> Sentence:
    s = Sentence(0, text, text)
    for type_, names in (("Cluster", clusters), ("Enterprise", businesses)):
        for name in names:
            start = text.index(name)
            prefix = type_.lower()
            s.entities.append(Entity(f"{prefix}:{name}", type_, name, start, start + len(name)))
    return s


def _links(s: Sentence) -> set[tuple[str, str, str]]:
    return {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([s], {"title": "x"})
            if rel in ("BUYS_FROM", "SUPPLIES")}  # fmt: skip


def test_names_after_such_companies_as_are_businesses() -> None:
    text = "Its units make valves for such companies as Orion Motors, Vela Pumps and Kestrel, among others."
    found = {(m.type, m.name) for m in pattern_mentions(text) if m.how == "list"}
    assert found == {
        ("Enterprise", "Orion Motors"),
        ("Enterprise", "Vela Pumps"),
        ("Enterprise", "Kestrel"),
    }
    # "such ... as" without a kind of business lists nothing
    assert not [
        m for m in pattern_mentions("It makes such goods as Orion Lamps.") if m.how == "list"
    ]


def test_businesses_a_cluster_supplies_to_buy_from_it() -> None:
    s = _sentence(
        "Units of the Ratan Brass Cluster supply lamps to firms like Orion Motors and Vela Pumps.",
        ["Ratan Brass Cluster"],
        ["Orion Motors", "Vela Pumps"],
    )
    assert _links(s) == {
        ("enterprise:Orion Motors", "BUYS_FROM", "cluster:Ratan Brass Cluster"),
        ("enterprise:Vela Pumps", "BUYS_FROM", "cluster:Ratan Brass Cluster"),
    }


def test_a_business_supplying_the_cluster_is_its_supplier_not_a_buyer() -> None:
    s = _sentence(
        "Orion Metals supplies brass sheets to the Ratan Brass Cluster.",
        ["Ratan Brass Cluster"],
        ["Orion Metals"],
    )
    assert _links(s) == {("enterprise:Orion Metals", "SUPPLIES", "cluster:Ratan Brass Cluster")}


def test_a_cluster_or_its_acronym_is_no_business() -> None:
    from ingest.extract import not_clusters
    from kb.linking import Mention

    orgs = [
        Mention("Enterprise", "RBC", 0, 3, "company"),
        Mention("Enterprise", "Ratan Brass Cluster", 10, 29, "company"),
        Mention("Enterprise", "Orion Motors", 40, 52, "company"),
    ]
    kept = not_clusters(orgs, [("RBC", "Ratan Brass Cluster"), ("OM", "Orion Motors")])
    assert [m.name for m in kept] == ["Orion Motors"]
    # an acronym of a business stays one
    assert [m.name for m in not_clusters(orgs[:1], [("RBC", "Ratan Brass Company")])] == ["RBC"]
    # a place the NER took for an organisation is none
    places = {"Kota"}
    kota = [Mention("Enterprise", "Kota", 0, 4, "company"), orgs[2]]
    assert [m.name for m in not_clusters(kota, [], lambda w: w in places)] == ["Orion Motors"]


def test_makers_listed_after_a_dash_are_businesses_and_anchor_the_cluster_they_set_up_in() -> None:
    text = "Two large toy manufacturers - Orvika and Tessel Play have agreed to establish their units in the cluster."
    found = {(m.type, m.name) for m in pattern_mentions(text) if m.how == "list"}
    assert found == {("Enterprise", "Orvika"), ("Enterprise", "Tessel Play")}
    s = _sentence(text, ["cluster"], ["Orvika", "Tessel Play"])
    anchors = {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([s], {"title": "x"})
               if rel == "ANCHORS"}  # fmt: skip
    assert anchors == {
        ("enterprise:Orvika", "ANCHORS", "cluster:cluster"),
        ("enterprise:Tessel Play", "ANCHORS", "cluster:cluster"),
    }
