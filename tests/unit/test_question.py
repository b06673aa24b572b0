"""The parts of question answering, each on small hand-made cases: answer typing from the
parse, typed spans, the short answer within 400 characters, the scorer and its abstention
threshold, and reading a conversation turn."""

from __future__ import annotations

import numpy as np
import pytest

from clusterkb.cli import _question_line
from kb.evidence import (
    ABSTAIN_FEATURES,
    FEATURES,
    Candidate,
    LogisticModel,
    answer_spans,
    counts_the_noun,
    is_furniture,
    is_headline,
    labels_asked,
    list_stretch,
    lists_announced,
    names_in,
    role_said,
    roles_asked,
)
from kb.nlp import parse, spans
from kb.qa import _fit, two_sided, typed_first
from kb.question import (
    Question,
    QuestionAnalyser,
    answer_type,
    asked_noun,
    asked_phrase,
    measure,
)
from kb.schema import RELATION_TYPES
from kb.search import stem, unshortened
from kb.store.base import Node


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who anchors the Muzaffarpur bag cluster?", "org"),
        ("Which agency implements the CFC?", "org"),
        ("Which bank financed the weavers?", "org"),
        ("Which consultancy prepared the project report?", "org"),
        ("What is the name of the SPV formed by the shoemakers?", "org"),  # the SPV, named
        ("What is the name of the bank that lent to the weavers?", "org"),
        ("Which association represents the units?", "org"),
        ("Which president of the society spoke at the meet?", "person"),
        # "total" before one plural noun counts it; before an amount or over listed things sums
        ("rampur durrie cluster - total beneficiaries", "count"),
        ("total project cost of the rampur durrie cluster", "aggregate"),
        ("What is the total cost of the Rampur and Sitapur CFCs?", "aggregate"),
        # a participle qualifying the asked noun asks for that noun, not a path
        ("industry bodies linked to the Rampur brass cluster", "list"),
        ("How many beekeepers are linked to the Sitapur bee cluster?", "count"),
        ("How is the Rampur society connected to the Sitapur cluster?", "path"),
        # officials by their titles' short forms
        ("rampur weavers report - the nabard CGM quoted", "person"),
        ("Which officials visited the Rampur cluster?", "person"),
        ("Where is the Koppal toy cluster?", "place"),
        ("In which district is the Umden cluster located?", "place"),
        ("When was the common facility centre opened?", "date"),
        ("Which year did the project start?", "date"),
        ("How much did each woman receive?", "money"),
        ("What is the cost of the flatted factory?", "money"),
        ("Under which state scheme is the CFC being built?", "org"),  # a scheme, not a state
        ("How many looms does Bhagalpur have?", "count"),
        ("How many were approved?", "count"),
        ("What share of the cost does the Centre pay?", "percent"),
        ("Is the Morbi cluster in Gujarat?", "yesno"),
        ("Which clusters are in Assam?", "list"),
        ("How is JEEViKA connected to the bag cluster?", "path"),
        ("Which state has more ODOP products, Bihar or Kerala?", "aggregate"),
        ("What is SFURTI?", "definition"),
        # a wh-word after a fronted phrase with no verb asks as one at the start would
        ("Under MSE-CDP in Maharashtra, who implements the scheme?", "org"),
        ("For the bag cluster, where will the CFC come up?", "place"),
        ("The weavers who left the cluster came back.", "other"),  # a relative "who"
        ("What will the sports technology centre cost?", "money"),
        # a noun before the asked noun modifies it ("the project cost"); an asked noun stays
        ("What is the project cost of the toy cluster?", "money"),
        ("Whats the project cost of the toy cluster?", "money"),
        ("What is the projected output worth in dollars?", "money"),
        ("What is the brand name of the coir mats?", "org"),
        ("On how much land will it stand?", "area"),  # an area with its unit
        # the parser attaches "what" elsewhere in a long subject; the last verb still governs it
        (
            "What did the CFC building of the chainstitch and crewel embroidery cluster in the "
            "old town cost?",
            "money",
        ),  # fmt: skip
        # the noun right after the wh-word is asked, though the parser hangs "which" on a
        # later verb; a role's holder (kb/roles.csv) is a body
        ("Which international lender has agreed to fund the scheme?", "org"),
        ("Which producer companies work in the cluster?", "list"),
        ("List the blocks from which the producer company draws its members", "list"),
        # a follow-up's leading conjunction leaves the wh-word asking
        ("and who is the technical agency?", "org"),
        ("And who sanctioned the funds for it", "org"),
        # an officer's question written as a noun phrase: its head noun is asked
        ("project cost of the ispatbhumi cluster at raipur?", "money"),
        ("CPCDS outlay for the 12th plan?", "money"),
        ("expected annual turnover of the silk cluster after five years", "money"),
        ("kalpetta bamboo cluster wayanad - nodal agency?", "org"),
        ("which mandals does the kothapally cluster cover", "place"),
        ("rampur brass cluster - which place", "place"),  # "place" read as a verb
        # a noun phrase opening with a plural asks for a list of those things, however the
        # tagger read a lowercase plural ("clusters" as a verb); a plural of people, how many
        ("online stores lined up for the bamboo baskets", "list"),
        ("toy clusters under the state mission in Karnataka", "list"),
        ("coir clusters the board approved in 2019", "list"),
        ("artisans to benefit from the new brass cluster", "count"),
        ("beneficiaries of the tea cluster so far", "count"),
        # a participle inside the phrase leaves its noun asked ("value" is no amount here)
        ("value added items planned for the kauna cane cluster", "list"),
        ("hand woven sarees sold at the tezpur fair", "list"),
        # a noun phrase with a relative clause on it asks for what the phrase names; a
        # sentence whose subject has one says something
        ("scheme under which the brass cluster was set up", "org"),
        ("bank through which the board routes loans for potters", "org"),
        ("year in which the coir cluster was sanctioned", "date"),
        ("villages where the training was held", "place"),
        ("units which were sanctioned under SFURTI in Assam", "list"),
        # ... or with a clause of its own after the noun, its "that" left out: the noun
        # before the clause's subject is asked, not the subject
        ("year Marwar Weavers Cooperative SPV was registered", "date"),
        ("month Kanchipuram silk cluster CFC opened", "date"),
        ("budget Assam Khadi Board set for the cluster", "money"),
        ("price ITC paid per kg for the turmeric", "money"),
        # a rate per unit of a good is a price; per cent, per annum: a share
        ("rate ITC paid per kg for the turmeric", "money"),
        ("interest rate per annum on the cluster's term loan", "percent"),
        ("rate of central assistance for the CFC", "percent"),
        # bodies and pay by other common names
        ("which corporate group promised a big order for the prints", "org"),
        ("which chamber of commerce backs the brass cluster", "org"),
        ("monthly earnings of the women weavers at the centre", "money"),
        ("what wage is paid to the weavers per day", "money"),
    ],
)
def test_answer_type_comes_from_the_parse(question: str, expected: str) -> None:
    assert answer_type(parse(question))[0] == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which costs more: the brass cluster at Kolur or the cane centre at Pemba?", "money"),
        ("How does the firm's turnover compare with its rival's annual sales?", "money"),
        ("The two reports give different investment figures. What are they?", "money"),
        ("Of the two reports, which came out first? Give both dates.", "date"),
        ("Which state has more ODOP products, Bihar or Kerala?", None),
    ],
)
def test_a_comparison_is_over_the_measure_it_names(question: str, expected: str | None) -> None:
    """What a comparison compares: the answer type of its spans, or none (then it stays an
    aggregate over the graph)."""
    assert measure(parse(question)) == expected


