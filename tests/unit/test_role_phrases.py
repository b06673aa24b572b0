"""Bodies given a role by the ontology's role phrases (ingest/relations.py `role_holders`), on
sentences written for these tests with the entities placed by hand."""

from __future__ import annotations

from ingest.relations import _masked, role_holders
from ingest.units import Entity, Sentence


def _sentence(text: str, bodies: list[str]) -> Sentence:
    s = Sentence(0, text, text)
    for name in bodies:
        start = text.index(name)
        s.entities.append(Entity(f"agency:{name}", "Agency", name, start, start + len(name)))
    return s


def _roles(text: str, bodies: list[str]) -> set[tuple[str, str]]:
    s = _sentence(text, bodies)
    return {(b.name, r.role) for b, r in role_holders(s, _masked(s))}


def test_every_body_of_a_list_before_a_plural_role_takes_it() -> None:
    assert _roles(
        "Coir Board, Tea Board and the Rubber Board are the implementing agencies.",
        ["Coir Board", "Tea Board", "Rubber Board"],
    ) == {
        ("Coir Board", "implementing agency"),
        ("Tea Board", "implementing agency"),
        ("Rubber Board", "implementing agency"),
    }


def test_every_body_of_a_list_after_the_role_takes_it() -> None:
    assert _roles(
        "The technical agencies, Coir Board and Tea Board, visited the units.",
        ["Coir Board", "Tea Board"],
    ) == {("Coir Board", "technical agency"), ("Tea Board", "technical agency")}


def test_as_the_role_and_a_report_cover_line() -> None:
    assert _roles("The Coir Board acts as the nodal agency.", ["Coir Board"]) == {
        ("Coir Board", "nodal agency")
    }
    assert _roles("Prepared by, Coir Board", ["Coir Board"]) == {("Coir Board", "technical agency")}
    # "prepared by" inside a sentence is no cover line
    assert _roles("The plan was prepared by Coir Board.", ["Coir Board"]) == set()
    # but who prepared a cluster's project report is its technical agency
    assert _roles("The DPR prepared by Coir Board was approved.", ["Coir Board"]) == {
        ("Coir Board", "technical agency")
    }
    assert _roles(
        "A Detailed Project Report (DPR) was prepared by Coir Board.", ["Coir Board"]
    ) == {("Coir Board", "technical agency")}


def test_a_body_not_next_to_the_role_does_not_take_it() -> None:
    assert (
        _roles(
            "Coir Board met the units; the implementing agency will be chosen later.",
            ["Coir Board"],
        )
        == set()
    )


def test_a_body_selected_as_one_of_the_agencies_takes_the_role() -> None:
    assert _roles(
        "Tea Board was selected as one of the implementing agencies for two clusters.",
        ["Tea Board"],
    ) == {("Tea Board", "implementing agency")}


def test_a_role_assumed_or_held_in_the_role_of() -> None:
    assert _roles(
        "Under the scheme, Gram Seva in the role of Implementing Agency set up a CFC.",
        ["Gram Seva"],
    ) == {("Gram Seva", "implementing agency")}
    assert _roles(
        "The Crafts Council assumes the role of the Nodal Agency, while Design Hub contributes "
        "as the Technical Agency.",
        ["Crafts Council", "Design Hub"],
    ) == {("Crafts Council", "nodal agency"), ("Design Hub", "technical agency")}


def test_a_role_word_with_any_agent_noun_and_a_rank_before_it() -> None:
    """kb.schema builds role phrases from a role word and an agent noun: "implementing body",
    "executing partner", "funding agency", with "main"/"lead" ranking them."""
    assert _roles("Coir Board is serving as implementing body", ["Coir Board"]) == {
        ("Coir Board", "implementing agency")
    }
    assert _roles("Tea Board has been appointed as the main executing partner", ["Tea Board"]) == {
        ("Tea Board", "implementing agency")
    }
    assert _roles("As funding agency, Tea Board has partnered with Coir Board", ["Tea Board",
                  "Coir Board"]) == {("Tea Board", "financing agency")}  # fmt: skip
    assert _roles("Coir Board is the lead training institution.", ["Coir Board"]) == {
        ("Coir Board", "training partner")
    }
    assert _roles("Coir Board is a body of the Ministry.", ["Coir Board"]) == set()
