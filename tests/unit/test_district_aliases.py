"""Every district alias of kb/aliases.py names a district of the bundled LGD table: an entry
whose state or LGD name is misspelt would otherwise be skipped without a word."""

from __future__ import annotations

from pathlib import Path

from ingest.places import Places, load_districts, load_states
from kb import aliases
from kb.resolve import normalize

DATA = Path(__file__).resolve().parents[2] / "data"


def test_every_district_alias_names_a_district_of_its_state() -> None:
    places = Places()
    load_states(DATA, places)
    facts = load_districts(DATA, places)
    for state, lgd_name, alias in aliases.DISTRICTS:
        district = places.districts_in_state.get(places.state(state) or "", {}).get(
            normalize(lgd_name)
        )
        assert district is not None, (state, lgd_name, alias)
        assert alias in facts.nodes[district].aliases, alias


def test_a_town_s_everyday_name_is_its_district() -> None:
    places = Places()
    load_states(DATA, places)
    facts = load_districts(DATA, places)
    named = {a: n.name for n in facts.nodes.values() if n.type == "District" for a in n.aliases}
    assert named["Trichy"] == named["Tiruchi"] == "Tiruchirappalli"
    assert named["Calicut"] == "Kozhikode"
