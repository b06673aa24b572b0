"""A question asking a value (an amount, a date, a count, a share) is answered only by
evidence stating a value of that type; a count of days is a duration."""

from __future__ import annotations

from kb.evidence import Candidate, answer_spans, measures_asked, said_of
from kb.nlp import spans
from kb.qa import ranked_answers
from kb.question import Question
from kb.search import stem, tokens


def _candidate(
    text: str, score: float, kind: str = "sentence", type_span: bool = False
) -> Candidate:
    c = Candidate(text, "doc:x", "", kind=kind)
    c.score, c.features = score, {"type_span": 1.0 if type_span else 0.0}
    return c


def test_only_evidence_stating_a_value_answers_a_question_asking_one() -> None:
    fact = _candidate("The cluster has a CFC.", 0.9, kind="fact")
    cost = _candidate("The CFC will cost Rs 5 crore.", 0.3, type_span=True)
    other = _candidate("The CFC was opened by the minister.", 0.5)
    money = Question("What did the CFC cost?", "money")
    assert ranked_answers(money, [fact, cost, other]) == [cost]
    assert ranked_answers(money, [fact, other]) == []  # nothing states it: the answerer declines
    # a question asking for a body or a description ranks every candidate
    who = Question("Who opened the CFC?", "org")
    assert ranked_answers(who, [cost, fact, other]) == [fact, other, cost]


def test_a_count_of_days_is_answered_by_a_duration() -> None:
    text = "The designers ran a need assessment survey for around 15-20 days in the villages."
    days = Question("How many days did the survey run?", "count", noun="day")
    assert [s.text for s in answer_spans(days, text)] == ["15-20 days"]
    artisans = Question("How many artisans did the survey meet?", "count", noun="artisan")
    assert "15-20 days" not in [s.text for s in answer_spans(artisans, text)]


def test_an_amount_of_another_measure_does_not_answer() -> None:
    """kb/measures.csv: an amount said of a production value is no project cost; one said of
    no measure word, or asked by a question naming none, stays an answer."""
    text = (
        "The CFC will be set up at a cost of Rs 5 crore, and the units will make bags worth "
        "a production value of Rs 15 crore a year."
    )

    def asked(question: str) -> Question:
        return Question(question, "money", content=set(tokens(question)))

    assert [s.text for s in answer_spans(asked("What is the CFC's project cost?"), text)] == [
        "Rs 5 crore"
    ]
    assert [s.text for s in answer_spans(asked("What production value is expected?"), text)] == [
        "Rs 15 crore"
    ]
    plain = answer_spans(asked("How much money is involved?"), text)
    assert sorted(s.text for s in plain) == ["Rs 15 crore", "Rs 5 crore"]


def test_an_amount_is_said_of_the_words_it_hangs_from() -> None:
    found = {s.text: s.governors for s in spans("The total project cost is Rs. 12.5 crore.")}
    assert {"cost", "project"} <= found["Rs. 12.5 crore"]
    found = {s.text: s.governors for s in spans("The Ministry sanctioned Rs 4.5 crore for it.")}
    assert "sanction" in found["Rs 4.5 crore"]


def test_an_amount_said_of_the_asked_measure_is_marked() -> None:
    """The ranker's measure_said: "an outlay of Rs 40 crore" states the outlay asked for."""
    asked = measures_asked(set(tokens("What was the combined outlay for the 20 clusters?")))
    assert asked == {"cost"}
    text = "With an outlay of Rs 40 crore for all the clusters, 6,000 looms will be given."
    money = [s for s in spans(text) if s.type == "money"]
    assert money and all(said_of(asked, s) for s in money)
    other = [s for s in spans("The units sold goods worth Rs 3 crore.") if s.type == "money"]
    assert other and not any(said_of(asked, s) for s in other)


