"""The clusterkb ontology as data: node types, relation types and value-chain stages.

Everything that writes to a store checks labels and relation types against this module,
so a typo becomes an error instead of a new kind of node. `docs/ontology.md` describes the
same data for people; `tests/test_schema.py` keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.errors import SchemaError


@dataclass(frozen=True)
class NodeType:
    name: str
    meaning: str
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationType:
    name: str
    meaning: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class Stage:
    """One stage of a cluster's value chain and the relations that show an actor in it."""

    name: str
    meaning: str
    relations: tuple[str, ...]


NODE_TYPES: dict[str, NodeType] = {
    t.name: t
    for t in (
        NodeType("Cluster", "A group of enterprises making one product in one place."),
        NodeType(
            "Enterprise",
            "A firm, unit or collective taking part in a value chain.",
            ("anchor", "supplier", "buyer", "member unit", "SPV", "FPO", "SHG"),
        ),
        NodeType(
            "Agency",
            "A public or private body that funds, runs, trains, finances or advises.",
            (
                "government department",
                "ministry",
                "society",
                "bank",
                "MFI",
                "NGO",
                "knowledge partner",
                "training institute",
                "organisation",
            ),
        ),
        NodeType("Scheme", "A government programme, scheme or yojana."),
        NodeType("Product", "A product or craft; ODOP products are Products."),
        NodeType("Sector", "A sector of the economy, as the ODOP list names them."),
        NodeType("District", "A district, keyed by its LGD code where it has one."),
        NodeType("State", "A state or union territory, keyed by its LGD code."),
        NodeType(
            "Facility",
            "Shared infrastructure of a cluster.",
            ("CFC", "plug & play shed", "work shed"),
        ),
        NodeType(
            "GeographicalIndication",
            "A registered Geographical Indication (IP India GI registry entry).",
        ),
        NodeType("Document", "A source document or data-set file that facts come from."),
    )
}

_ALL = tuple(NODE_TYPES)

# -- type groups: node types the code treats alike (order kept where callers iterate) ----------

# Places: what LOCATED_IN ends at; named in text, told apart from the things located in them.
PLACE_TYPES = ("District", "State")
# Actors: who acts on a cluster (funds, runs, trains, partners); what "who ...?" asks for.
ACTOR_TYPES = ("Enterprise", "Agency", "Scheme")
# Backers: who funds or supports a cluster (FUNDS sources, SUPPORTED_BY targets).
BACKER_TYPES = ("Scheme", "Agency")
# Holders: a value chain's members, who are supplied, bought from, trained, financed, equipped.
HOLDER_TYPES = ("Cluster", "Enterprise")
# Never an actor in a value chain: a cluster's product, place, sector, GI or source.
NON_ACTOR_TYPES = ("Document", "Product", "District", "State", "Sector", "GeographicalIndication")
# Named in documents and questions and found there by the gazetteer (kb/linking.py).
GAZETTEER_TYPES = ("District", "State", "Agency", "Scheme", "Cluster", "Enterprise")
# Linked by the meaning of their names when no name matches (question analysis), in this order.
LINKABLE_TYPES = ("Cluster", "Scheme", "Agency", "Enterprise")

# The groups by name (docs/ontology.md lists them; tests/test_schema.py checks it does).
TYPE_GROUPS: dict[str, tuple[str, ...]] = {
    "PLACE_TYPES": PLACE_TYPES,
    "ACTOR_TYPES": ACTOR_TYPES,
    "BACKER_TYPES": BACKER_TYPES,
    "HOLDER_TYPES": HOLDER_TYPES,
    "NON_ACTOR_TYPES": NON_ACTOR_TYPES,
    "GAZETTEER_TYPES": GAZETTEER_TYPES,
    "LINKABLE_TYPES": LINKABLE_TYPES,
}

