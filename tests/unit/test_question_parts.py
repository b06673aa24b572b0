"""A question of several parts read from its parse (kb.question.split_parts): coordinated
wh-clauses and comparisons are parts, a subordinate or relative clause is not, and framing
("which is bigger?", "give both") asks nothing. Hand-made questions about made-up places."""

from __future__ import annotations

import pytest

from kb.question import split_parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "How many looms were installed at the Rampur CFC, and what did the dye house cost?",
            ["How many looms were installed at the Rampur CFC", "what did the dye house cost?"],
        ),
        (
            "How much did the Sitapur SPV raise and who audits its accounts?",
            ["How much did the Sitapur SPV raise", "who audits its accounts?"],
        ),
        (
            "Compare the grant for the Rampur cluster with the grant for the Sitapur cluster",
            [
                "How much is the grant for the Rampur cluster?",
                "How much is the grant for the Sitapur cluster?",
            ],
        ),  # fmt: skip
        (
            "How does Rampur's turnover compare with Sitapur's turnover?",
            ["How much is Rampur's turnover?", "How much is Sitapur's turnover?"],
        ),
        (
            "Which costs more: the Rampur dye house or the Sitapur CFC? Give both figures.",
            ["How much is the Rampur dye house?", "How much is the Sitapur CFC?"],
        ),
        # one thing asked of each of two coordinated arguments
        (
            "which schemes cover the rampur brass cluster and the sitapur carpet cluster",
            [
                "which schemes cover the rampur brass cluster",
                "which schemes cover the sitapur carpet cluster",
            ],
        ),  # fmt: skip
        (
            "name the technical agencies of the rampur brass cluster and of the sitapur mega "
            "carpet cluster",
            [
                "name the technical agencies of the rampur brass cluster",
                "name the technical agencies of the sitapur mega carpet cluster",
            ],
        ),  # fmt: skip
        # a bare phrase, with no wh-word, asks as much as a question does
        (
            "states of the rampur brass cluster and the sitapur carpet cluster",
            ["states of the rampur brass cluster", "states of the sitapur carpet cluster"],
        ),
        (
            "bigger amount: the rampur dye house or the sitapur CFC? give both",
            ["How much is the rampur dye house?", "How much is the sitapur CFC?"],
        ),
        (
            "more central money - the rampur dye house or the sitapur CFC, both amounts",
            [
                "How much is central money of the rampur dye house?",
                "How much is central money of the sitapur CFC?",
            ],
        ),
        (
            "land area of the rampur brass cluster vs the sitapur carpet park",
            [
                "What is land area of the rampur brass cluster?",
                "What is land area of the sitapur carpet park?",
            ],
        ),
        (
            "rampur brass cluster buyer, and which ministry funds the sitapur CFC",
            ["rampur brass cluster buyer", "which ministry funds the sitapur CFC"],
        ),
        # a preposition said again: the same asked of each place
        (
            "which sheds were built at Rampur and at Sitapur",
            ["which sheds were built at Rampur", "which sheds were built at Sitapur"],
        ),
    ],
)
def test_each_thing_asked_is_a_part(question: str, parts: list[str]) -> None:
    assert split_parts(question)[:2] == (parts, [])


@pytest.mark.parametrize(
    "question",
    [
        # a clause inside another: one thing asked, at two times
        "Who headed the Rampur weavers' society both when it was formed and when it was wound up?",
        # a wh-phrase without its own verb shares the rest of the clause
        "Which agency, and which officer, run the Rampur CFC?",
        # an opening phrase, and a relative clause, are no questions
        "Under SFURTI, what does the Rampur cluster make?",
        "Which consultant, who has set up forty clusters, spoke at the Sitapur meeting?",
        # framing only: "which number is bigger" asks nothing of its own
        "How many units does the Rampur cluster have? which number is bigger",
        # a name holding "and", a list sharing its head, the asked nouns, what two things share
        "Which agency implements the Oil Expeller and Parts Cluster?",
        "Which organisation implements the Rampur, Sitapur and Gonda handloom clusters?",
        "How many weavers and looms does the Rampur cluster have?",
        "Which officer figures both at the Rampur meeting and in the Sitapur report?",
        "What connects the Rampur brass cluster and the Sitapur carpet cluster?",
        # bare phrases asking one thing
        "rampur brass cluster cost",
        "weavers and looms of the Rampur cluster",
        "rampur dye house - cost or date of opening",
    ],
)
def test_one_thing_asked_is_one_part(question: str) -> None:
    parts = split_parts(question).asked
    assert len(parts) == 1


def test_a_sentence_that_asks_nothing_is_context() -> None:
    parts, context, *_ = split_parts(
        "The Rampur cluster had a dye house and later got a CFC. What did the first one earn, "
        "and how much did the CFC cost?"
    )
    assert parts == ["What did the first one earn", "how much did the CFC cost?"]
    assert context == ["The Rampur cluster had a dye house and later got a CFC."]


