"""The product a document writes most (ingest.clusters.salient_product), for a document whose
cluster words and headline name none."""

from ingest.clusters import salient_product


def test_the_product_word_written_most_leads() -> None:
    texts = [
        "Weavers of the town work at home.",
        "The handloom societies sell bedsheets; handloom cloth is their living.",
        "Most handlooms here are pit looms.",
    ]
    assert salient_product(texts) == "handloom"


def test_two_words_always_written_together_lead_together() -> None:
    texts = ["The bell metal craft is old.", "Bell metal lamps and bell metal vessels sell well."]
    assert salient_product(texts) == "bell metal"


def test_a_name_written_only_in_capitals_is_no_product_and_a_tie_is_none() -> None:
    # "Kondapalli" is a word of the ODOP product "Kondapalli Toys", but here only a name
    assert salient_product(["Kondapalli toys are famous.", "Kondapalli toy makers met."]) == "toy"
    assert salient_product(["Brass and leather.", "brass goods and leather goods"]) is None
    assert salient_product(["The weavers met once."]) is None
