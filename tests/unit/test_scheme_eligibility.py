"""Scheme eligibility as data (kb/eligibility.py): the sectors a scheme says it is for, else
the sectors its clusters show it is held to; never offered outside them."""

from __future__ import annotations

from kb.eligibility import Served, eligibility, sectors_named, stated_reason, stated_sectors
from kb.store.base import Node

HANDLOOM, FOOD, AGRI = "sector:handloom", "sector:food-processing", "sector:agriculture"
BAMBOO, METAL = "sector:bamboo", "sector:manufacturing"


def _scheme(name: str, **attrs: object) -> Node:
    return Node(f"scheme:{name.lower().replace(' ', '-')}", "Scheme", name, attrs)


def test_terms_are_whole_words_of_the_table_and_stems_agree() -> None:
    assert sectors_named("Mega Handloom Cluster (CHCDS)") == {HANDLOOM}
    assert sectors_named("Weavers' welfare") == {HANDLOOM}  # weaver(s) -> handloom
    assert sectors_named("PM Formalisation of Micro Food Processing Enterprises") == {FOOD}
    assert sectors_named("BEE-SME Programme / TERI energy benchmarking") == set()  # not honey
    assert sectors_named("Bamboozled") == set()  # a whole word, not a prefix


def test_what_a_scheme_says_comes_from_its_facts_then_its_name_then_its_tags() -> None:
    fit = {"sectors": ["food processing", "agriculture"]}
    said, basis = stated_sectors(_scheme("National Handloom Mission", fit=fit))
    assert said == {FOOD, AGRI} and basis.startswith("its scheme facts")
    said, basis = stated_sectors(_scheme("National Bamboo Mission", tags=["Bamboo", "Agriculture"]))
    assert said == {BAMBOO} and basis.startswith("its name")  # the name, not the broader tags
    said, basis = stated_sectors(_scheme("Swanirbhar Naari", tags=["Handloom", "Weavers"]))
    assert said == {HANDLOOM} and basis.startswith("its myScheme tags")
    assert stated_sectors(_scheme("Incubation Scheme", tags=["MSME"])) == (frozenset(), "")


def test_a_scheme_is_held_to_the_sectors_it_states() -> None:
    served = Served()
    chcds = _scheme("Mega Handloom Cluster")
    # a cluster the registry's compiler put in another sector does not widen it
    served.add(frozenset({"sector:pottery"}), [chcds.id])
    e = eligibility(chcds, served)
    assert not e.open and e.sectors == {HANDLOOM} and e.basis.startswith("its name")
    assert e.admits(frozenset({HANDLOOM, "sector:textile"}))
    assert not e.admits(frozenset({AGRI, FOOD}))  # never a makhana cluster
    assert not e.admits(frozenset({"sector:pottery"}))


def test_every_sector_is_a_statement_too() -> None:
    mse = _scheme("MSE-CDP", fit={"sectors": ["all manufacturing and service sectors"]})
    e = eligibility(mse, Served())
    assert e.open and e.admits(frozenset({AGRI})) and e.admits(frozenset())


def _registry(schemes_by_sector: list[tuple[str, list[str]]]) -> Served:
    served = Served()
    for sector, schemes in schemes_by_sector:
        served.add(frozenset({sector}), schemes)
    return served


def test_a_silent_scheme_is_held_to_a_sector_only_when_chance_cannot_explain_it() -> None:
    # 20 clusters: 4 bamboo ones all under the bamboo mission, the rest spread
    rows = [(BAMBOO, ["scheme:mission"])] * 4 + [(FOOD, ["scheme:cdp"])] * 8
    rows += [(METAL, ["scheme:cdp"])] * 6 + [(HANDLOOM, ["scheme:once"])] + [(AGRI, ["scheme:cdp"])]
    served = _registry(rows)
    mission = eligibility(_scheme("Mission"), served)
    # were it open, 4 clusters all bamboo: (4/20)**4 * 5 sectors tried = 0.008 < 0.05
    assert not mission.open and mission.sectors == {BAMBOO} and "4 clusters" in mission.basis
    assert not mission.admits(frozenset({FOOD}))
    assert eligibility(_scheme("Cdp"), served).open  # three sectors: says nothing
    assert eligibility(_scheme("Once"), served).open  # one cluster says nothing
    # the same four bamboo clusters where bamboo is most clusters: chance explains them
    common = _registry([(BAMBOO, ["scheme:mission"])] * 4 + [(BAMBOO, ["scheme:cdp"])] * 10)
    assert eligibility(_scheme("Mission"), common).open


def test_what_a_scheme_says_is_a_reason_a_planner_reads() -> None:
    def name(sector_id: str) -> str:
        return {FOOD: "Food Processing", AGRI: "Agriculture"}[sector_id]

    pmfme = _scheme("PMFME", fit={"sectors": ["food processing", "agriculture"]})
    said = stated_reason(pmfme, name)
    assert (
        said
        == "For Agriculture and Food Processing (its scheme facts: food processing; agriculture)."
    )
    mse = _scheme("MSE-CDP", fit={"sectors": ["all manufacturing and service sectors"]})
    assert stated_reason(mse, name) == (
        "Not limited to a sector (its scheme facts: all manufacturing and service sectors)."
    )
    assert stated_reason(_scheme("Incubation Scheme"), name) is None
