"""LGD sub-districts and blocks: the names a text calls them by, and the districts they put on
the District nodes (ingest/places.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.places import Places, load_subdivisions, subdivision_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sihor", "Sihor"),
        ("SUALKUCHI", "Sualkuchi"),  # the blocks list is upper case
        ("Burdwan-I", "Burdwan"),  # a numbered part of a block
        ("Potashpur - II", "Potashpur"),
        ("Aalo HQ", "Aalo"),  # an administrative qualifier
        ("Nampong SDO", "Nampong"),
        ("Dhemaji Circle", "Dhemaji"),
        ("Maldah (Old)", "Maldah"),
        ("Mandi Gobindgarh", "Mandi Gobindgarh"),
        ("SADAR", None),  # a sub-division of many districts, no place of its own
        ("Abc", None),  # too short to tell from a word
    ],
)
def test_a_subdivisions_name_is_the_places_own(raw: str, expected: str | None) -> None:
    assert subdivision_name(raw) == expected


def test_each_district_gets_the_names_of_its_own_subdivisions(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    tables.mkdir()
    header = "S.No.,State Code,State Name,District Code,District Name,Code,Version,Name,X\n"
    (tables / "lgd-subdistricts.csv").write_text(
        header + "1,24,GUJARAT,449,KACHCHH,1,1,Bhachau,\n"
        "2,24,GUJARAT,449,KACHCHH,2,1,Kachchh,\n"  # the district's own name: no subdivision
        "3,24,GUJARAT,999,NOWHERE,3,1,Lost,\n"  # a district the LGD list lacks: skipped
        "bad row\n",
        encoding="utf-8",
    )
    (tables / "lgd-blocks.csv").write_text(
        header + "1,24,GUJARAT,449,KACHCHH,7,1,BHACHAU,\n4,24,GUJARAT,449,KACHCHH,8,1,RAPAR,\n",
        encoding="utf-8",
    )
    places = Places()
    places.district_by_code["449"] = "district:gujarat:kachchh"
    places.district_name["district:gujarat:kachchh"] = "Kachchh"
    facts = load_subdivisions(tmp_path, places)
    node = facts.nodes["district:gujarat:kachchh"]
    assert node.attrs["subdivisions"] == ["Bhachau", "Rapar"]
    assert len(facts.skipped) == 2, facts.skipped
