"""Bodies known from a table with sources (kb/bodies.csv read by kb/aliases.py), acronyms as
newspapers write them ("Nabard"), and Union ministries written in lower case; on sentences
written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract import Extractor
from ingest.mentions import pattern_mentions
from kb.aliases import _with_table
from kb.linking import Gazetteer
from kb.resolve import Resolver
from kb.store.base import Node


def _table(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "bodies.csv"
    path.write_text("name,aliases,kind,source\n" + rows, encoding="utf-8")
    return path


def test_a_table_row_adds_a_body_or_the_aliases_of_a_listed_one(tmp_path: Path) -> None:
    path = _table(
        tmp_path,
        "Kalapur Rural Bank,KRB;Krb,bank,https://example.org/krb\n"
        "Coir Board,Coir Brd,board,https://example.org/coir\n",
    )
    out = _with_table([("Coir Board", ["CB"])], path)
    assert out == [("Coir Board", ["CB", "Coir Brd"]), ("Kalapur Rural Bank", ["KRB", "Krb"])]
    with pytest.raises(ValueError):
        _with_table([], _table(tmp_path, "Nameless Trust,NT,trust,\n"))


def test_an_acronym_written_as_a_word_is_found_only_in_the_form_listed() -> None:
    g = Gazetteer([Node("agency:krb", "Agency", "Kalapur Rural Bank", aliases=["KRB", "Krb"])])
    assert [m.name for m in g.find("Krb has kept Rs 5 crore aside.")] == ["Kalapur Rural Bank"]
    assert [m.name for m in g.find("KRB has kept Rs 5 crore aside.")] == ["Kalapur Rural Bank"]
    assert g.find("a krb loan") == []
    # an acronym with no word form listed still needs its capitals
    g = Gazetteer([Node("agency:krb", "Agency", "Kalapur Rural Bank", aliases=["KRB"])])
    assert g.find("Krb has kept Rs 5 crore aside.") == []


def test_the_bundled_table_names_national_bodies_by_their_acronyms() -> None:
    g = Gazetteer([])
    text = "Institutes like NIFT, NID and Teri will train the artisans; Nabard gives loans."
    assert [m.name for m in g.find(text)] == [
        "National Institute of Fashion Technology",
        "National Institute of Design",
        "The Energy and Resources Institute",
        "National Bank for Agriculture and Rural Development",
    ]


def test_a_known_ministry_in_lower_case_is_that_ministry() -> None:
    ex = Extractor([], Resolver.from_nodes([]))
    text = "The park was set up by the ministry of commerce and industry and the state."
    ms = [m for m in pattern_mentions(text) if m.role == "lower-case ministry"]
    assert [m.name.lower() for m in ms] == ["ministry of commerce and industry"]
    e = ex._agency(ms[0], None, None, text)
    assert e is not None and e.name == "Ministry of Commerce and Industry"
    # the known start of the words is the name ("ministry of commerce, while ...")
    text = "It was approved by DIPP, ministry of commerce, while the state waited."
    ms = [m for m in pattern_mentions(text) if m.role == "lower-case ministry"]
    e = ex._agency(ms[0], None, None, text)
    assert e is not None and e.name == "Ministry of Commerce and Industry"
    assert text[e.start : e.end] == "ministry of commerce"
    # a ministry nobody knows is no body
    text = "It was approved by the ministry of kite flying last year."
    ms = [m for m in pattern_mentions(text) if m.role == "lower-case ministry"]
    assert ms and ex._agency(ms[0], None, None, text) is None