RELATION_TYPES: dict[str, RelationType] = {
    r.name: r
    for r in (
        RelationType(
            "LOCATED_IN",
            "is located in (a place inside a larger place, or a unit in its place)",
            ("Cluster", "Enterprise", "Agency", "Facility", "District"),
            PLACE_TYPES,
        ),
        RelationType(
            "PRODUCES",
            "makes or grows the product",
            ("Cluster", "Enterprise", "District"),
            ("Product",),
        ),
        RelationType(
            "ODOP_PRODUCT",
            "the district's One District One Product (ODOP) product",
            ("District",),
            ("Product",),
        ),
        RelationType(
            "IN_SECTOR",
            "belongs to the sector",
            ("Product", "Cluster", "Enterprise", "Scheme"),
            ("Sector",),
        ),
        RelationType(
            "ANCHORS",
            "is the anchor unit of the cluster (raw material, market access)",
            ("Enterprise",),
            ("Cluster",),
        ),
        RelationType(
            "SUPPLIES",
            "supplies raw material, inputs or services to",
            ("Enterprise", "Agency", "Cluster"),
            HOLDER_TYPES,
        ),
        RelationType(
            "BUYS_FROM", "buys the output of", ("Enterprise", "Agency", "Cluster"), HOLDER_TYPES
        ),
        RelationType(
            "FUNDS",
            "gives money (grant, subsidy, loan) to",
            BACKER_TYPES,
            ("Cluster", "Enterprise", "Facility"),
        ),
        RelationType(
            "SUPPORTED_BY",
            "is supported (non-monetarily or in general) by",
            ("Cluster", "Enterprise", "Facility"),
            BACKER_TYPES,
        ),
        RelationType("ADMINISTERS", "runs or owns the scheme", ("Agency",), ("Scheme",)),
        RelationType(
            "IMPLEMENTS",
            "implements the scheme or the cluster project (implementing agency, SPV)",
            ("Agency", "Enterprise"),
            ("Scheme", "Cluster"),
        ),
        RelationType(
            "MOBILISES",
            "mobilised the people or units (for example SHG women into a cluster)",
            ("Agency", "Enterprise"),
            ("Cluster", "Enterprise"),
        ),
        RelationType(
            "TRAINS",
            "trains the workers or entrepreneurs of",
            ("Agency", "Enterprise"),
            HOLDER_TYPES,
        ),
        RelationType(
            "FINANCES",
            "provides credit or loans to",
            ("Agency",),
            HOLDER_TYPES,
        ),
        RelationType(
            "HAS_FACILITY",
            "has the shared facility (CFC, plug & play shed, work shed)",
            HOLDER_TYPES,
            ("Facility",),
        ),
        RelationType(
            "MEMBER_OF",
            "is a member unit of",
            ("Enterprise",),
            ("Cluster", "Enterprise"),
        ),
        RelationType(
            "PARTNERS_WITH",
            "works with as a partner (knowledge, technical or marketing partner)",
            ACTOR_TYPES + ("Cluster",),
            ACTOR_TYPES + ("Cluster",),
        ),
        RelationType(
            "PART_OF",
            "is an organisation under (department under its ministry)",
            ("Agency",),
            ("Agency",),
        ),
        RelationType(
            "RESPONSIBLE_FOR",
            "is the ministry or department the ODOP list names for the product",
            ("Agency",),
            ("Product",),
        ),
        RelationType(
            "APPLIES_IN",
            "the scheme is open to applicants in the state",
            ("Scheme",),
            ("State",),
        ),
        RelationType(
            "HAS_GI",
            "the product is registered as the Geographical Indication",
            ("Product",),
            ("GeographicalIndication",),
        ),
        RelationType(
            "REGISTERED_IN",
            "the Geographical Indication is registered for the state",
            ("GeographicalIndication",),
            ("State",),
        ),
        RelationType(
            "MENTIONED_IN",
            "is mentioned in the document",
            tuple(t for t in _ALL if t != "Document"),
            ("Document",),
        ),
    )
}

VALUE_CHAIN_STAGES: tuple[Stage, ...] = (
    Stage("raw_material", "raw-material and input suppliers", ("SUPPLIES",)),
    Stage("production", "the units that make the product", ("MEMBER_OF", "ANCHORS", "MOBILISES")),
    Stage("common_facility", "a CFC, shed or other shared facility", ("HAS_FACILITY",)),
    Stage("finance", "grants, subsidies and credit", ("FUNDS", "FINANCES", "SUPPORTED_BY")),
    Stage("skills", "training and skilling", ("TRAINS",)),
    Stage("market", "buyers and market access", ("BUYS_FROM", "ANCHORS")),
)