def test_a_noun_read_as_a_verb_after_which_is_the_one_asked() -> None:
    """The tagger reads "schemes" in "which schemes back ..." and "scheme" in "which scheme
    funds ..." as verbs; the asked noun is still the scheme, plural where written so, and a
    measure's verb ("which costs more") stays a verb (`_noun_read_as_verb`)."""
    plural = parse("which schemes back the pondicherry PTRL lab")
    assert (asked_noun(plural), answer_type(plural)) == ("scheme", ("list", None, True))
    one = parse("which scheme funds the Pondicherry Testing and Research Laboratories")
    assert (asked_noun(one), answer_type(one)[0]) == ("scheme", "org")
    assert asked_noun(parse("which costs more, the brass cluster or the cane centre?")) != "cost"


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("How many weavers work in the cluster?", "weaver"),
        ("How many spinning and weaving mills closed in the town?", "mill"),
        ("How many micro enterprises make up the cluster?", "enterprise"),
        # "no. of", "number of" before a noun count it, in a question with no wh-word
        ("no. of companies in the dindigul fabrication cluster", "company"),
        ("approx no. of units in ambala's scientific instrument cluster", "unit"),
        ("number of weavers in the Bhagalpur cluster", "weaver"),
    ],
)
def test_how_many_names_the_counted_noun(question: str, noun: str) -> None:
    """The head of the counted phrase, past its modifiers and conjuncts."""
    assert answer_type(parse(question))[:2] == ("count", noun)


