"""A capitalised word of a question is a hard constraint only when it is a name: not a date
("up to March 2011"), not a word the documents use across the collection ("the Centre's
share", "Government of India")."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kb.nlp import lexicon, parse
from kb.qa import _common
from kb.question import QuestionAnalyser
from kb.search import SentenceIndex, _Entry


class Flat:
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32)


def _index(documents: dict[str, list[str]]) -> SentenceIndex:
    entries = [
        _Entry(doc, doc, i, text, f"{doc}:{i}")
        for doc, sentences in documents.items()
        for i, text in enumerate(sentences, start=1)
    ]
    return SentenceIndex(entries, Flat())


def test_a_word_across_the_collection_is_no_name() -> None:
    index = _index({
        "a": ["The Centre will grant Rs 5 crore to the Daspur hub."],
        "b": ["The common facility centre opened in 2019."],
        "c": ["The Centre's share is 90 per cent."],
        "d": ["Weavers of Lilong sell in Imphal."],
    })  # fmt: skip
    assert index.document_share("Centre") == (3, 0.75)
    assert index.document_share("Daspur") == (1, 0.25)
    assert index.document_share("Kaithun") == (0, 0.0)
    assert _common(index.document_share("Centre"))
    assert not _common(index.document_share("Daspur"))
    assert not _common(index.document_share("Kaithun"))  # unknown: a name the KB lacks
    # in a small collection a word in two of three documents is still a name
    small = _index({"a": ["Sualkuchi weavers."], "b": ["Sualkuchi yarn bank."], "c": ["Hajo."]})
    assert not _common(small.document_share("Sualkuchi"))


def _analyser() -> QuestionAnalyser:
    """An analyser whose linker knows no name: every proper noun is the question's own."""

    class Linker:
        cache_dir = None

        class resolver:  # noqa: N801 - the linker's attribute
            @staticmethod
            def exact(text: str) -> list[str]:
                return []

    return QuestionAnalyser(Linker(), None)  # type: ignore[arg-type]


def test_a_date_word_is_no_constraint() -> None:
    analyser = _analyser()
    q = analyser.analyse("How many SHGs were formed at Kaithun up to March 2011?", [])
    assert q.constraints == ["Kaithun"]


def test_an_acronym_the_kb_does_not_know_is_a_name_a_plural_one_a_word() -> None:
    """An acronym ("JTFRP") picks out one project's documents as "Kaithun" does a village; "SHGs" is
    the documents' common noun written short."""

    analyser = _analyser()
    q = analyser.analyse("Which craft clusters does the JTFRP support with SHGs?", [])
    assert q.constraints == ["JTFRP"]


def test_a_word_the_documents_write_only_capitalised_is_a_name() -> None:
    """A question typed in lower case still names "janbazar": the documents write it only as
    a name; "shoe", written in lower case too, is a word."""
    index = _index({
        "a": ["Janbazar shoe makers will get a CFC.", "The Janbazar cluster has 400 units."],
        "b": ["Shoe exports rose; a shoe cluster in Agra."],
    })  # fmt: skip
    assert "janbazar" in index.written_as_names
    assert "shoe" not in index.written_as_names  # also written in lower case
    assert "agra" not in index.written_as_names  # fewer than five letters: too short to tell


def test_the_lexicon_holds_the_model_s_words_from_before_any_parse() -> None:
    """Parsing adds every word met to the model's strings; the lexicon is what it knew."""
    parse("the janbazar shoemakers formed an organisation")
    assert "organisation" in lexicon()
    assert "janbazar" not in lexicon()


def test_a_word_parsed_once_does_not_become_english() -> None:
    """The same question asked twice is read the same way: a misspelling parsed once (spaCy
    adds it to the model's strings) is still no English word, so it is still respelled."""
    from kb.nlp import english

    assert english("cluster") and not english("clustre")
    parse("muzafarpur bag clustre anchor")
    assert not english("clustre")