# -- cue words: the words and phrases that signal each relation -------------------------------
#
# Each phrase is a regular-expression alternative, matched case-insensitively: r"\bfinanc" is a
# word starting "financ" (finance, financed, financial), r"\bgrants?\b" the word grant or grants.
# Extraction reads document sentences with TEXT_CUES (ingest/relations.py); question analysis
# reads questions with QUESTION_CUES (kb/qa.py). The two lists differ on purpose — a report says
# "the anchor unit" or "skill upgradation", a question "who anchored" or "trainers" — so each use
# keeps its own list, and neither is to be changed without its evaluation (eval-extract, eval-qa).


@dataclass(frozen=True)
class Cue:
    """Phrases whose presence in a sentence signals `relation`."""

    relation: str
    phrases: tuple[str, ...]  # regular-expression alternatives, any one of which is the signal

    @property
    def pattern(self) -> str:
        """The phrases as one regular expression (alternatives, in order)."""
        return "|".join(self.phrases)


@dataclass(frozen=True)
class QuestionCue:
    """Phrases in a question that ask for relations, each seen from the entity asked about:
    ("ANCHORS", "in") for "who anchors X?", ("LOCATED_IN", "out") for "where is X?"."""

    phrases: tuple[str, ...]  # regular-expression alternatives, any one of which is the signal
    asks: tuple[tuple[str, str], ...]  # (relation, "in" | "out"), tried in order

    @property
    def pattern(self) -> str:
        """The phrases as one regular expression (alternatives, in order)."""
        return "|".join(self.phrases)


