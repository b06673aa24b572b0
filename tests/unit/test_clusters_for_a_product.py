"""A kind of cluster whose product follows it ("a mega cluster for leather footwear at X", "a
cluster catering to the aerospace ecosystem in X") is a specific cluster of that product at
that place (ingest/clusters.py `_made_after`); a kind of cluster with no product word after it
stays no cluster. Sentences written for this test, a hand-made gazetteer."""

from __future__ import annotations

from tests.unit.places_stub import described, place_kinds

place_kind = place_kinds({"Vellore", "Krishnagiri"}, {"Tamil Nadu"})


def test_a_kind_of_cluster_takes_the_product_and_place_written_after_it() -> None:
    text = "The State will set up a mega cluster for leather footwear at Vellore."
    assert described(text, place_kind) == [("leather footwear", "Vellore", "district:vellore")]
    text = (
        "The government plans a Rs 80-crore mega cluster for small units catering to the "
        "aerospace and defence ecosystem in Denkanikottai, officials said."
    )
    assert described(text, place_kind) == [("aerospace and defence", "Denkanikottai", None)]


def test_a_kind_of_cluster_with_no_product_after_it_is_none() -> None:
    assert described("A mega cluster for weavers will come up in Vellore.", place_kind) == []
    assert described("The mega cluster for MSMEs in Krishnagiri will get a CFC.", place_kind) == []
    # a clause ends the search: the product word after it is another thing's
    text = "A mega cluster for the State's units is planned; leather exports rose in Vellore."
    assert described(text, place_kind) == []