def test_typed_spans_read_indian_amounts() -> None:
    found = {
        (s.text, s.type) for s in spans("The CFC cost Rs.4.98 crore, 80% of it a grant, in 2019.")
    }
    assert {("Rs.4.98 crore", "money"), ("80%", "percent"), ("2019", "date")} <= found
    # an amount in lakh is money, not a count of '10'
    assert ("INR 10 Lakh", "money") in {
        (s.text, s.type) for s in spans("Each woman got INR 10 Lakh from the scheme.")
    }


def test_typed_spans_name_schemes_up_to_their_kind() -> None:
    """A scheme's name runs up to its kind's word ("Scheme", "Yojana", "Programme"), in quotes
    too, where the tagger cuts it or finds none; a determiner and the kind alone is no name."""

    def orgs(text: str) -> set[str]:
        return {s.text for s in spans(text) if s.type == "org"}

    assert "Kauna Mat Cluster Scheme" in orgs(
        "A CFC is built through the “Kauna Mat Cluster Scheme”."
    )
    assert "Rural Weaving Programme" in orgs("The unit came up under the Rural Weaving Programme.")
    assert not {"The Scheme", "This Programme"} & orgs("The Scheme and This Programme ran.")


def test_a_title_in_quotes_is_one_name() -> None:
    """A title set in quotes, straight or curly, is one name, not the numbers and nouns the
    tagger cuts it into ("One", "House"); a quoted remark, mostly lower case or long, is none."""

    def typed(text: str) -> set[tuple[str, str]]:
        return {(s.text, s.type) for s in spans(text)}

    found = typed('Under the "One Loom in One House" project, Hanveev set up a weaving centre.')
    assert ("One Loom in One House", "org") in found
    assert not any(t == "count" for _, t in found)  # no "One" counted inside the name
    assert ("One District, One Product", "org") in typed(
        "It comes under the Central scheme 'One District, One Product' from this year."
    )
    assert ("Makhana King", "org") in typed("The brand ‘Makhana King’ was launched for makhana.")
    remark = "He said, “for rubber furniture the state has selected the district” on Friday."
    assert not any(s.type == "org" and "rubber" in s.text for s in spans(remark))
    # an apostrophe is no quote: "the weavers' cluster ... the artisans' union"
    assert not any(
        "cluster" in s.text for s in spans("The weavers' Kashi cluster and the artisans' union.")
    )


