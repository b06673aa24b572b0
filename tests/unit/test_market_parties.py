"""Who may be a buyer or a supplier: the statistical NER's organisations in a buying or
supplying sentence are parties only when they can be (ingest/mentions.py `may_be_party`,
ingest/extract.py `not_clusters`), an acronym the document uses for a body it names in full is
that body (`initial_acronyms`), and a body named in an Indian language is a body; on sentences
written for these tests."""

from __future__ import annotations

from ingest.extract import initial_acronyms, initials, not_clusters
from ingest.mentions import may_be_party, pattern_mentions
from kb.linking import Mention


def _party(sentence: str, name: str) -> bool:
    return may_be_party(sentence, name, sentence.index(name))


def test_a_business_named_as_buyer_or_seller_is_a_party() -> None:
    assert _party("Orion Mills buys the yarn from Vela Spinners.", "Orion Mills")
    assert _party("Orion Mills buys the yarn from Vela Spinners.", "Vela Spinners")
    assert _party("Sales went through Handloom House last year.", "Handloom House")


def test_a_fund_an_amount_or_a_place_is_no_party() -> None:
    text = "The society procures raw wool from herders (through Rolling Capital Funds)."
    assert not _party(text, "Capital Funds")
    text = "Dhubri saw investment proposals of Rs 71 crore while Barpeta Rs 79 crore."
    assert not _party(text, "Barpeta Rs")
    text = "The units process the wool at the KWSC by paying charges."
    assert not _party(text, "KWSC")
    text = "A shed for buyers will come up at Kalapur next year."
    assert not _party(text, "Kalapur")
    assert not _party("Investors will come in through a PPP model.", "PPP")


def test_a_name_running_on_into_a_cluster_is_no_party() -> None:
    text = "New units to bring investment (Salem Valve, Pump and Casting Cluster)."
    assert not _party(text, "Salem Valve")


def test_a_product_word_or_a_named_bodys_acronym_is_no_business() -> None:
    orgs = [
        Mention("Enterprise", "Tussar", 0, 6, "company"),
        Mention("Enterprise", "RKS", 10, 13, "company"),
        Mention("Enterprise", "Orion Motors", 20, 32, "company"),
    ]
    bodies = frozenset({"rural kala sanstha"})
    kept = not_clusters(orgs, [("RKS", "Rural Kala Sanstha")], bodies=bodies)
    assert [m.name for m in kept] == ["Orion Motors"]
    # an acronym for a name the document does not give stays a business
    assert [m.name for m in not_clusters(orgs[1:2], [])] == ["RKS"]


def test_an_undefined_acronym_is_the_body_whose_initials_it_is() -> None:
    assert initials("Rural Kala Sanstha") == "RKS"
    assert initials("Society for the Welfare of Weavers") == "SWW"
    texts = ["Rural Kala Sanstha runs the centre.", "RKS buys raw wool from the herders."]
    raw = [[Mention("Agency", "Rural Kala Sanstha", 0, 18, "organisation", how="pattern")], []]
    assert initial_acronyms(texts, raw, []) == [("RKS", "Rural Kala Sanstha")]
    # a definition in brackets keeps its reading; two bodies with the same initials, none
    assert initial_acronyms(texts, raw, [("RKS", "Rajya Khadi Sangh")]) == []
    # an acronym the gazetteer knows keeps its own reading
    assert initial_acronyms(texts, raw, [], lambda a: a == "RKS") == []
    raw[1] = [Mention("Agency", "Rajya Khadi Society", 0, 19, "organisation", how="pattern")]
    assert initial_acronyms(texts, raw, []) == []


def test_a_body_named_in_an_indian_language_is_a_body() -> None:
    found = {(m.type, m.name) for m in pattern_mentions("Kalapur Bunkar Vikas Samiti was formed.")}
    assert ("Agency", "Kalapur Bunkar Vikas Samiti") in found
    text = "The centre is run by Gramin Seva Sanstha, an NGO."
    assert ("Agency", "Gramin Seva Sanstha") in {(m.type, m.name) for m in pattern_mentions(text)}
    # a mandal is a unit of land, not a body
    assert not [m for m in pattern_mentions("It lies in Kalapur Mandal.") if m.type == "Agency"]


def test_a_club_or_a_forum_is_a_body() -> None:
    text = "Rajan Pillai, chairman of Kerala Print Trade Forum, spoke."
    assert ("Agency", "Kerala Print Trade Forum") in {
        (m.type, m.name) for m in pattern_mentions(text)
    }
    text = "The Lamp Makers Club claims to be the brain behind the cluster."
    assert ("Agency", "Lamp Makers Club") in {(m.type, m.name) for m in pattern_mentions(text)}


def test_businesses_the_units_sell_to_buy_from_the_cluster() -> None:
    from ingest.relations import relations_of
    from ingest.units import Entity, Sentence

    text = "Units of the Ratan Brass Cluster sell lamps and bells to Orion Stores."
    s = Sentence(0, text, text)
    for type_, name in (("Cluster", "Ratan Brass Cluster"), ("Enterprise", "Orion Stores")):
        start = text.index(name)
        s.entities.append(Entity(f"{type_.lower()}:{name}", type_, name, start, start + len(name)))
    links = {(src, rel, tgt) for _, src, rel, tgt, _, _ in relations_of([s], {"title": "x"})}
    assert ("enterprise:Orion Stores", "BUYS_FROM", "cluster:Ratan Brass Cluster") in links
