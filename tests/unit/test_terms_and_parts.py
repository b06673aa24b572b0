"""Abbreviations as data (kb/terms.csv) in the words a question and its evidence share, and
answers of several parts: each piece of evidence cut to its share of the 400 characters."""

from __future__ import annotations

from collections import Counter

from kb.evidence import Candidate
from kb.qa import _render, _shares, _window
from kb.question import Question
from kb.search import respelled, spelled_out, stands_for, stem, tokens


def test_an_abbreviation_meets_the_words_it_stands_for() -> None:
    asked = set(tokens("Who is the IA of the tile cluster?"))
    said = set(tokens("A trust of potters is the implementing agency of the project."))
    assert {"implement", "agency"} <= asked & said
    assert set(tokens("the CFC")) >= set(tokens("common facility centre"))
    assert set(tokens("the cfc")) >= set(tokens("common facility centre"))  # any case


def test_a_short_abbreviation_counts_only_in_capitals() -> None:
    assert stands_for("IA") == "implementing agency"
    assert stands_for("ia") is None
    assert tokens("ta na") == ["ta", "na"]
    assert stands_for("XYZ") is None


def test_spelled_out_adds_the_meaning_and_keeps_the_text() -> None:
    assert spelled_out("Who is the SPV and the TA?") == (
        "Who is the SPV (special purpose vehicle) and the TA (technical agency)?"
    )
    assert spelled_out("no abbreviation here") == "no abbreviation here"


def test_shares_give_a_short_piece_its_length_and_the_rest_to_the_others() -> None:
    assert _shares([50, 500, 500], 350) == [50, 150, 150]
    assert _shares([500, 500], 300) == [150, 150]
    assert sum(_shares([120, 80, 900], 300)) <= 300


def test_window_keeps_the_stretch_with_the_answer() -> None:
    filler = "The report also describes the roads, the weather and the markets of the town. "
    text = filler * 4 + "The cluster has 412 looms in three villages. " + filler * 4
    cut = _window(text, set(tokens("looms villages")), ["412 looms"], 120)
    assert len(cut) <= 120
    assert "412 looms" in cut
    assert cut.startswith("…") and cut.endswith("…")
    assert _window("short", set(), [], 120) == "short"


def _sentence(text: str, doc: str) -> Candidate:
    return Candidate(text=text, document=doc, locator="sentence 1")


def test_two_long_pieces_both_keep_their_answers_within_400_characters() -> None:
    pad = "with many words around it that say little about what was asked here, " * 3
    first = _sentence(f"The first report {pad}puts the project cost at Rs 7.98 crore {pad}.", "d1")
    second = _sentence(f"The second report {pad}gives Rs 23.73 crore as the cost {pad}.", "d2")
    q = Question(text="What do the two reports give as the cost?", answer_type="money",
                 content=set(tokens("reports give cost")), across=True)  # fmt: skip
    text, kept = _render(q, "Rs 7.98 crore", [first, second])
    assert len(text) <= 400
    assert text.startswith("Rs 7.98 crore — ")
    assert "23.73 crore" in text
    assert kept == [first, second]


def test_pieces_that_fit_are_given_whole() -> None:
    a = _sentence("The CFC cost Rs 2 crore.", "d1")
    b = _sentence("The SPV has 35 members.", "d2")
    q = Question(text="What did the CFC cost and how many members has the SPV?",
                 answer_type="money", parts=2)  # fmt: skip
    text, kept = _render(q, "Rs 2 crore", [a, b])
    assert text == "Rs 2 crore — The CFC cost Rs 2 crore. The SPV has 35 members."
    assert kept == [a, b]


def test_support_counts_other_evidence_giving_the_same_answer() -> None:
    from kb.evidence import _support

    a = _sentence("The SPV Kalpa Crafts runs the CFC.", "d1")
    b = _sentence("Kalpa Crafts, the SPV, was registered in 2019.", "d2")
    c = _sentence("The cluster has 300 artisans.", "d2")
    others = [(x, x.text.lower()) for x in (a, b, c)]
    assert _support("kalpa crafts", a, others) == 1 / 3  # b holds it; a itself does not count
    assert _support("300 artisans", c, others) == 0.0
    assert _support("", a, others) == 0.0


def test_respelled_mends_words_the_documents_never_use() -> None:
    vocabulary = Counter({"cluster": 9, "committee": 3, "muzaffarpur": 2, "casting": 1, "cost": 4})
    text = "Muzafarpur bag clustre: which comittee? wich"
    assert respelled(text, vocabulary) == "Muzaffarpur bag cluster: which committee? wich"


def test_respelled_keeps_forms_of_known_words_and_english_words() -> None:
    vocabulary = Counter({"casting": 1, "cost": 4, "insured": 2})
    stems = {stem(w) for w in vocabulary}
    assert respelled("costing", vocabulary, stems) == "costing"  # a form of "cost"
    assert respelled("insurer", vocabulary, stems) == "insured"  # without an English lexicon
    assert respelled("insurer", vocabulary, stems, lambda w: w == "insurer") == "insurer"