def test_short_answer_then_its_sentence_within_400_characters() -> None:
    sentence = "The scheme gave INR 10 Lakh to each of 39 women entrepreneurs."
    assert _fit("INR 10 Lakh", sentence) == f"INR 10 Lakh — {sentence}"
    long = "Filler words. " * 40 + "The grant was Rs 5 crore. " + "More filler. " * 40
    text = _fit("Rs 5 crore", long)
    assert len(text) <= 400 and text.startswith("Rs 5 crore — ") and "grant was Rs 5 crore" in text
    assert len(_fit("x" * 900, "y")) <= 400
    assert _fit("", sentence) == sentence


def test_furniture_is_never_evidence() -> None:
    assert is_furniture("TITLE: Aligarh to get flatted factory soon")
    assert is_furniture("SOURCE: https://example.org/page")
    assert is_furniture("Key features of the scheme:")
    assert not is_furniture("The flatted factory will cost Rs 20 crore to build.")
    # a question put in a document (a parliamentary question's items) asks, it does not state
    assert is_furniture("(c) whether two new clusters have been approved in the district;")
    assert is_furniture("whether the Government has sanctioned a dye house for the weavers")
    assert not is_furniture("The weavers asked whether the new dye house would open this year.")


def test_an_entity_is_named_when_all_words_of_a_name_are_there() -> None:
    node = Node("agency:jeevika", "Agency", "Bihar Rural Livelihoods Society", aliases=["JEEViKA"])
    assert names_in(node, {"jeevika", "mobilis", "women"})
    assert not names_in(node, {"bihar", "rural"})


def test_the_scorer_and_its_threshold() -> None:
    model = LogisticModel({"bias": -2.0, "overlap": 4.0}, 0.5, {})
    weak = dict.fromkeys(FEATURES, 0.0) | {"bias": 1.0, "overlap": 0.1}
    strong = weak | {"overlap": 1.0}
    assert model.probability(weak) < model.threshold < model.probability(strong)
    shipped = LogisticModel.load()  # the fitted model the package ships
    assert set(shipped.weights) <= set(FEATURES) and 0.0 < shipped.threshold < 1.0


def test_a_conversation_turn_is_read_from_a_json_line() -> None:
    assert _question_line("Who is its CEO?") == ("Who is its CEO?", None)
    line = '{"question": "Who is its CEO?", "history": ["Who invests in the toy cluster?"]}'
    assert _question_line(line) == ("Who is its CEO?", ["Who invests in the toy cluster?"])
    assert _question_line("{not json") == ("{not json", None)


@pytest.mark.parametrize(
    ("question", "noun", "phrase"),
    [
        ("Which company is putting money into the toy cluster?", "company", ("company",)),
        ("What will the extension centre cost?", "cost", ("centre", "cost")),
        ("What is the anchor unit of the jute cluster?", "unit", ("anchor", "unit")),
        ("What fuels do the ceramic units run on?", "fuel", ("fuel",)),
        ("Who bought the first consignment?", None, ()),
    ],
)
def test_the_asked_noun_comes_from_the_parse(
    question: str, noun: str | None, phrase: tuple[str, ...]
) -> None:
    doc = parse(question)
    assert asked_noun(doc) == noun
    assert asked_phrase(doc) == phrase


def test_a_count_answers_only_when_it_counts_the_asked_noun() -> None:
    q = Question("How many weavers are members?", "count", count_noun="weaver")
    assert counts_the_noun(q, "The consortiums have a membership of 1649 weavers.")
    assert not counts_the_noun(q, "The office provided 100 work sheds with looms.")
    assert [s.head for s in spans("It has 35000 weavers and 25,000 looms.")] == ["weaver", "loom"]


def test_the_span_nearest_the_question_words_leads() -> None:
    q = Question("Who bought the consignment?", "org", content={"bought", "consign"})
    text = (
        "Shipped by Cira Enterprises from Patna, the consignment was bought by H&J Veg in London."
    )
    found = [s.text for s in answer_spans(q, text)]
    assert found and found[0] == "H&J Veg"