def test_a_stated_sentence_before_a_bare_phrase_is_context() -> None:
    parts, context, *_ = split_parts(
        "The Rampur cluster opened a dye house. cost of the dye house?"
    )
    assert parts == ["cost of the dye house?"]
    assert context == ["The Rampur cluster opened a dye house."]


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        # a head the names share, read where the parse of lowercase words fails
        (
            "officers quoted in the rampur brass and sitapur carpet reports",
            [
                "officers quoted in the rampur brass report",
                "officers quoted in the sitapur carpet report",
            ],
        ),
        (
            "schemes named for the rampur dye house, the gonda mat cluster and sitapur durries",
            [
                "schemes named for the rampur dye house",
                "schemes named for the gonda mat cluster",
                "schemes named for the sitapur durries",
            ],
        ),
        # the names first, then what is asked of each
        (
            "the rampur brass CFC and the gonda mat cluster - which districts are they in",
            [
                "the rampur brass CFC - which districts are they in",
                "the gonda mat cluster - which districts are they in",
            ],
        ),
    ],
)
def test_an_enumeration_of_names_is_asked_name_by_name(question: str, parts: list[str]) -> None:
    assert split_parts(question)[0] == parts


def test_words_a_known_name_joins_are_one_name() -> None:
    question = "cost of the rampur gems and jewellery CFC"
    assert len(split_parts(question)[0]) == 2  # with nothing known, two names
    joined = split_parts(question, lambda words: words == "gems and jewellery")[0]
    assert joined == [question]


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        # a count compared: how many of the counted noun in each
        (
            "more weavers - rampur SCDP or the sitapur training? give both numbers",
            ["How many weavers in rampur SCDP?", "How many weavers in the sitapur training?"],
        ),
        # a comparative that says what it compares: their costs
        (
            "costlier project - rampur brass CFC or sitapur dye house? give both costs",
            [
                "How much is the cost of rampur brass CFC?",
                "How much is the cost of sitapur dye house?",
            ],
        ),
        # framing after the second thing is no part of it
        (
            "gonda mat cluster vs sitapur dye house - which is costlier, both amounts",
            ["How much is gonda mat cluster?", "How much is sitapur dye house?"],
        ),
        # what is measured, set before a dash, is asked of both
        (
            "central grant per cluster - rampur clusters vs sitapur clusters, which got more?",
            [
                "How much is central grant per cluster - rampur clusters?",
                "How much is central grant per cluster - sitapur clusters?",
            ],
        ),
    ],
)
def test_a_comparison_asks_its_measure_of_each_side(question: str, parts: list[str]) -> None:
    assert split_parts(question)[0] == parts


@pytest.mark.parametrize(
    ("question", "sides", "larger"),
    [
        (
            "costlier project - rampur brass CFC or sitapur carpet cluster?",
            ["rampur brass CFC", "sitapur carpet cluster"],
            True,
        ),
        ("which is cheaper: the rampur dye house or the sitapur CFC", None, False),
        ("Compare the cost of the Rampur CFC with the cost of the Sitapur CFC", None, None),
    ],
)
def test_a_comparison_names_its_sides_and_what_it_asks_for(
    question: str, sides: list[str] | None, larger: bool | None
) -> None:
    parts = split_parts(question)
    assert len(parts.sides) == 2 == len(parts.asked)
    if sides:
        assert parts.sides == sides
    assert parts.larger is larger


def test_a_question_of_two_parts_that_compares_nothing_has_no_sides() -> None:
    parts = split_parts("How many looms does the Rampur cluster have, and how many weavers?")
    assert len(parts.asked) == 2 and parts.sides == [] and parts.larger is None


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        # a topic, a colon or dash, then the things asked of it: each keeps the topic
        (
            "Sitapur durrie cluster (2021): project cost and state grant?",
            [
                "Sitapur durrie cluster (2021): project cost?",
                "Sitapur durrie cluster (2021): state grant?",
            ],
        ),
        (
            "gonda mat cluster - nodal agency, central share and no. of artisans",
            [
                "gonda mat cluster - nodal agency?",
                "gonda mat cluster - central share?",
                "gonda mat cluster - no. of artisans?",
            ],
        ),
    ],
)
def test_the_things_a_topic_lists_are_asked_of_it_one_by_one(
    question: str, parts: list[str]
) -> None:
    assert split_parts(question).asked == parts


@pytest.mark.parametrize(
    "question",
    [
        # single words qualifying a noun of the topic, and a topic that asks
        "rampur CFC funding shares - centre, state and industry",
        "which schemes - the rampur brass CFC and the gonda mat cluster",
    ],
)
def test_a_dash_before_single_words_or_after_an_asking_topic_is_no_topic_list(
    question: str,
) -> None:
    assert not any(
        p.endswith("centre?") or p.endswith("state?") for p in split_parts(question).asked
    )
    assert len(split_parts(question).asked) <= 2
