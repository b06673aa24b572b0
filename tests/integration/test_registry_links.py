"""Registry rows in the built KB: one node per real cluster, and ODOP CFC links only where the
row names no other product (ingest/registry.py, ingest/pipeline.py, kb/identity.py)."""

from clusterkb.service import KnowledgeBase
from kb.resolve import normalize


def test_a_registry_row_and_a_document_naming_it_are_one_node(built_kb: KnowledgeBase) -> None:
    store = built_kb.store
    jute = [n for n in store.nodes("Cluster") if "gulamari" in n.name.lower()]
    assert len(jute) == 1, [n.id for n in jute]  # "Bagulamari" (registry) = "Bogulamari" (doc)
    node = jute[0]
    sources = {p.source for p in node.provenance}
    assert "data/clusters/clusters.csv" in sources
    assert any(s.startswith("doc:") for s in sources)
    assert "Bogulamari Jute Cluster" in node.aliases
    # the document's facts moved with it: the SGSY mention, and its documents
    assert {nb.node.type for nb in store.neighbors(node.id, "MENTIONED_IN")} == {"Document"}


def test_two_clusters_of_one_product_in_two_districts_stay_two(built_kb: KnowledgeBase) -> None:
    store = built_kb.store
    clay = [n for n in store.nodes("Cluster") if n.name.endswith("Mati Kala (clay artisans) CFC")]
    assert len(clay) == 5  # Barabanki, Firozabad, Kannauj, Pilibhit, Rampur


def test_odop_link_is_inferred_only_when_the_row_names_no_other_product(
    built_kb: KnowledgeBase,
) -> None:
    store = built_kb.store
    clay = store.get_node("cluster:firozabad-mati-kala-clay-artisans-cfc")
    assert clay is not None  # clay ware in Firozabad, whose ODOP product is glass
    assert not any("glass" in nb.node.name.lower() for nb in store.neighbors(clay.id, "PRODUCES"))
    mau = store.get_node("cluster:mau-odop-common-facility-centre")
    assert mau is not None  # "ODOP Common Facility Centre", no product: serves Mau's
    made = store.neighbors(mau.id, "PRODUCES")
    assert made and all(nb.edge.attrs.get("inferred") for nb in made)
    assert "inferred" in mau.attrs["product_inferred"]


def test_no_registry_cluster_answers_to_another_ones_name(built_kb: KnowledgeBase) -> None:
    """Two towns' clusters of one district and product ("Siddipet", "Dubbak in Siddipet"):
    neither bears the other's name, nor a district-qualified name both would share."""
    rows = [n for n in built_kb.store.nodes("Cluster") if n.attrs.get("registry")]
    bearers: dict[str, set[str]] = {}
    for n in rows:
        for name in {normalize(x) for x in (n.name, *n.aliases)}:
            bearers.setdefault(name, set()).add(n.id)
    shared = {name: ids for name, ids in bearers.items() if len(ids) > 1}
    assert not shared, sorted(shared.items())[:5]
    dubbak = built_kb.store.get_node("cluster:siddipet:dubbak-handloom-cluster")
    assert dubbak is not None and "Siddipet Handloom Cluster" not in dubbak.aliases