def test_a_place_the_question_names_is_no_answer_with_a_kind_word_added() -> None:
    q = Question("Where near Ramanagara will the cluster be set up?", "place", content={"set"})
    text = "The cluster will be set up in Ramanagara district, on land at Bhairapattana."
    found = [s.text for s in answer_spans(q, text)]
    assert not any("Ramanagara" in f for f in found)
    assert "Bhairapattana" in found


def test_headlines_are_told_from_sentences() -> None:
    assert is_headline("City to have Rs 10-cr sports tech extension centre")
    assert not is_headline("He said the centre, to be set up at a cost of Rs 10 crore, would open.")


def test_abstention_reads_the_ranked_evidence() -> None:
    model = LogisticModel(
        {"bias": 0.0}, 0.5, {}, abstain={"bias": -2.0, "top_score": 4.0}, abstain_threshold=0.5
    )
    sure = [Candidate("a", "doc:x", "sentence 1", score=0.9), Candidate("b", "doc:x", "s 2")]
    unsure = [Candidate("a", "doc:x", "sentence 1", score=0.2)]
    assert not model.declines(sure) and model.declines(unsure) and model.declines([])
    assert set(LogisticModel.load().abstain) <= set(ABSTAIN_FEATURES)


def test_a_typed_question_takes_the_near_best_evidence_holding_its_type() -> None:
    """A headline that names the project but not its cost gives way to the next sentence
    holding an amount; an untyped question and a best sentence with an amount keep the best."""
    headline = Candidate("Town to get a flatted factory soon", "doc:a", "sentence 0", score=0.5)
    costed = Candidate("It will be built at a cost of Rs 90 crore.", "doc:a", "sentence 4")
    costed.score = 0.2
    money = Question("What will the flatted factory cost?", "money", content={"cost"})
    assert typed_first(money, [headline, costed]) is costed
    assert typed_first(Question("Tell me about it", "other"), [headline, costed]) is headline
    assert typed_first(money, [costed, headline]) is costed
    far = [headline, *[Candidate(f"Filler {i}.", "doc:a", f"sentence {i}") for i in range(5)]]
    assert typed_first(money, [*far, costed]) is headline  # only the first three are looked at
    weak = Candidate("The unit's owner paid Rs 5 lakh in 2009.", "doc:b", "sentence 9", score=0.1)
    assert typed_first(money, [headline, weak]) is headline  # a far weaker one does not
    # nor one from a document naming less of what the question names (another cluster's paper)
    headline.features, costed.features = {"focus_in_document": 1.0}, {"focus_in_document": 0.0}
    assert typed_first(money, [headline, costed]) is headline
    costed.features = {"focus_in_document": 1.0}
    assert typed_first(money, [headline, costed]) is costed


def test_a_value_set_side_by_side_needs_two_documents_giving_one() -> None:
    """A question "the two reports quote different figures" is answered when two documents
    naming what it names each give an amount in evidence not far weaker than good (a quarter
    of the threshold); one document, or one far weaker, is not two sides."""

    def said(text: str, doc: str, score: float, named: float = 1.0) -> Candidate:
        c = Candidate(text, doc, "sentence 1", score=score)
        c.features = {"focus_in_document": named}
        return c

    q = Question("The two reports quote different investment figures. What are they?", "money")
    q.across = True
    first, second = said("Rs 5,000 crore.", "doc:a", 0.46), said("Rs 2,000 crore.", "doc:b", 0.25)
    assert two_sided(q, [first, second], 0.5)
    assert not two_sided(q, [first, said("Rs 2,000 crore.", "doc:a", 0.25)], 0.5)
    assert not two_sided(q, [first, said("Rs 2,000 crore.", "doc:b", 0.05)], 0.5)
    assert not two_sided(q, [first, said("Rs 2,000 crore.", "doc:b", 0.25, named=0.0)], 0.5)
    q.across = False
    assert not two_sided(q, [first, second], 0.5)


