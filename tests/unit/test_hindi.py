"""Hindi sentences read into mentions (ingest/hindi.py): places by the sound of their names,
English letters spelled in Devanagari, products and cluster words from kb/hindi.csv, and the
clusters they make; on sentences written for these tests and a hand-made place index."""

from __future__ import annotations

import pytest

from ingest.documents import split_sentences
from ingest.hindi import HindiReader, latin_skeleton, letters, skeleton

INDEX = {
    "patna": [("district:bihar:patna", "District", "Patna")],
    "patan": [("district:gujarat:patan", "District", "Patan")],
    "darbhanga": [("district:bihar:darbhanga", "District", "Darbhanga")],
    "saharsa": [("district:bihar:saharsa", "District", "Saharsa")],
    "katihar": [("district:bihar:katihar", "District", "Katihar")],
    "jalna": [("district:maharashtra:jalna", "District", "Jalna")],
    "west champaran": [("district:bihar:west-champaran", "District", "West Champaran")],
    "bihar": [("state:bihar", "State", "Bihar")],
    "cfc": [("agency:cfc-board", "Agency", "CFC Board")],
}


@pytest.fixture(scope="module")
def reader() -> HindiReader:
    return HindiReader(INDEX)


def clusters(reader: HindiReader, sentence: str) -> list[tuple[str, list[str]]]:
    return [(m.name, m.ids) for m in reader.mentions(sentence) if m.type == "Cluster"]


@pytest.mark.parametrize(
    ("hindi", "latin"),
    [("दरभंगा", "Darbhanga"), ("मुजफ्फरपुर", "Muzaffarpur"), ("संबलपुर", "Sambalpur"),
     ("फ़िरोज़ाबाद", "Firozabad"), ("कटिहार", "Katihar")],
)  # fmt: skip
def test_a_place_sounds_the_same_in_both_scripts(hindi: str, latin: str) -> None:
    assert skeleton(hindi) == latin_skeleton(latin)


def test_different_names_sound_different() -> None:
    assert skeleton("दरभंगा") != latin_skeleton("Dhanbad")
    assert skeleton("पटना") != latin_skeleton("Panna")


def test_english_letters_spelled_in_devanagari() -> None:
    assert letters("सीएफसी") == "CFC"
    assert letters("एमएसएमई") == "MSME"
    assert letters("के") is None  # "of", not the letter K
    assert letters("मखाना") is None


def test_places_listed_before_one_cluster_word_each_get_a_cluster(reader: HindiReader) -> None:
    text = "सरकार दरभंगा, सहरसा और कटिहार में मखाना क्लस्टर बनाएगी।"
    assert clusters(reader, text) == [
        ("Darbhanga Makhana Cluster", ["district:bihar:darbhanga"]),
        ("Saharsa Makhana Cluster", ["district:bihar:saharsa"]),
        ("Katihar Makhana Cluster", ["district:bihar:katihar"]),
    ]


def test_the_nearest_spelling_wins_between_names_of_one_sound(reader: HindiReader) -> None:
    text = "पटना जिले में एलईडी बल्ब क्लस्टर शुरू हुआ।"
    assert clusters(reader, text) == [("Patna LED Bulb Cluster", ["district:bihar:patna"])]


def test_a_place_right_after_the_cluster_word(reader: HindiReader) -> None:
    text = "नए केंद्रों में स्टील फर्नीचर क्लस्टर कटिहार और लेदर क्लस्टर सहरसा हैं।"
    assert clusters(reader, text) == [
        ("Katihar Steel Furniture Cluster", ["district:bihar:katihar"]),
        ("Saharsa Leather Cluster", ["district:bihar:saharsa"]),
    ]


def test_a_direction_word_is_translated(reader: HindiReader) -> None:
    text = "पश्चिम चंपारण में बांस क्लस्टर बनेगा।"
    assert clusters(reader, text) == [
        ("West Champaran Bamboo Cluster", ["district:bihar:west-champaran"])
    ]


def test_no_cluster_without_a_product_or_a_place(reader: HindiReader) -> None:
    assert clusters(reader, "राज्य में 17 क्लस्टर बनेंगे।") == []
    assert clusters(reader, "मखाना क्लस्टर से किसानों को लाभ होगा।") == []


def test_a_common_word_is_no_place(reader: HindiReader) -> None:
    # "जिलों" (districts) sounds like "Jalna"
    places = [m for m in reader.mentions("तीन जिलों में काम होगा।") if m.type == "District"]
    assert places == []


def test_schemes_and_bodies_from_the_table(reader: HindiReader) -> None:
    text = "एक जिला एक उत्पाद योजना के तहत उद्योग विभाग सीएफसी बनाएगा।"
    found = {(m.type, m.name) for m in reader.mentions(text)}
    assert ("Scheme", "One District One Product") in found
    assert ("Agency", "Department of Industries") in found  # qualified by its state later


def test_english_sentences_are_not_read(reader: HindiReader) -> None:
    assert reader.mentions("The Darbhanga makhana cluster has a CFC.") == []


def test_sentences_end_at_the_danda() -> None:
    text = "दरभंगा में मखाना क्लस्टर बनेगा। इसकी लागत दस करोड़ है। The CFC opens in May."
    assert split_sentences(text) == [
        "दरभंगा में मखाना क्लस्टर बनेगा।",
        "इसकी लागत दस करोड़ है।",
        "The CFC opens in May.",
    ]