# Extraction, by cue name. Most are searched anywhere in a sentence (entity names blanked);
# the ones marked "framed" are words that ingest/relations.py places in a frame of its own.
TEXT_CUES: dict[str, Cue] = {
    "anchor": Cue(
        "ANCHORS",
        (
            r"\banchor\b",
            r"\bleading (?:private )?(?:players?|units?|firms?|companies|manufacturers?)\b",
            r"\binvest(?:s|ed|ing|ment)\b",
            r"\b(?:establish|set up) (?:their|its) (?:own )?(?:units?|plants?|factor(?:y|ies))\b",
        ),
    ),
    "mobilise": Cue("MOBILISES", (r"\bmobili[sz]",)),
    "train": Cue(
        "TRAINS", (r"\btrain(?:ing|ed|s)?\b", r"\bskill(?:ing|s)? (?:development|upgradation)")
    ),
    # framed: the verb, then "cluster(s)" within the clause ("set up the Bag Cluster")
    "sets_up": Cue(
        "IMPLEMENTS",
        (
            r"set\s*up",
            "setup",
            r"establish\w*",
            "formed",
            r"implement\w*",
            r"develop(?:ed|ing)?",
            r"creat\w*",
            r"promot\w*",
        ),
    ),
    "nodal": Cue(
        "IMPLEMENTS", (r"\b(?:nodal|implementing|executing|implementation) (?:agency|partner)\b",)
    ),
    "fund": Cue(
        "FUNDS",
        (
            r"financ\w* (?:support|assistance|help)",
            r"\bfund(?:s|ed|ing)?\b",
            r"\bgrants?\b",
            "subsid",
            "sanction",
            "benefit under",
            "assistance of",
            "contribution",
        ),
    ),
    # just before a scheme or agency, in a sentence naming a facility: "constructed under BRGF"
    "funds_facility": Cue(
        "FUNDS",
        (r"\bthrough\b", r"\bunder\b", "sponsor", "construct", r"\bprovided\b", r"\bfunded\b"),
    ),
    "finance": Cue("FINANCES", (r"\bcredit\b", r"\bloans?\b", "micro-?financ")),
    # in an agency's name: the agency is a financier
    "financier_name": Cue(
        "FINANCES",
        (r"\bBank\b", r"\bMFI\b", r"Micro\s*finance", r"Finance (?:Corporation|Ltd|Limited)"),
    ),
    "support": Cue("SUPPORTED_BY", (r"\bsupport\w*", "through the office", r"\bassist\w*")),
    # framed: right before the funders ("set up with funding from X and Y", "funded by X")
    "fund_lead": Cue(
        "FUNDS",
        (
            r"fund(?:s|ing)? (?:from|of|by)",
            r"funded (?:by|through)",
            r"grants? (?:from|of|by)",
            r"financial (?:support|assistance|help) (?:from|of|by)",
            r"financed by",
        ),
    ),
    # framed: right before the supporter ("with the help of X")
    "support_lead": Cue(
        "SUPPORTED_BY",
        (
            "through the office of",
            # the body a cluster's work goes through ("established ... through DSEU",
            # "allotted land for the new cluster, through APIIC")
            r"\bthrough",
            r"support(?:ed)? (?:from|of|by)",
            "supported by",
            "with the help of",
            r"assistance (?:from|of)",
            "provided by",
            r"expertise of",
            r"guidance (?:from|of)",
            # the cluster's people benefit from a scheme: "weavers insured in X" ("covered
            # under X" is left out: the project's gold reads it as no link)
            r"insured (?:in|under|with)",
            r"enrolled (?:in|under)",
            r"benefit(?:s|ed|ted)? (?:from|under)",
        ),
    ),
    # framed: right before the bodies a cluster's work is done with ("the plant was built in
    # association with the City Corporation and Nagarika"): they support it; the names listed
    # after it are bodies even when nothing else says so (ingest/mentions.py)
    "with_partners": Cue(
        "SUPPORTED_BY",
        (
            r"\bin (?:association|collaboration|partnership|consultation|coordination) with",
            r"\bjointly with",
            r"\bcollaborat(?:ed|es|ing) with",
            r"\bpartner(?:ed|s|ing)? with",
            r"\b(?:tied|ties|tie|tying) up with",
            r"\bjoined hands with",
        ),
    ),
    # framed: right before a body the cluster's project is agreed with ("prepared under our
    # engagement agreement with X", "signed an MoU with X"): it supports the cluster
    "agreement_with": Cue(
        "SUPPORTED_BY",
        (
            r"\b(?:agreement|MoU|memorandum of understanding|tie-?up|contract) with",
            r"\bsigned with",
        ),
    ),
    # framed: the verb after the supporter ("X has provided ... support")
    "gives_support": Cue(
        "SUPPORTED_BY",
        ("provided", "provides?", "extended", "extends?", "gave", "offers?", "offered", "gives?"),
    ),
    "partner": Cue("PARTNERS_WITH", (r"\bpartner\b",)),
    # framed: a cluster and the bodies listed after the cue ("the mega cluster will have
    # institutions like X, Y and Z", "the cluster involves agencies such as X"): its partners
    "bodies_like": Cue(
        "SUPPORTED_BY",
        (
            r"\b(?:institutions?|agencies|bodies|organi[sz]ations|partners|stakeholders)"
            r"\s+(?:like|such as|including)\b",
        ),
    ),
    # framed: all that stands between a scheme and its agency ("SFURTI of the Ministry")
    "administered_by": Cue(
        "ADMINISTERS",
        (
            "of the",
            "of",
            "sponsored by",
            "run by",
            "administered by",
            "launched by",
            r"(?:is |are |being |was |were )*implemented by(?: the)?",
            # "The CDP, a flagship initiative of the Ministry of MSME"
            r",?\s*an? (?:[a-z]+ )?(?:initiative|scheme|programme|program) of(?: the)?",
        ),
    ),
    # framed: all that stands between an agency and the scheme it runs ("the Ministry of
    # Textiles is implementing NHDP")
    "runs_scheme": Cue(
        "IMPLEMENTS",
        (
            r"(?:is |are |has been |have been |was |were )?(?:implementing|implements|"
            r"implemented|administers|administering|runs|operates)(?: the)?",
        ),
    ),
    # framed: a sentence opening "An organisation of the ..." (under the agency named before)
    "part_of_opening": Cue("PART_OF", (r"organi[sz]ation",)),
    # framed: between two agencies ("FFDC, Kannauj, an institute under the Ministry")
    "part_of_body": Cue(
        "PART_OF",
        (
            "institute",
            r"organi[sz]ation",
            "body",
            "office",
            "undertaking",
            "autonomous body",
            "society",
            "centre",
            "unit",
        ),
    ),
    "buy": Cue(
        "BUYS_FROM",
        (
            r"\bbuys?\b",
            r"\bbought\b",
            r"\bpurchas\w+",
            r"\bprocures?\b",
            r"\bsources? (?:its|the)\b",
            r"\borders? from\b",
            r"\btied up with\b",
            r"\bso(?:ld|lls?) (?:through|to)\b",
            r"\bshops? (?:belonging|owned)",  # "shops belongingto" as pages run it together
            r"\bsales?\b[^.]{0,40}\bthrough\b",
            r"\bshowrooms?\b",
            r"\bretail(?:ers?|s)?\b",
        ),
    ),
    # framed: the supplier follows ("the rest comes from the government-owned X")
    "supplied_from": Cue(
        "SUPPLIES",
        (
            r"\bcomes? from\b",
            r"\b(?:sourced|procured|purchased|bought|supplied) from\b",
            r"\bsupplied by\b",
            # "the units source pig iron and scrap from X"
            r"\bsourc(?:e|es|ing)\b[^.;]{0,40}?\bfrom\b",
        ),
    ),
    # framed: the cluster's units sell to the businesses named after "to" ("supplying
    # castings to such companies as A, B and C", "caters to X", "exporting yarn to X", "sell
    # shoes to X")
    "supplies_to": Cue(
        "BUYS_FROM",
        (
            r"\bsuppl(?:y|ies|ied|ying)\b[^.;]{0,60}?\bto\b",
            r"\bcater(?:s|ed|ing)? to\b",
            r"\bexport(?:s|ed|ing)?\b[^.;]{0,40}?\bto\b",
            r"\bsell(?:s|ing)?\b[^.;]{1,40}?\bto\b",  # "the units sell shoes to X and Y"
        ),
    ),
    "supply": Cue(
        "SUPPLIES",
        (
            r"\bsuppl(?:ies|ied|ying)\b",
            r"\bwill supply\b",
            r"\bprovid\w+ (?:the )?raw materials?\b",
        ),
    ),
}