def test_the_relation_asked_is_one_the_ontology_lets_touch_the_focus() -> None:
    """By meaning alone the question is nearest PART_OF (agency under agency); about a cluster
    it asks the nearest relation that can have a cluster at one end."""
    names = [r for r in RELATION_TYPES if r != "MENTIONED_IN"]

    class Meanings:  # each relation's meaning a direction of its own; the question between two
        def encode(self, texts: list[str]) -> np.ndarray:
            if len(texts) > 1:
                return np.eye(len(names))
            v = np.zeros(len(names))
            v[names.index("PART_OF")], v[names.index("IMPLEMENTS")] = 0.8, 0.6
            return v[None, :]

    class Linker:
        cache_dir = None

    analyser = QuestionAnalyser(Linker(), Meanings())  # type: ignore[arg-type]
    asked = "which agency implements the cluster"
    assert analyser.relation(asked) == "PART_OF"
    assert analyser.relation(asked, frozenset({"Cluster"})) == "IMPLEMENTS"
    assert analyser.relation(asked, frozenset({"Cluster", "Agency"})) == "PART_OF"


def _plain_analyser() -> QuestionAnalyser:
    """A question analyser with no KB to link to and every text meaning the same."""

    class Meanings:
        def encode(self, texts: list[str]) -> np.ndarray:
            return np.ones((len(texts), 4))

    class Linker:
        cache_dir = None

    return QuestionAnalyser(Linker(), Meanings())  # type: ignore[arg-type]


def test_a_noun_naming_the_kind_of_the_answer_is_no_evidence_word() -> None:
    """In "which state" the answer is a state's name; a sentence with the word "states" is
    no better evidence for it. A noun asking for something else stays a content word."""

    analyser = _plain_analyser()
    where = analyser.analyse("kauna cluster is in which state", [])
    assert where.answer_type == "place" and stem("state") not in where.content
    assert where.noun_phrase == ()
    cost = analyser.analyse("what is the cost of the kauna workshed?", [])
    assert cost.answer_type == "money" and stem("cost") in cost.content and cost.noun_phrase


def test_shorthand_is_written_out_before_the_question_is_read() -> None:
    assert unshortened("whr is the dist HQ of the govt. CFC?") == (
        "where is the district HQ of the government CFC?"
    )
    assert unshortened("Wht is the amt?") == "What is the amount?"
    # capitals are a name or an acronym, and words not in the list stay
    assert unshortened("DIST Dist. distance") == "DIST District distance"
    # a lower-case "n" is "and"; a capital one is a name's initial
    assert unshortened("where is it based n who is the founder") == (
        "where is it based and who is the founder"
    )
    assert unshortened("N Rampal heads it") == "N Rampal heads it"


def test_a_plural_written_as_optional_is_read_as_the_plural() -> None:
    assert unshortened("industry association(s) for the forging cluster") == (
        "industry associations for the forging cluster"
    )
    assert unshortened("nodal agency(ies) and bus(es)") == "nodal agencies and buses"
    assert unshortened("the scheme (SFURTI) and (s) alone") == "the scheme (SFURTI) and (s) alone"


def test_a_label_holding_an_asked_word_is_told_from_a_sentence() -> None:
    """A label answers: "Prepared by, X" answers "who prepared the DPR"; a label without the
    asked word, or a sentence that only uses the word, is no such label (`labels_asked`)."""

    analyser = _plain_analyser()
    who = analyser.analyse("Which consultancy prepared the kauna DPR?", [])
    assert labels_asked(who, "Prepared by, Orion Advisory LLP")
    assert labels_asked(who, "Prepared by: Orion Advisory LLP")
    assert not labels_asked(who, "Submitted by, Orion Advisory LLP")
    assert not labels_asked(who, "The mats were prepared by hand in the village.")
    fuel = analyser.analyse("What fuels do the kauna units run on?", [])
    assert labels_asked(fuel, "Main fuels: Electricity, Natural gas")
    assert not labels_asked(fuel, "Main products: Tiles, Sanitaryware")
    assert "labelled" in FEATURES


