"""A scheme a document names by its shape once is the same scheme where the document writes
its name again, and the document's main scheme backs the work done under it (ingest/extract.py
`_schemes_named_again`, ingest/relations.py `main_scheme`); on a document written for these
tests."""

from __future__ import annotations

from ingest.documents import LoadedDocument
from ingest.extract import Extractor, to_facts
from kb.resolve import Resolver
from kb.store.base import Node

PLACES = [
    Node("state:rajasthan", "State", "Rajasthan"),
    Node("state:odisha", "State", "Odisha"),
    Node("district:rajasthan:jodhpur", "District", "Jodhpur", attrs={"state": "Rajasthan"}),
    Node("district:odisha:sambalpur", "District", "Sambalpur", attrs={"state": "Odisha"}),
]


def _facts(
    sentences: list[str], nodes: list[Node] | None = None
) -> tuple[list[list[str]], set[tuple[str, str, str]]]:
    ex = Extractor(nodes or [], Resolver.from_nodes(nodes or []))
    doc = LoadedDocument("doc:test", "Millet cluster of Kalapur", "test.txt", "0", sentences)
    read, context = ex.read(doc)
    facts = to_facts(doc, read, context, source=doc.id)
    names = {n.id: n.name for n in facts.nodes.values()}
    edges = {(names.get(e.source, e.source), e.relation, names.get(e.target, e.target))
             for e in facts.edges.values()}  # fmt: skip
    return [[e.name for e in s.of("Scheme")] for s in read], edges


SENTENCES = [
    "The incubator identified a millet cluster in Kalapur and formed a farmers' group there.",
    "With support of the Agricultural College, machinery was erected under KRISHI scheme.",
    "The same model shall be replicated with KRISHI scheme in three more villages.",
    "A Rural Mart scheme was also suggested for the group's outlet.",
]


def test_a_scheme_named_once_by_its_shape_is_found_where_it_is_named_again() -> None:
    schemes, _ = _facts(SENTENCES)
    assert schemes == [[], ["KRISHI scheme"], ["KRISHI scheme"], ["Rural Mart scheme"]]


def test_the_main_scheme_backs_the_cluster_its_work_is_done_under() -> None:
    _, edges = _facts(SENTENCES)
    backed = {(c, s) for c, r, s in edges if r == "SUPPORTED_BY" and s.endswith("scheme")}
    assert backed == {("Kalapur Millet Cluster", "KRISHI scheme")}
    # another scheme leads the document: the one the work is done under backs nothing
    _, edges = _facts([*SENTENCES[:2], SENTENCES[3], "The Rural Mart scheme runs in the state."])
    assert not {(c, s) for c, r, s in edges if r == "SUPPORTED_BY" and s.endswith("scheme")}


def test_a_package_or_a_project_that_work_is_set_up_under_is_a_scheme() -> None:
    from ingest.mentions import pattern_mentions

    def schemes(text: str) -> list[str]:
        return [m.name for m in pattern_mentions(text) if m.type == "Scheme"]

    assert schemes("Two units in Kalapur division under the Vanadhan Package.") == [
        "Vanadhan Package"
    ]
    assert schemes("The centre has been set up under the Kalapur Rural Growth Project.") == [
        "Kalapur Rural Growth Project"
    ]
    # a package of something else, and a body work is set up under, are no scheme
    assert schemes("A Transfer of Technology Package reached the potters.") == []
    assert schemes("The unit was set up under the Kalapur Development Authority.") == []


def test_an_event_programme_is_no_scheme_and_a_scheme_under_another_backs_with_it() -> None:
    from ingest.mentions import pattern_mentions

    text = "An Awareness Programme on the Kalapur Cluster Development Programme was held."
    assert [m.name for m in pattern_mentions(text) if m.type == "Scheme"] == [
        "Kalapur Cluster Development Programme"
    ]
    _, edges = _facts(
        [
            "The Kalapur Weaving Cluster in Kalapur district is run by the Weavers' Society.",
            "It is a Kalapur Cluster Development Programme (KCDP) under the Gramodaya Loom "
            "Programme (GLP) of the Union government.",
            "Funds are released under the Kalapur Cluster Development Programme.",
        ]
    )
    backed = {s for c, r, s in edges if r == "SUPPORTED_BY" and c == "Kalapur Weaving Cluster"}
    assert "Gramodaya Loom Programme" in backed


def test_a_scheme_said_of_clusters_backs_those_the_next_sentence_lists() -> None:
    _, edges = _facts(
        [
            "The bank runs a Cluster Growth Fund for state governments across India.",
            "The fund is managed by the bank's own cluster office in Mumbai.",
            "It has also launched the Service Support programme in two clusters.",
            "The two clusters included the Jodhpur furniture cluster and the Sambalpur textile "
            "cluster.",
        ],
        PLACES,
    )
    backed = {(c, s) for c, r, s in edges if r == "SUPPORTED_BY"}
    assert backed == {
        ("Jodhpur Furniture Cluster", "Service Support programme"),
        ("Sambalpur Textile Cluster", "Service Support programme"),
    }


def test_the_one_scheme_named_beside_a_cluster_backs_the_documents_clusters() -> None:
    """A sentence naming a cluster speaks of clusters, whatever else the scheme's sentence
    masks: the document's one scheme, named there, backs each of its clusters."""
    sentences = [
        'The Jodhpur Brass Cluster was dropped from the "compete with Kalapur" scheme.',
        "Work on the Sambalpur Millet Cluster goes on.",
    ]
    _, edges = _facts(sentences, PLACES)
    backed = {c for c, r, s in edges if r == "SUPPORTED_BY" and s == "Compete with Kalapur Scheme"}
    assert "Sambalpur Millet Cluster" in backed


def test_one_district_one_product_backs_the_district_products_its_document_lists() -> None:
    """A document led by One District One Product lists each district's product ("jaggery in
    Jodhpur district, ..."): each is a cluster (ingest/clusters.py `in_items`), and the scheme,
    though no sentence naming it speaks of clusters, backs them all."""
    sentences = [
        "The Centre has approved the state's One District One Product scheme for all districts.",
        "Branding of jaggery in Jodhpur district, silk in Sambalpur, millets in Kalahandi and "
        "honey in Koraput would be done.",
    ]
    places = [
        *PLACES,
        Node("district:odisha:kalahandi", "District", "Kalahandi", attrs={"state": "Odisha"}),
        Node("district:odisha:koraput", "District", "Koraput", attrs={"state": "Odisha"}),
    ]
    _, edges = _facts(sentences, places)
    backed = {c for c, r, s in edges if r == "SUPPORTED_BY" and s == "One District One Product"}
    assert {"Jodhpur Jaggery Cluster", "Sambalpur Silk Cluster"} <= backed
