"""Which clusters own the facilities a sentence names (ingest/units.py), on sentences written
for these tests with the clusters placed by hand."""

from __future__ import annotations

from ingest.units import Entity, Sentence, facilities, focal_group


def _sentence(index: int, text: str, clusters: list[str]) -> Sentence:
    s = Sentence(index, text, text)
    for name in clusters:
        start = text.index(name)
        s.entities.append(
            Entity(f"cluster:{name.lower()}", "Cluster", name, start, start + len(name))
        )
    return s


def _owners(s: Sentence, context: dict) -> list[str]:
    return [f.cluster for f in facilities(s, context)]


def test_a_plural_facility_belongs_to_each_cluster_of_the_sentence_a_singular_to_the_first() -> (
    None
):
    text = "CFCs came up in the Brass Cluster and the Pottery Cluster."
    s = _sentence(0, text, ["Brass Cluster", "Pottery Cluster"])
    assert _owners(s, {}) == ["cluster:brass cluster", "cluster:pottery cluster"]
    s = _sentence(0, "A CFC came up in the Brass Cluster and the Pottery Cluster.",
                  ["Brass Cluster", "Pottery Cluster"])  # fmt: skip
    assert _owners(s, {}) == ["cluster:brass cluster"]


def test_clusters_named_equally_share_a_plural_facility_of_a_sentence_naming_none() -> None:
    listed = _sentence(0, "The clusters are the Brass Cluster and the Pottery Cluster.",
                       ["Brass Cluster", "Pottery Cluster"])  # fmt: skip
    group = focal_group([listed])
    assert [c.name for c in group] == ["Brass Cluster", "Pottery Cluster"]
    later = _sentence(1, "Common facility centres have been established.", [])
    context = {"cluster_group": group, "cluster_entity": group[0]}
    assert _owners(later, context) == ["cluster:brass cluster", "cluster:pottery cluster"]
    once_more = _sentence(1, "The Brass Cluster exports.", ["Brass Cluster"])
    assert focal_group([listed, once_more]) == []  # one cluster leads: it is the focal one


def _phrases(text: str) -> list[str]:
    from ingest.mentions import facility_phrases

    return [name for name, _, _ in facility_phrases(text)]


def test_facilities_listed_after_facilities_like_each_named_by_its_words() -> None:
    text = (
        "The Ratan cluster opened common facilities like a glass cutting unit, a kiln (GK), "
        "an annealing furnace house and a colour testing lab."
    )
    # each item of two words or more ("kiln" alone is left out), its acronym dropped
    assert _phrases(text) == ["glass cutting unit", "annealing furnace house", "colour testing lab"]
    text = "It will run with shared facilities such as a bead polishing plant – the first in the State – by May."
    assert _phrases(text) == ["bead polishing plant"]


def test_facilities_built_named_by_the_object_or_the_subject_of_building() -> None:
    text = "Work includes construction of the CFC and two glaze mixing plants, now complete."
    assert _phrases(text) == ["glaze mixing plants"]
    text = "The plan includes setting up of godowns for raw hides and cold storage and packing facilities for finished goods."
    assert _phrases(text) == [
        "godowns for raw hides",
        "cold storage and packing facilities for finished goods",
    ]
    text = "Four new tannery complexes are being established near the town."
    assert _phrases(text) == ["new tannery complexes"]
    text = "The society proposed establishment of an effluent treatment plant at Ranipet with the Board."
    assert _phrases(text) == ["effluent treatment plant at Ranipet"]


def test_generic_or_unbuilt_facilities_are_not_facilities() -> None:
    # the cue's clause ends at a relative clause: a business's own plant is no shared facility
    text = "It will create jobs at Orion Toys, which makes toys at its Kota facility."
    assert _phrases(text) == []
    assert _phrases("The aim of setting up the cluster is capacity building.") == []
    assert _phrases("Funds go to the setting up of institutional facilities.") == []
    assert _phrases("With the setting up of various common facilities, units grew.") == []
    assert _phrases("The weavers built their own houses.") == []
    assert _phrases("The effluent treatment plant is old.") == []  # no building said


def test_a_facility_named_by_its_words_is_no_body_and_belongs_to_the_cluster_spoken_of() -> None:
    s = _sentence(0, "The Ministry established the Weavers Service Centre at Salem.", [])
    s.entities.append(Entity("agency:wsc", "Agency", "Weavers Service Centre", 29, 51))
    focal = Entity("cluster:salem handloom", "Cluster", "Salem Handloom Cluster", 0, 0)
    other = Entity("cluster:erode handloom", "Cluster", "Erode Handloom Cluster", 0, 0)
    context = {"cluster_entity": focal, "cluster_group": [focal, other]}
    assert facilities(s, context) == []
    s = _sentence(
        0, "Work taken up by the cluster includes setting up of a dye house for yarn.", []
    )
    assert [(f.cluster, f.name) for f in facilities(s, context)] == [
        ("cluster:salem handloom", "Salem Handloom Cluster dye house for yarn")
    ]
    # what the scheme's CFCs have, in a document listing clusters, is no cluster's facility
    s = _sentence(0, "Each CFC will have testing labs and a packaging centre.", [])
    assert [f.name for f in facilities(s, context) if f.role == "facility"] == []


def test_the_cluster_of_a_list_is_the_one_the_sentence_before_named_alone() -> None:
    brass = Entity("cluster:brass", "Cluster", "Brass Cluster", 0, 0)
    lamp = Entity("cluster:lamp", "Cluster", "Lamp Cluster", 0, 0)
    context = {"cluster_entity": brass, "cluster_group": [brass, lamp]}
    before = _sentence(0, "The Lamp Cluster at Kota has 40 units.", ["Lamp Cluster"])
    s = _sentence(1, "The cluster will have a wick spinning centre.", [])
    assert [f.name for f in facilities(s, context, before)] == ["Lamp Cluster wick spinning centre"]
    # no cluster named alone before: the document's focal one
    assert [f.name for f in facilities(s, context)] == ["Brass Cluster wick spinning centre"]