def test_a_list_announced_is_read_where_the_next_sentence_lists_it() -> None:
    """For "which five clusters ...": a sentence counting the asked noun without naming them is
    followed by the one that lists them ("The clusters inaugurated are A, B and C"), and that
    list is the answer; a sentence that only uses the noun, or a follower that lists other
    things without going on from it, is no such pair (`lists_announced`, `list_stretch`)."""

    analyser = _plain_analyser()
    q = analyser.analyse("Which five kauna clusters did the minister inaugurate?", [])
    counted = Candidate("The minister inaugurated five traditional clusters on Monday.", "d", "s 1")
    used = Candidate("The cluster development programme was reviewed on Monday.", "d", "s 1")
    listing = Candidate(
        "The clusters inaugurated are Kauna Mats at Thoubal, Eri Silk at Boko and Cane at Hajo.",
        "d",
        "s 2",
    )
    other = Candidate("Rice, pulses and oilseeds grow well in the valley.", "d", "s 2")
    assert lists_announced(q, counted, listing)
    assert not lists_announced(q, used, listing)
    assert not lists_announced(q, counted, other)
    place = analyser.analyse("Where is the kauna cluster?", [])
    assert not lists_announced(place, counted, listing)
    assert list_stretch(listing.text) == "Kauna Mats at Thoubal, Eri Silk at Boko and Cane at Hajo"
    assert list_stretch("These units include tufting, spinning and weaving.") == (
        "tufting, spinning and weaving"
    )
    assert list_stretch("The cluster at Boko was inaugurated on Monday.") == ""


@pytest.mark.parametrize(
    ("sentence", "items", "kind"),
    [
        ("The units inaugurated are Kauna Mats at Thoubal, Eri Silk at Boko and Cane at Hajo.",
         "Kauna Mats at Thoubal, Eri Silk at Boko and Cane at Hajo", "unit"),
        ("These projects include a dye house, a design studio and a testing lab.",
         "a dye house, a design studio and a testing lab", "project"),
        ("Some of the facilities planned at the centre are: quilting, spinning and dyeing.",
         "quilting, spinning and dyeing", "facility"),
        ("The growers live in four blocks of Kauna, Tera, Mela and Sobu.",
         "Kauna, Tera, Mela and Sobu", "block"),
    ],
)  # fmt: skip
def test_the_members_a_sentence_states_of_a_kind_are_one_list(
    sentence: str, items: str, kind: str
) -> None:
    """Copular and 'include' lists ("the X are A, B and C"), and "<n> X of A, B and C", are
    the things a list question asking for X is answered by."""
    found = [(s.text, s.head) for s in spans(sentence) if s.type == "items"]
    assert (items, kind) in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The cluster is located at Boko, Assam.",  # one thing, not members of a plural kind
        "Weavers are paid Rs 200, Rs 300 and Rs 400 a day.",  # "paid", not "are", states
        "The units are closed.",  # no enumeration
    ],
)
def test_no_list_is_read_where_none_is_stated(sentence: str) -> None:
    assert not [s for s in spans(sentence) if s.type == "items"]


def test_the_asked_thing_and_a_name_are_said_of_the_same_words() -> None:
    """What the question asks a thing of (its noun and verb) and what a name in a sentence is
    said of (kb.nlp governors), which the ranker's role_said compares."""
    analyser = _plain_analyser()
    which = analyser.analyse("Which agency implements the kauna bag cluster?", [])
    assert {"agency", "implement"} <= which.asked_of
    who = analyser.analyse("Who is the implementing agency of the kauna cluster?", [])
    assert {"agency", "implement"} <= who.asked_of
    found = {s.text: s.governors for s in spans(
        "The cluster is implemented by the District Industries Centre, Kauna.")}  # fmt: skip
    assert "implement" in found["the District Industries Centre"]
    found = {s.text: s.governors for s in spans(
        "The implementing agency, the Khadi and Village Industries Commission, met the weavers.")}  # fmt: skip
    assert {"agency", "implement"} <= found["Khadi and Village Industries Commission"]
    assert "role_said" in FEATURES


