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