# The head nouns of a shared facility's name ("sand reclamation plant", "quality testing lab",
# "warehouses for cashew kernels"), read where FACILITY_CUES frame them (ingest/mentions.py
# `facility_phrases`); the name needs a word before its head that is not one of
# GENERIC_FACILITY_WORDS ("common facilities" names none), or what it is for or where it is.
FACILITY_HEADS: tuple[str, ...] = (
    r"plants?",
    r"laborator(?:y|ies)",
    r"labs?",
    r"warehouses?",
    r"godowns?",
    r"complex(?:es)?",
    r"facilit(?:y|ies)",
    r"cent(?:re|er)s?",
    r"studios?",
    r"house",
    r"machines?",
    r"incubators?",
)
# Where a facility's name stands: after words of building it ("construction of two sand
# reclamation plants", "setting up of warehouses for ...", "the cluster will have a testing
# lab"), before them ("foundry complexes being established"), or in a list of facilities
# ("common facilities like a sand reclamation plant, a vertical machining centre and ...").
# Regular-expression alternatives, matched case-insensitively.
FACILITY_CUES: dict[str, str] = {
    "builds": r"\b(?:construction|setting\s*up|establishment|creation|upgradation|upgrading|"
    r"installation|modernisation|modernization) of\b"
    r"|\b(?:set\s*up|establish(?:es|ed|ing)?|construct(?:s|ed|ing)?|buil[dt](?:s|ing)?|"
    r"install(?:s|ed|ing)?|commission(?:s|ed|ing)?|creat(?:e|es|ed|ing)|will have)\b",
    "built": r"(?:(?:is|are|was|were|will be|would be|has been|have been|had been|being|to be)\s+)?"
    r"(?:being\s+)?(?:established|set\s*up|constructed|built|installed|commissioned)\b",
    "listed": r"\bfacilit(?:y|ies)\s*,?\s+(?:like|such as|including|namely|viz\.?)\s",
}
GENERIC_FACILITY_WORDS = frozenset(
    "common shared basic other various new modern infrastructure infrastructural physical "
    "necessary required additional such all own institutional support supporting social civic "
    "facility facilities".split()
)