def test_a_role_is_met_by_the_other_words_of_that_role() -> None:
    """kb/roles.csv: "Who heads the cluster?" is met by a name said to be its president, not
    by one said to supply it; a word of no role is met only by itself."""
    analyser = _plain_analyser()
    asked = roles_asked(analyser.analyse("Who heads the kauna cluster?", []).asked_of)
    found = {s.text: s for s in spans(
        "The president of the kauna cluster, Ram Lal, said Shyam Traders supplies the cane.")}  # fmt: skip
    assert role_said(asked, found["Ram Lal"])
    assert not role_said(asked, found["Shyam"])
    assert roles_asked(frozenset({"weave"})) == frozenset({stem("weave")})


def test_a_question_led_up_to_is_read_from_the_sentence_that_asks() -> None:
    """A lead-in sentence gives context; the asking sentence gives the type. When that one
    says only "What are they?", the whole question is read (its noun is in the lead-in)."""
    analyser = _plain_analyser()
    led = analyser.analyse("The kauna makers say the new site is too far. Where is that site?", [])
    assert led.answer_type == "place"
    assert analyser.analyse("The kauna makers say the new site is too far.", []).answer_type != (
        "place"
    )
    they = analyser.analyse(
        "The two kauna reports quote different investment figures. What are they?", []
    )
    assert they.answer_type == "money"
    both = analyser.analyse("Who runs the kauna cluster? Where is it?", [])
    assert both.answer_type == "org"  # the first sentence asks: read whole


def test_the_kind_a_count_asks_is_read_with_its_coordinated_words() -> None:
    analyser = _plain_analyser()
    assert analyser.analyse("How many ceramic units does the town have?", []).count_kinds == {
        "ceramic"
    }
    both = analyser.analyse("How many bleaching and dyeing units were closed?", [])
    assert both.count_kinds == {"bleaching", "dyeing"}
    assert analyser.analyse("How many units were closed?", []).count_kinds == frozenset()


def test_one_figure_set_against_another_is_asked_across_sources() -> None:
    analyser = _plain_analyser()
    versus = analyser.analyse("how many units does the kauna profile count vs the 2020 report?", [])
    assert versus.across and versus.answer_type == "count"
    alone = analyser.analyse("how many units does the kauna profile count?", [])
    assert not alone.across


def test_the_graphs_fact_of_the_kind_asked_stands_in_for_a_sentence_without_one() -> None:
    """A question "which state are the Rampur silk weavers in?": a sentence praising Rampur's weavers
    holds no state; the graph's fact about Rampur, which names its state, answers, however far
    below it scores. A fact about something else, or with no place of the kind, does not."""
    q = Question("which state are the rampur silk weavers in", "place", noun=stem("state"))
    q.kind_names = frozenset({"assam"})
    praise = Candidate("But Rampur itself has skilled weavers.", "doc:a", "sentence 3", score=0.5)
    fillers = [Candidate(f"Filler {i}.", "doc:a", f"sentence {i}", score=0.3) for i in range(3)]
    fact = Candidate("Rampur — located in Assam.", "district:rampur", "graph", kind="fact")
    fact.answer, fact.score = "Rampur — located in Assam.", 0.1
    fact.features = {"fact_x_focus": 1.0}
    assert typed_first(q, [praise, *fillers, fact]) is fact
    fact.features = {"fact_x_focus": 0.0}
    assert typed_first(q, [praise, *fillers, fact]) is praise
    fact.features, q.kind_names = {"fact_x_focus": 1.0}, frozenset({"kerala"})
    assert typed_first(q, [praise, *fillers, fact]) is praise


@pytest.mark.parametrize(
    "question",
    [
        "hanveev weaving centre at kannur - which project / scheme is it under",
        "Which project or scheme backs the kolar cluster?",
    ],
)
def test_a_noun_offered_with_another_word_for_it_takes_that_words_kind(question: str) -> None:
    assert answer_type(parse(question))[0] == "org"