def test_a_number_counting_another_kind_of_the_noun_does_not_answer() -> None:
    """'How many ceramic units?' is not answered by '120 tile units'; a number counting its
    noun with no kind named, or a question naming no kind, stays an answer."""
    text = "There are 459 units in the cluster, and about 120 tile units that make roof tiles."

    def asked(question: str, kinds: set[str]) -> Question:
        return Question(question, "count", content=set(tokens(question)), count_noun="unit",
                        count_kinds=frozenset(kinds))  # fmt: skip

    assert {s.kinds for s in spans(text) if s.head == "unit"} == {frozenset(), frozenset({"tile"})}
    ceramic = answer_spans(asked("How many ceramic units does Morbi have?", {"ceramic"}), text)
    assert [s.text for s in ceramic] == ["459"]
    tile = answer_spans(asked("How many tile units does Morbi have?", {"tile"}), text)
    assert sorted(s.text for s in tile) == ["459", "about 120"]
    plain = answer_spans(asked("How many units does Morbi have?", set()), text)
    assert sorted(s.text for s in plain) == ["459", "about 120"]


def test_a_name_after_in_or_at_is_a_place_unless_it_names_a_body() -> None:
    """The tagger calls small places people or organisations (here Dharavi an organisation,
    Bhendra a person); where they stand says better."""
    text = (
        "Workers came back from units in Dharavi, and the Iron Cluster in Bhendra grew, with "
        "Ram Lal of the Kauna Weavers Society in Mirpur."
    )
    kinds = {s.text: s.type for s in spans(text)}
    assert kinds["Dharavi"] == "place" and kinds["Bhendra"] == "place"
    assert kinds["Ram Lal"] == "person"
    assert kinds["the Kauna Weavers Society"] == "org"
    assert kinds["the Iron Cluster"] == "org"


def test_which_year_is_answered_by_a_date_naming_its_year() -> None:
    """ "In which year ...?" is not answered by "three years ago"; "when ...?" may be."""
    year = Question("In which year was the saree registered?", "date", noun=stem("year"))
    ago = "The saree was registered three years ago under the GI Act."
    assert answer_spans(year, ago) == []
    dated = "The saree was registered on March 3, 2005 under the GI Act."
    assert [s.text for s in answer_spans(year, dated)] == ["March 3, 2005"]
    when = Question("When was the saree registered?", "date")
    assert [s.text for s in answer_spans(when, ago)] == ["three years ago"]


def test_a_number_counting_another_sort_of_thing_does_not_answer() -> None:
    """'How many weavers?' is not answered by a count of looms, nor 'how many looms?' by a
    count of weavers; a count of a noun of no known sort stays an answer."""
    text = "The shed has over 40 looms and design tables, and 250 weavers work in 12 groups."

    def asked(question: str, noun: str) -> Question:
        return Question(question, "count", content=set(tokens(question)), count_noun=noun)

    weavers = answer_spans(asked("How many weavers work in the shed?", "weaver"), text)
    assert "40" not in [s.text for s in weavers]
    assert "250" in [s.text for s in weavers]
    looms = answer_spans(asked("How many looms does the shed have?", "loom"), text)
    assert "250" not in [s.text for s in looms]
    assert "40" in [s.text for s in looms]
    groups = answer_spans(asked("How many groups are there?", "group"), text)
    assert "12" in [s.text for s in groups]


def test_a_body_its_members_own_is_no_public_office() -> None:
    """'Which SPV ...?' and 'which company ...?' are not answered by a ministry or a
    department; other questions still are."""
    text = "Officials of the Ministry of Textiles said Rampur Brass Cluster Pvt Ltd will run the centre."

    def asked(question: str, noun: str) -> Question:
        return Question(question, "org", content=set(tokens(question)), noun=stem(noun))

    spv = [
        s.text for s in answer_spans(asked("Which SPV will run the Rampur centre?", "spv"), text)
    ]
    assert "Rampur Brass Cluster Pvt Ltd" in spv
    assert not any("Ministry" in s for s in spv)
    body = asked("Which body will run the Rampur centre?", "body")
    assert any("Ministry" in s.text for s in answer_spans(body, text))