# What a buying, supplying or anchoring sentence names besides its businesses, which the
# statistical NER may take for organisations (ingest/mentions.py `market_organisations`):
# a name ending in one of these words is a fund, a programme, an event or a record, not a
# party that buys or supplies ("Working Capital Funds", "Yarn Bank Status", "PPP model").
NOT_BUSINESS_HEADS = frozenset(
    "fund funds scheme schemes programme program yojana mission grant grants loan loans "
    "subsidy model status exhibition exhibitions meet fair survey report project".split()
)
# The kinds of producers' own group written after a group's name ("Maa Durga SHG", "Jarok Hills
# FPO"; an ALF is an area level federation of SHGs): self-help groups, farmer producer
# organisations and companies
GROUP_KINDS: tuple[str, ...] = ("SHG", "FPO", "FPC", "ALF")
# Acronyms of arrangements and documents, never of a body: "through a PPP model", "under CSR".
NOT_BODY_ACRONYMS = ("PPP", "CSR", "SPV", "DPR", "CFC", "MoU", "GST", "RTI", "BSM")
# Acronyms of no body that a sentence may make its subject ("the CFCS will be managed by ...",
# "MSMEs have ..."), besides NOT_BODY_ACRONYMS, GROUP_KINDS and English words such as "CEO":
# things, programmes' parts, posts and the news agencies of bylines
NOT_ACTING_ACRONYMS = frozenset(
    "CFCS MSME MSMES SHGS FPOS CETP CETPS IETP ETP ZLD SWOT IAS IPS MOS ACS CMD GM DGM AGM "
    "PTI IANS KNN UNI EMN CDE CDP ODOP GI HSN".split()
)
# Words before a name that put it in a place or under a programme, not among the parties of a
# purchase or a supply ("processing at the CFSC", "will come up at Tikarbeta").
NOT_PARTY_BEFORE = frozenset("at in near into inside within across on under".split())


@dataclass(frozen=True)
class AgencyRole:
    """A role an agency plays for a cluster, the words that state it ("X is the technical
    agency", "the implementing agency, X") and the relation it gives, read from the agency
    (`forward`: agency -> cluster, else cluster -> agency)."""

    role: str
    relation: str
    phrases: tuple[str, ...]
    forward: bool = True

    @property
    def pattern(self) -> str:
        return "|".join(self.phrases)


# The nouns a role word makes a body's role with ("the implementing agency", "the executing
# partner", "the funding body"), and the words that may rank it ("the lead executing agency")
_AGENT = (
    r"(?:agenc(?:y|ies)|partners?|bod(?:y|ies)|organi[sz]ations?|institutions?|departments?|"
    r"offices?)"
)
_RANK = r"(?:(?:main|lead|leading|principal|chief|sole|overall)\s+)?"


def _acting(words: str) -> str:
    """A role phrase: one of the role `words` (a regex) and an agent noun ("nodal agency")."""
    return rf"{_RANK}(?:{words}) {_AGENT}"


