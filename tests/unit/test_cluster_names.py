"""A cluster's name over "and" (ingest/extract.py `Extractor._joined_clusters`) and the place
of a cluster named with no place (ingest/relations.py), on sentences written for these tests."""

from __future__ import annotations

from ingest.extract import Extractor
from ingest.mentions import pattern_mentions
from ingest.relations import relations_of
from ingest.units import Entity, Sentence
from kb.linking import Mention


def _clusters(text: str, places: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    known = [
        Mention("District", p, text.index(p), text.index(p) + len(p), how="gazetteer")
        for p in places
    ]
    found = Extractor._joined_clusters(text, pattern_mentions(text), known)
    return [m.name for m in found if m.type == "Cluster"]


def test_a_name_over_and_is_one_cluster() -> None:
    assert _clusters("It works with the Bicycle Saddle and Spares Cluster now.") == [
        "Bicycle Saddle and Spares Cluster"
    ]


def test_an_and_after_a_place_or_a_cluster_joins_two_clusters_of_a_list() -> None:
    text = "the Lock Cluster at Aligarh and Brass Cluster at Moradabad"
    assert _clusters(text) == ["Lock Cluster", "Brass Cluster"]
    text = "Clusters: Lock Cluster and Brass Cluster"
    assert "Brass Cluster" in _clusters(text)
    assert "Lock Cluster and Brass Cluster" not in _clusters(text)
    text = "the Kalyani and Glass Cluster"  # a known place before the "and"
    assert _clusters(text, ["Kalyani"]) == ["Glass Cluster"]


def _located(sentences: list[Sentence], context: dict) -> list[tuple[str, str]]:
    return [
        (src, tgt)
        for _, src, rel, tgt, _, _ in relations_of(sentences, context)
        if rel == "LOCATED_IN"
    ]


def _entity(text: str, eid: str, kind: str, name: str) -> Entity:
    start = text.index(name)
    return Entity(eid, kind, name, start, start + len(name))


def test_a_cluster_with_no_place_is_in_the_one_district_of_its_sentence() -> None:
    text = "A CFC for the Lamp Cluster is coming up at Rampur village in Bankura."
    s = Sentence(0, text, text)
    s.entities = [
        _entity(text, "cluster:lamp-cluster", "Cluster", "Lamp Cluster"),
        _entity(text, "district:wb:bankura", "District", "Bankura"),
    ]
    context = {"district": "district:wb:purulia", "clear_state": "state:wb"}
    assert _located([s], context) == [("cluster:lamp-cluster", "district:wb:bankura")]
    # two districts in the sentence and nothing saying where the cluster is: the document's
    text2 = "The Lamp Cluster trains artisans from Bankura and Purulia."
    s2 = Sentence(0, text2, text2)
    s2.entities = [
        _entity(text2, "cluster:lamp-cluster", "Cluster", "Lamp Cluster"),
        _entity(text2, "district:wb:bankura", "District", "Bankura"),
        _entity(text2, "district:wb:purulia", "District", "Purulia"),
    ]
    assert _located([s2], context) == [("cluster:lamp-cluster", "district:wb:purulia")]
    # where it "is coming up" says it, whatever else the sentence names
    text3 = text + " Purulia and Nadia send artisans."
    s3 = Sentence(0, text3, text3)
    s3.entities = s.entities + [_entity(text3, "district:wb:purulia", "District", "Purulia")]
    assert _located([s3], context) == [("cluster:lamp-cluster", "district:wb:bankura")]


def _backed(sentences: list[Sentence]) -> set[tuple[str, str]]:
    return {
        (src, tgt)
        for _, src, rel, tgt, _, _ in relations_of(sentences, {"title": "Some page"})
        if rel == "SUPPORTED_BY"
    }


def _doc(*texts: tuple[str, list[tuple[str, str, str]]]) -> list[Sentence]:
    out = []
    for i, (text, entities) in enumerate(texts):
        s = Sentence(i, text, text)
        s.entities = [_entity(text, eid, kind, name) for eid, kind, name in entities]
        out.append(s)
    return out


def test_the_documents_one_scheme_said_of_cfcs_backs_its_clusters() -> None:
    sentences = _doc(
        ("The committee of the Toy Mission approved two CFCs.",
         [("scheme:toy-mission", "Scheme", "Toy Mission")]),
        ("One is for the Wooden Toy Cluster.",
         [("cluster:wooden-toy-cluster", "Cluster", "Wooden Toy Cluster")]),
    )  # fmt: skip
    assert _backed(sentences) == {("cluster:wooden-toy-cluster", "scheme:toy-mission")}


def test_a_scheme_named_in_passing_or_one_of_two_backs_no_cluster() -> None:
    in_passing = _doc(
        ("The minister praised the Toy Mission for jobs.",
         [("scheme:toy-mission", "Scheme", "Toy Mission")]),
        ("The Wooden Toy Cluster grew.",
         [("cluster:wooden-toy-cluster", "Cluster", "Wooden Toy Cluster")]),
    )  # fmt: skip
    assert _backed(in_passing) == set()
    two = _doc(
        ("The Toy Mission and the Craft Fund approved two CFCs.",
         [("scheme:toy-mission", "Scheme", "Toy Mission"),
          ("scheme:craft-fund", "Scheme", "Craft Fund")]),
        ("The Wooden Toy Cluster grew.",
         [("cluster:wooden-toy-cluster", "Cluster", "Wooden Toy Cluster")]),
    )  # fmt: skip
    assert _backed(two) == set()


def test_a_scheme_listed_among_bodies_doing_cluster_development_backs_no_cluster() -> None:
    sentences = _doc(
        ("Bodies doing cluster development here are NABARD and the Toy Mission.",
         [("scheme:toy-mission", "Scheme", "Toy Mission")]),
        ("The Wooden Toy Cluster grew.",
         [("cluster:wooden-toy-cluster", "Cluster", "Wooden Toy Cluster")]),
    )  # fmt: skip
    assert _backed(sentences) == set()


def test_a_body_implementing_with_no_object_implements_the_documents_clusters() -> None:
    first = ("The Lamp Cluster at Rampur was set up under the Lamp Mission.",
             [("cluster:lamp-cluster", "Cluster", "Lamp Cluster"),
              ("scheme:lamp-mission", "Scheme", "Lamp Mission")])  # fmt: skip
    body = [("agency:craft-board", "Agency", "Craft Board")]
    for text, expected in (
        ("The Craft Board has been implementing in the district.", True),
        ("The Craft Board has been implementing a survey in the district.", False),
        ("The Craft Board was praised in the district.", False),
    ):
        sentences = _doc(first, (text, body))
        focal = sentences[0].entities[0]
        rels = {
            (src, rel, tgt)
            for _, src, rel, tgt, _, _ in relations_of(
                sentences, {"title": "x", "cluster_entity": focal}
            )
        }
        found = ("agency:craft-board", "IMPLEMENTS", "cluster:lamp-cluster") in rels
        assert found is expected, text
        assert (("agency:craft-board", "IMPLEMENTS", "scheme:lamp-mission") in rels) is expected


def test_a_scheme_named_before_under_is_part_of_the_scheme_that_backs_the_cluster() -> None:
    sentences = _doc(
        ("Awareness on the LCP under the Lamp Mission was organised.",
         [("scheme:lcp", "Scheme", "LCP"), ("scheme:lamp-mission", "Scheme", "Lamp Mission")]),
        ("The Lamp Cluster has 40 units.",
         [("cluster:lamp-cluster", "Cluster", "Lamp Cluster")]),
    )  # fmt: skip
    focal = sentences[1].entities[0]
    rels = {
        (src, tgt)
        for _, src, rel, tgt, _, _ in relations_of(
            sentences, {"title": "x", "cluster_entity": focal}
        )
        if rel == "SUPPORTED_BY"
    }
    assert rels == {("cluster:lamp-cluster", "scheme:lamp-mission")}


def _relations(sentences: list[Sentence], focal: Entity) -> set[tuple[str, str, str]]:
    return {
        (src, rel, tgt)
        for _, src, rel, tgt, _, _ in relations_of(
            sentences, {"title": "x", "cluster_entity": focal}
        )
    }


def test_bodies_listed_after_institutions_like_are_the_clusters_partners() -> None:
    cluster = ("The Lamp Cluster is in Rampur.", [("cluster:lamp", "Cluster", "Lamp Cluster")])
    text = "The cluster will have institutions like Glass Institute and Kiln Board."
    bodies = [
        ("agency:glass", "Agency", "Glass Institute"),
        ("agency:kiln", "Agency", "Kiln Board"),
    ]
    sentences = _doc(cluster, (text, bodies))
    rels = _relations(sentences, sentences[0].entities[0])
    assert ("cluster:lamp", "SUPPORTED_BY", "agency:glass") in rels
    assert ("cluster:lamp", "SUPPORTED_BY", "agency:kiln") in rels
    # no cluster spoken of: a list of bodies is no cluster's partners
    text = "The state will have institutions like Glass Institute and Kiln Board."
    sentences = _doc(cluster, (text, bodies))
    rels = _relations(sentences, sentences[0].entities[0])
    assert not {r for r in rels if r[2] in ("agency:glass", "agency:kiln")}


def test_the_body_after_implementation_of_a_project_by_implements_the_cluster() -> None:
    cluster = ("The Lamp Cluster is in Rampur.", [("cluster:lamp", "Cluster", "Lamp Cluster")])
    text = "A camp was held for the implementation of Rampur CDP by Lamp Makers Society."
    body = [("agency:society", "Agency", "Lamp Makers Society")]
    sentences = _doc(cluster, (text, body))
    rels = _relations(sentences, sentences[0].entities[0])
    assert ("agency:society", "IMPLEMENTS", "cluster:lamp") in rels
    text = "A camp was held on the implementation of the scheme by Lamp Makers Society."
    sentences = _doc(cluster, (text, body))
    rels = _relations(sentences, sentences[0].entities[0])
    assert ("agency:society", "IMPLEMENTS", "cluster:lamp") not in rels


def test_a_ministry_in_lower_case_and_the_scheme_it_started_as_an_initiative() -> None:
    text = "The LMP, a flagship initiative of the ministry of Glassware, gives grants."
    names = [(m.type, m.name) for m in pattern_mentions(text)]
    assert ("Agency", "ministry of Glassware") in names
    assert not [(t, n) for t, n in pattern_mentions("He went to the office of the collector.")]
    entities = [
        ("scheme:lmp", "Scheme", "LMP"),
        ("agency:glass", "Agency", "ministry of Glassware"),
    ]
    sentences = _doc((text, entities))
    assert ("agency:glass", "ADMINISTERS", "scheme:lmp") in {
        (src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of(sentences, {"title": "x"})
    }


def test_the_cluster_after_a_sentence_naming_one_of_a_list_is_that_one() -> None:
    listed = ("The clusters are the Lamp Cluster and the Kiln Cluster.",
              [("cluster:lamp", "Cluster", "Lamp Cluster"),
               ("cluster:kiln", "Cluster", "Kiln Cluster")])  # fmt: skip
    one = ("The Kiln Cluster has 40 units.", [("cluster:kiln", "Cluster", "Kiln Cluster")])
    more = ("The Lamp Cluster has 30 units.", [("cluster:lamp", "Cluster", "Lamp Cluster")])
    role = ("Glass Board is the nodal agency for the cluster.",
            [("agency:glass", "Agency", "Glass Board")])  # fmt: skip
    sentences = _doc(listed, more, one, role)
    group = [sentences[0].entities[0], sentences[0].entities[1]]
    rels = {
        (src, tgt)
        for _, src, rel, tgt, _, _ in relations_of(
            sentences, {"title": "x", "cluster_group": group}
        )
        if rel == "IMPLEMENTS"
    }
    assert rels == {("agency:glass", "cluster:kiln")}
    # right after the list itself: each listed cluster, as before
    sentences = _doc(listed, role)
    rels = {
        (src, tgt)
        for _, src, rel, tgt, _, _ in relations_of(
            sentences, {"title": "x", "cluster_group": group}
        )
        if rel == "IMPLEMENTS"
    }
    assert rels == {("agency:glass", "cluster:kiln"), ("agency:glass", "cluster:lamp")}


def test_a_reports_kind_before_a_clusters_name_is_no_part_of_it() -> None:
    text = "Draft Detailed Project Report Sirsa Cotton Ginning Cluster Submitted to, the Board"
    assert _clusters(text) == ["Sirsa Cotton Ginning Cluster"]
    assert _clusters("Final DPR Sirsa Cotton Cluster, Haryana") == ["Sirsa Cotton Cluster"]
    # "Project" opens a name when no "Report" follows it
    assert _clusters("The Project Mango Cluster at Sirsa grew.") == ["Project Mango Cluster"]


def test_a_special_purpose_vehicle_stands_for_its_cluster() -> None:
    from ingest.extract import spv_cluster

    text = "At Kotra, the Kotra Beekeepers Cooperative Society, a special purpose vehicle (SPV), began."
    body = Mention("Enterprise", "Kotra Beekeepers Cooperative Society", 11, 47, "cooperative")
    name, start, end = spv_cluster(text, [body]) or ("", 0, 0)
    assert name == "Kotra Beekeepers Cluster"
    assert text[start:end] == "special purpose vehicle"
    # no SPV, or a body of no known kind, or a known body: no cluster
    assert spv_cluster("At Kotra, the Kotra Beekeepers Cooperative Society began.", [body]) is None
    known = Mention("Agency", "Khadi Board", 0, 11, how="gazetteer")
    assert spv_cluster("Khadi Board, the SPV, began.", [known]) is None


def test_a_producers_own_body_stands_for_its_cluster() -> None:
    from ingest.extract import collective_cluster

    def body(name: str, how: str = "pattern") -> Mention:
        return Mention("Enterprise", name, 0, len(name), how=how)

    weavers = body("Kotra Weavers Cooperative Society")
    assert collective_cluster([weavers]) == ("Kotra Weavers Cluster", weavers)
    federation = body("Sona Handloom Weavers Producers Federation")
    assert collective_cluster([federation]) == ("Sona Handloom Weavers Cluster", federation)
    # a society naming no craft workers (a farmers' company is a business), a trust, a known
    # body: no cluster
    assert collective_cluster([body("Sona Vaazhvu District Society")]) is None
    assert collective_cluster([body("Sona Agri Producers Company Limited")]) is None
    assert collective_cluster([body("Kotra Weavers Trust")]) is None
    assert collective_cluster([body("Kotra Weavers Cooperative Society", "gazetteer")]) is None
    # the first body that is one, in the order found
    found = [body("Sona Vaazhvu District Society"), body("Kotra Potters Samiti")]
    assert collective_cluster(found) == ("Kotra Potters Cluster", found[1])


def test_cluster_as_a_level_of_work_ends_no_name() -> None:
    text = "Interactive Design Study Cluster Level Report Kotra Bangle Cluster MSME"
    assert _clusters(text) == ["Kotra Bangle Cluster"]
    assert _clusters("The Jaipur Cluster Level Office and the Kotra Cluster-level meeting") == []