def test_a_cluster_word_alone_takes_the_documents_product_and_district(
    reader: HindiReader,
) -> None:
    sentences = [
        "कटिहार में मखाना क्लस्टर का काम तेज हुआ।",
        "कटिहार जिले के किसानों के लिए सामान्य सुविधा केंद्र भी बनेगा।",
        "इस क्लस्टर से किसानों को लाभ होगा।",
    ]
    found = [[m.name for m in ms if m.type == "Cluster"] for ms in reader.read_document(sentences)]
    assert found == [
        ["Katihar Makhana Cluster"],
        ["Katihar Makhana Cluster"],
        ["Katihar Makhana Cluster"],
    ]


def test_a_town_the_kb_does_not_know_by_its_ending(reader: HindiReader) -> None:
    sentences = ["बिहार के रामपुर में बांस क्लस्टर बनेगा।"]
    (found,) = reader.read_document(sentences)
    assert [(m.name, m.ids) for m in found if m.type == "Cluster"] == [
        ("Rampur Bamboo Cluster", ["state:bihar"])
    ]
    # a word with no such ending is no town
    (found,) = reader.read_document(["बिहार के इलाके में बांस क्लस्टर बनेगा।"])
    assert [m for m in found if m.type == "Cluster"] == []


def test_products_joined_by_and_are_one_cluster(reader: HindiReader) -> None:
    text = "कटिहार में मिठाई और नमकीन क्लस्टर बनेगा।"
    assert clusters(reader, text) == [
        ("Katihar Sweets and Namkeen Cluster", ["district:bihar:katihar"])
    ]


def test_the_role_a_sentence_gives() -> None:
    from ingest.hindi import role_of, says_under

    assert role_of("बियाडा क्लस्टर का निर्माण करेगा।") == "implementing agency"
    assert role_of("मंत्रालय के सहयोग से क्लस्टर बनेगा।") == "partner"
    assert role_of("विभाग नोडल एजेंसी होगा और निर्माण कराएगा।") == "nodal agency"
    assert role_of("क्लस्टर में 200 कारीगर हैं।") is None
    assert says_under("योजना के तहत क्लस्टर बनेगा।")
    assert not says_under("क्लस्टर बनेगा।")


def test_the_gloss_names_places_terms_and_rupees(reader: HindiReader) -> None:
    gloss = reader.gloss("कटिहार में 12 करोड़ की लागत से मखाना क्लस्टर बनेगा।")
    assert gloss.split() == ["Katihar", "Rs", "12", "crore", "cost", "makhana", "cluster"]
    # what extraction found in the sentence stands for its words ("this cluster": which one)
    text = "इस क्लस्टर में 300 किसान जुड़ेंगे।"
    start = text.index("क्लस्टर")
    found = [(start, start + len("क्लस्टर"), "Katihar Makhana Cluster")]
    assert reader.gloss(text, found) == "Katihar Makhana Cluster 300 farmers"
    assert reader.gloss("The cluster has 300 farmers.") == ""


def test_a_romanised_name_sounds_like_a_hindi_word() -> None:
    from kb.sound import sounds_like, sounds_of

    def _sounds_in(name: str, text: str) -> bool:
        return sounds_like(name, sounds_of(text))

    text = "लातेहार के चंदवा में बांस क्लस्टर बनेगा।"
    assert _sounds_in("Chandwa", text)
    assert _sounds_in("Latehar", text)
    assert not _sounds_in("Khunti", text)
    assert not _sounds_in("Chandwa", "The bamboo cluster at Latehar.")  # no Hindi words


def test_glides_vowels_and_english_endings_sound_alike() -> None:
    from kb.sound import romanised, spelling

    assert skeleton("लुधियाना") == latin_skeleton("Ludhiana")  # the glide "य" is not written
    assert skeleton("कन्फेक्शनेरी") == latin_skeleton("confectionery")  # "-tion" is "shan"
    # "औ" is the "o" of a romanised name, whose final "e" is silent
    assert spelling(romanised("इन्दौर")) == spelling("Indore")


def test_a_name_of_two_consonants_only_before_a_place_word() -> None:
    reader = HindiReader({"una": [("district:himachal-pradesh:una", "District", "Una")]})
    found = reader.mentions("ऊना में इंजीनियरिंग क्लस्टर बनेगा।")
    assert ("Una Engineering Cluster", ["district:himachal-pradesh:una"]) in [
        (m.name, m.ids) for m in found if m.type == "Cluster"
    ]
    # the same sound as a word of the sentence is no place ("ऊना" not followed by "में")
    assert [m for m in reader.mentions("ऊना इंजीनियरिंग क्लस्टर बनेगा।") if m.type == "District"] == []


def test_plural_endings_find_the_word() -> None:
    from ingest.hindi import term_of

    assert (term := term_of(("दस्तकारों",))) is not None and term.english == "artisans"
    assert (term := term_of(("इकाइयों",))) is not None and term.english == "units"
    assert (term := term_of(("खिलौनों",))) is not None and term.english == "toys"
    assert term_of(("दस्तकारी",)) is None  # another word, not a plural