AGENCY_ROLES: tuple[AgencyRole, ...] = (
    AgencyRole(
        "implementing agency",
        "IMPLEMENTS",
        (
            _acting(r"implement(?:ing|ation)|execut(?:ing|ion)"),
            r"\(IA\)",
            r"\bIA(?=\s*:)",  # a project profile's label: "Name of IA: X"
            r"implemented by",
            # "in connection with the Implementation of Lilong CDP by X": X implements it
            r"implementation of (?:the )?(?:(?!schemes?\b|programmes?\b|missions?\b|yojana\b)"
            r"[\w-]+\s+){1,5}by",
            r"^\W*submitted by",  # a project report's cover: its applicant, the SPV or the IA
        ),
    ),
    AgencyRole("nodal agency", "IMPLEMENTS", (_acting("nodal"),)),
    AgencyRole("SPV", "IMPLEMENTS", (r"special purpose vehicle", r"\bSPV\b")),
    AgencyRole(
        "technical agency",
        "SUPPORTED_BY",
        (
            _acting(r"technical(?: support)?"),
            r"technical consultants?",
            r"^\W*prepared by",  # a project report's cover: its author, the consultant
            # "a DPR prepared by X": who prepares a cluster's project report is its technical
            # agency (MSE-CDP and SFURTI guidelines ask the technical agency for the DPR)
            r"\b(?:DPRs?|(?:detailed )?project reports?)(?:\s*\([A-Z]+\))?\s+(?:(?:was|is|were|being|has been|have been)\s+)?prepared by",
        ),
        forward=False,
    ),
    AgencyRole(
        "facilitator",
        "SUPPORTED_BY",
        (r"facilitator", _acting("facilitating"), r"facilitated by"),
        forward=False,
    ),
    # a project report's cover: the body it is addressed to, for assistance under its scheme
    AgencyRole("sanctioning authority", "SUPPORTED_BY", (r"^\W*submitted to",), forward=False),
    AgencyRole("marketing partner", "SUPPORTED_BY", (_acting("marketing"),), forward=False),
    AgencyRole(
        "financing agency",
        "FINANCES",
        (_acting("financing|funding"), r"lead bank", r"financed by"),
    ),
    AgencyRole("training partner", "TRAINS", (_acting("training"), r"training institutes?")),
    # partners ("a knowledge partner") are read by the "partner" cue of TEXT_CUES
)
# Verbs whose subject (or "by" agent) acts on a cluster that is an argument of the same
# clause ("the SLPSC approved the Dry Fish Cluster ...", "clusters identified by the Ministry",
# "advised the Directorate to complete DPRs ... of the Engineering Cluster"): the verb's lemma
# gives the relation and the role (ingest/arguments.py reads the parse). A body that is only
# an object or a prepositional object of such a verb is a partner in it (SUPPORTED_BY).
_ACTS_VERBS = {
    ("implementing agency", "IMPLEMENTS", True): "implement execute establish develop construct "
    "promote operate manage run set_up take_up distribute",
    ("funding", "FUNDS", True): "fund sanction finance grant",
    ("training partner", "TRAINS", True): "train",
    ("mobilising", "MOBILISES", True): "mobilise mobilize",
    ("nodal agency", "SUPPORTED_BY", False): "approve recommend select identify review monitor "
    "advise support assist facilitate guide sponsor inaugurate",
}
VERB_ROLES: dict[str, AgencyRole] = {  # a phrasal verb is its lemma and particle: "set up"
    verb.replace("_", " "): AgencyRole(role, relation, (), forward)
    for (role, relation, forward), verbs in _ACTS_VERBS.items()
    for verb in verbs.split()
}
VERB_PARTNER = AgencyRole("partner", "SUPPORTED_BY", (), forward=False)
# Nouns naming the act of a role verb: "successful implementation of the programme by IIE",
# "funding by NABARD"; with its "by" they give the body the verb's role
# (ingest/arguments.py `_verb_of`)
NOMINAL_VERBS: dict[str, str] = {
    "implementation": "implement", "execution": "execute", "establishment": "establish",
    "construction": "construct", "promotion": "promote", "management": "manage",
    "funding": "fund", "sanction": "sanction", "financing": "finance", "training": "train",
    "mobilisation": "mobilise", "mobilization": "mobilize", "facilitation": "facilitate",
    "selection": "select", "approval": "approve", "identification": "identify",
    "monitoring": "monitor", "guidance": "guide", "sponsorship": "sponsor",
    "inauguration": "inaugurate",
}  # fmt: skip
# A verb's object that is a programme: with "cluster" among its words ("a handloom cluster
# development programme") a body selecting, starting or running it acts for the clusters a
# document describes (ingest/arguments.py `programme_roles`)
PROGRAMME_NOUNS = frozenset({"programme", "program", "scheme", "project", "initiative", "mission"})
# Verbs whose subject acts on a scheme that is the verb's object ("the Ministry has modified
# MSE-CDP", "the Board launched the Honey Mission", "the Directorate is implementing PMEGP"):
# the relation from the body to the scheme (ingest/arguments.py `scheme_roles`).
SCHEME_VERBS: dict[str, str] = {
    **dict.fromkeys(
        "launch modify revise introduce formulate administer frame notify start".split(),
        "ADMINISTERS",
    ),
    **dict.fromkeys("implement execute run operate".split(), "IMPLEMENTS"),
}
# What may stand between an agency and the role it is given ("X is the", "X, the", "X acts as
# an") or between the role and its agency ("the implementing agency, X", "Nodal Agency: X").
ROLE_BEFORE = r"\s*(?:,\s*|\(\s*)?(?:(?:is|was|are|were|will be|has been|have been|being|shall be|acts?|to act|acting|as|serves?|serving|selected|appointed|designated|chosen|named|engaged|notified|empanelled|one of|in the role of|(?:assumes?|assuming|plays?|playing|takes?|taking) the role of|contributes? as|functions? as|functioning as)\s+)*(?:the|an|a)?\s*"
ROLE_AFTER = r"\s*(?:\([A-Z]{2,5}\))?\s*(?:[,:\-–]|is|was|being)?\s*(?:the\s+|M/s\.?\s*)?"

# Question analysis, most specific first: the first cue found decides what is asked.
QUESTION_CUES: tuple[QuestionCue, ...] = (
    QuestionCue((r"\banchor",), (("ANCHORS", "in"),)),
    QuestionCue((r"\bmobili[sz]",), (("MOBILISES", "in"),)),
    QuestionCue((r"\btrain",), (("TRAINS", "in"),)),
    QuestionCue(
        (
            r"\bspv\b",
            r"\bspecial purpose\b",
            r"\bimplement(?:s|ed|ing|ation)?\b",  # any form: "which agency implements X"
            r"\bset up\b",
            r"\bruns?\b",
            r"\bnodal\b",
            # "the company formed by the artisans": the body they formed runs their project
            r"\b(?:company|firm|society|body)\b[^?]*\b(?:formed|floated|registered)\b",
        ),
        (("IMPLEMENTS", "in"), ("ADMINISTERS", "in")),
    ),
    QuestionCue(
        (r"\bknowledge partner", r"\bpartner"), (("PARTNERS_WITH", "in"), ("PARTNERS_WITH", "out"))
    ),
    # "is under which central scheme": the scheme backing a cluster, or the one a scheme is
    # run under
    QuestionCue(
        (r"\bunder which (?:\w+\s+)?(?:schemes?|programmes?|programs?|yojana|mission)\b",),
        (("SUPPORTED_BY", "out"), ("PART_OF", "out")),
    ),
    QuestionCue(
        (r"\bpart of\b", r"\bparent\b", r"\bunder which\b", r"\bunder\W*$"), (("PART_OF", "out"),)
    ),
    QuestionCue(
        (r"\bcredit", r"\bloans?", r"\bbanks?", r"\bmfis?", r"\bfinanc"), (("FINANCES", "in"),)
    ),
    QuestionCue(
        (
            r"\bfund",
            r"\bgrant",
            r"\bsubsid",
            r"\bschemes?",
            r"\bfinancial support",
            r"\bsanction",
            r"\bmoney",
        ),
        (("FUNDS", "in"), ("SUPPORTED_BY", "out")),
    ),
    QuestionCue((r"\bbuy", r"\bbuyer", r"\bpurchas", r"\bmarket"), (("BUYS_FROM", "in"),)),
    QuestionCue((r"\bsuppl", r"\braw material"), (("SUPPLIES", "in"),)),
    QuestionCue((r"\bclusters?\b.*\b(?:in|of)\b",), (("LOCATED_IN", "in"),)),
    QuestionCue(
        (
            r"\bwhere\b",
            r"\bwhich (?:district|state)\b",
            r"\b(?:which|what) (?:place|location)s?\b",  # "X cluster - which place"
            r"^\W*(?:the\s+)?(?:district|state)s?\s+(?:of|for)\b",  # "states of X and Y"
            r"\blocated",
            r"\bbased\b",
        ),
        (("LOCATED_IN", "out"),),
    ),
    QuestionCue((r"\badminister", r"\bministry", r"\bsponsor"), (("ADMINISTERS", "in"),)),
    QuestionCue(
        (r"\bcfc", r"\bcommon facility", r"\bfacilit", r"\bshed"), (("HAS_FACILITY", "out"),)
    ),
    QuestionCue(
        (r"\bsupport", r"\bprovid", r"\bgave", r"\bhelp"),
        (("SUPPORTED_BY", "out"), ("FUNDS", "in")),
    ),
    QuestionCue(  # "what will the X cluster make", "which product does X produce"
        (
            r"\b(?:make|makes|making|produce|produces|producing|manufacture|manufactures)\b",
            r"\b(?:what|which) products?\b",
        ),
        (("PRODUCES", "out"),),
    ),  # fmt: skip
)


def check_node_type(name: str) -> str:
    """Return `name` if it is a node type of the ontology, else raise SchemaError."""
    if name not in NODE_TYPES:
        raise SchemaError(f"unknown node type {name!r}; known: {', '.join(NODE_TYPES)}")
    return name


def check_relation(
    relation: str, source_type: str | None = None, target_type: str | None = None
) -> str:
    """Return `relation` if it exists and admits these endpoint types, else raise SchemaError."""
    rel = RELATION_TYPES.get(relation)
    if rel is None:
        raise SchemaError(f"unknown relation type {relation!r}; known: {', '.join(RELATION_TYPES)}")
    if source_type is not None and source_type not in rel.sources:
        raise SchemaError(
            f"{relation} cannot start at a {source_type}; allowed: {', '.join(rel.sources)}"
        )
    if target_type is not None and target_type not in rel.targets:
        raise SchemaError(
            f"{relation} cannot end at a {target_type}; allowed: {', '.join(rel.targets)}"
        )
    return relation
