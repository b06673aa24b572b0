"""Finding entity mentions in a sentence: known names (a gazetteer of the KB) and new ones.

New names are found by the shape the domain gives them: "... Pvt Ltd", "... Cooperative
Society Ltd", "... Bank", "Department of ...", "... Department", "Ministry of ...",
"... Council/Commission/Board/Institute/Society/Corporation/Organization", "... Scheme",
"... Yojana", "... Programme", "... Mission", "... Fund", "... Cluster", "<place> <product>
cluster", lists after "clusters include" or "banks like", and shared facilities (CFC, common
facility centre, plug & play, work sheds). Acronyms defined in passing ("North Eastern
Council (NEC)", "BRGF (Backward Region Grant Fund)") are folded into one name with an alias.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kb import nlp
from kb.aliases import PLACE_OFFICES, STATE_BOARDS, STATE_SHORT
from kb.linking import Mention, is_acronym
from kb.resolve import normalize
from kb.schema import (
    FACILITY_CUES,
    FACILITY_HEADS,
    GENERIC_FACILITY_WORDS,
    GROUP_KINDS,
    NOT_ACTING_ACRONYMS,
    NOT_BODY_ACRONYMS,
    NOT_BUSINESS_HEADS,
    NOT_PARTY_BEFORE,
    TEXT_CUES,
)

# -- patterns ---------------------------------------------------------------------------------

# A capitalised word. Its length is bounded (MAX_WORD): a regex search tries every start, and an
# unbounded run here made a long capitalised run without spaces cost the square of its length.
MAX_WORD = 60
_CAP = rf"(?:[A-Z][A-Za-z0-9&'’.-]{{0,{MAX_WORD}}}|[A-Z]{{2,{MAX_WORD}}}[a-z]{{0,{MAX_WORD}}})"
_CONN = r"(?:of|for|and|&|the|de)"
# A body's name ends where another body's begins: "Ministry of X Office of Y" (a letterhead) is
# two names
_NOT_A_NEW_BODY = r"(?!(?:Office|Department|Ministry|Directorate)\s+(?:of|for)\b)"
_NAME = rf"{_CAP}(?:\s+(?:{_CONN}\s+)?{_CAP}){{0,7}}"

# The last word of a business's name ("Aequs Consumers Company", "Cira Enterprises", an
# importer-exporter's "... Impex").
COMPANY_WORDS = r"(?:Company|Enterprises|Exports|Impex|Silks|Mills|Traders)"

# A body's last word in an Indian language, as names of societies, NGOs and their federations
# are written in English text: sanstha / sansthan (institution), samiti (committee), sangh /
# mahasangh (association, federation), sangathan (organisation) — "Bhartiya Gramotthan
# Sanstha", "Lodhikheda Hatkargha Vikas Samiti". ("Nigam", a corporation, is listed above;
# "Mandal" and "Sabha" are left out: a mandal is a unit of land, the Lok Sabha a house.)
BODY_WORDS_INDIAN = r"(?:Sansthan?|Samiti|Sangh|Mahasangh|Sangathan)"
# Places artisans of a craft work together that are named as such, not as a "Cluster": one
# cluster each ("Hiralaxmi Memorial Craft Park", "Raghurajpur Crafts Village")
CLUSTER_LIKE_HEADS = r"Crafts?\s+(?:Park|Village|Hub)"

# Words a scheme's name never holds before "Scheme": it is what a cluster is "under", "of",
# "through" ("Eri Silk Khadi Cluster, Oyan ... under Scheme of Fund ..." names no scheme).
_NOT_IN_SCHEME = "under|of|in|for|by|with|from|to|through|via|the|a|an|and|or|its|their|this"

# "Cluster" in a scheme's name only as "Cluster Development", "Cluster Scheme", ...
_CLUSTER_NOT_SCHEME = (
    r"Cluster\b(?!\s+(?:Development|Scheme|Programme|Program)\b)"
    rf"|(?:{'|'.join(GROUP_KINDS)})\b"  # a producers' group ends its own name, not a scheme's
)

_LOWER = (
    r"(?!(?:under|in|for|to|the|a|an|has|have|had|is|was|were|are|will|which|that|on|at|by|"
    r"with|from|and|of|as|said|would|also|has|its)\b)[a-z]+"
)

# A body introduced by its kind and the name it goes by: "the company called Natural Weaves
# Kraft", "an independent NGO named Ashapura Bahuvividha Trust"
_CALLED = r"\s+(?:called|named|christened|known\s+as)\s+"

ORG_PATTERNS: list[tuple[str, str | None, re.Pattern[str]]] = [
    (
        "Enterprise",
        "company",
        re.compile(
            rf"\b(?:company|firm|unit|brand|enterprise|co-?operative){_CALLED}"
            rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,5}})"
        ),
    ),
    (
        "Agency",
        "NGO",
        re.compile(
            rf"\b(?:NGO|trust|society|organi[sz]ation|federation|foundation){_CALLED}"
            rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,5}})"
        ),
    ),
    # "Centre for Social Development, a Nagercoil-based non-governmental organisation": a name
    # set beside its kind ("and" ends the name: "X Limited and Centre for ..." are two)
    (
        "Agency",
        "NGO",
        re.compile(
            rf"(?P<name>{_CAP}(?:\s+(?:(?:of|for|the|de)\s+)?{_CAP}){{0,7}}),\s+(?:a|an)\s+"
            r"(?:[A-Za-z-]+\s+){0,4}?(?:non-governmental\s+organi[sz]ation|NGO|voluntary\s+"
            r"organi[sz]ation|organi[sz]ation|society|trust|foundation|federation)\b"
        ),
    ),
    # "the NGO Shikhar Yuva Manch": the kind written in capitals before the name it goes by
    (
        "Agency",
        "NGO",
        re.compile(rf"\b(?:the|an?)\s+NGOs?,?\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,5}})"),
    ),
    # "Mahabahu Agro Products, an agarbatti manufacturing unit set up earlier": a business
    # set beside its kind, as the NGO above
    (
        "Enterprise",
        "company",
        re.compile(
            rf"(?P<name>{_CAP}(?:\s+(?:(?:of|and|&)\s+)?{_CAP}){{0,5}}),\s+(?:a|an)\s+"
            r"(?:[A-Za-z-]+\s+){0,3}?(?:company|firm|unit|manufacturer|exporter|enterprise|"
            r"start-?up)\b"
        ),
    ),
    (
        "Enterprise",
        "cooperative",
        re.compile(rf"{_NAME}\s+Co-?operative(?:\s+Society)?(?:\s+Ltd\.?)?\b"),
    ),
    # producers' own groups by their kind's initials or words: "Maa Durga SHG", "Kam-din
    # Mushroom and Spices FPO", "Mahasangam Mission Shakti ALF" (an area level federation);
    # "and" only before the last word ("Baripada, Berhampur and X SHG" is a list)
    (
        "Enterprise",
        "producer group",
        re.compile(
            rf"{_CAP}(?:\s+{_CAP}){{0,5}}(?:\s+(?:and|&)\s+{_CAP})?\s+(?:{'|'.join(GROUP_KINDS)}|"
            r"Self[- ]Help\s+Group|"
            r"(?:Farmers?['’]?\s+)?Producers?['’]?\s+(?:Organi[sz]ation|Company))(?![\w-])"
        ),
    ),
    (
        "Enterprise",
        "company",
        re.compile(
            rf"(?:The\s+)?{_NAME}\s+(?:Pvt\.?\s*Ltd\.?|Private\s+Limited|Private(?=\s*[.,;)])|Limited|Ltd\.?|LLP|"
            rf"Producer\s+Company(?:\s+Ltd\.?)?|{COMPANY_WORDS})\b"
        ),
    ),
    # trade bodies of the units ("Morbi Ceramic Association"), bodies like the others
    (
        "Agency",
        "association",
        re.compile(rf"{_NAME}\s+(?:Association|Chamber\s+of\s+Commerce|Consortium)\b"),
    ),
    ("Agency", "bank", re.compile(rf"{_NAME}\s+Bank\b(?:\s+of\s+{_CAP}(?:\s+{_CAP})*)?")),
    (
        "Agency",
        "government department",
        re.compile(
            rf"(?:(?:[Dd]epartment|Ministry|Directorate|Office)\s+(?:of|for)\s+(?:the\s+)?[A-Za-z]"
            rf"|(?:ministry|directorate|office)\s+(?:of|for)\s+(?:the\s+)?[A-Z])[A-Za-z-]*"
            rf"(?:,?\s+(?:{_CONN}\s+)?{_NOT_A_NEW_BODY}{_CAP}|\s+(?:and|&)\s+[A-Za-z]+)*"
        ),
    ),
    (
        "Agency",
        "government department",
        re.compile(rf"{_CAP}(?:\s+{_CAP}){{0,3}}\s+(?:[Dd]epartment|[Dd]irectorate)\b(?!\s+of)"),
    ),
    # a Union ministry in a newspaper's lower case: "the Union ministry of commerce"
    (
        "Agency",
        "ministry",
        re.compile(
            rf"(?<=\b[Uu]nion )ministry of {_LOWER}(?:(?:,\s*|\s+(?:and|&)\s+|\s+){_LOWER}){{0,4}}"
        ),
    ),
    # a ministry in lower case after "the" or a comma ("set up by the ministry of commerce and
    # industry", "DIPP, ministry of commerce"): only a ministry the gazetteer knows
    # (ingest/extract.py)
    (
        "Agency",
        "lower-case ministry",
        re.compile(
            rf"(?:(?<=\bthe )|(?<=, ))ministry of {_LOWER}"
            rf"(?:(?:,\s*|\s+(?:and|&)\s+|\s+){_LOWER}){{0,4}}"
        ),
    ),
    # a ministry named by its subject first: "Micro, Small, Medium Enterprises Ministry"
    (
        "Agency",
        "ministry",
        re.compile(rf"{_CAP}(?:,?\s+(?:and\s+|&\s+)?{_CAP}){{0,4}}\s+Ministry\b(?!\s+of)"),
    ),
    (
        "Agency",
        "organisation",
        re.compile(
            rf"{_NAME}\s+(?:Council|Commission|Board|Institute|Institution|Society|Corporation|"
            rf"Organi[sz]ation|Authority|Federation|Foundation|Trust|University|Nigam|Centre|Center|"
            rf"Committee|Club|Forum|Guild|High\s+Court|Railways?|Tool\s+Rooms?|{BODY_WORDS_INDIAN})\b"
            rf"(?:\s+(?:of|for)\s+{_CAP}(?:\s+(?:and\s+)?{_CAP})*)?"
        ),
    ),
    # "Rural Non Farm Development Agency": a body named as an agency, unless the word before
    # "Agency" is a role ("the State Implementing Agency", "Nodal Agency")
    (
        "Agency",
        "organisation",
        re.compile(
            rf"{_CAP}(?:\s+(?:(?:of|for|and|&)\s+)?{_CAP}){{0,5}}\s+(?!(?:Implementing|"
            r"Implementation|Executing|Nodal|Technical|Facilitating|Financing|Training|Marketing|"
            r"Project|Lead|Designated|Monitoring|Procurement|Collecting|Sponsoring|Funding)\s)"
            r"[A-Z][A-Za-z-]+\s+Agency\b"
        ),
    ),
    (
        "Agency",
        "organisation",
        re.compile(
            rf"(?:{_CAP}\s+){{0,3}}(?:Institute|Council|Board|Organi[sz]ation|Association|"
            rf"Chambers?|Federation|Confederation)\s+(?:of|for)\s+"
            rf"{_CAP}(?:\s+(?:and\s+|&\s+)?{_CAP}){{0,5}}"
        ),
    ),
    # a public research laboratory ("National Metallurgical Laboratory", "Central Leather
    # Research Laboratory"); a "Quality Testing Laboratory" is a facility, not a body
    (
        "Agency",
        "organisation",
        re.compile(
            rf"\b(?:National|Central|Regional|Indian)\s+(?:{_CAP}\s+){{0,3}}Laborator(?:y|ies)\b"
        ),
    ),
    ("Agency", "government department", re.compile(r"\b[Dd]istrict\s+[a-z]+\s+office\b")),
    (
        "Agency",
        "district administration",
        re.compile(rf"{_CAP}\s+(?:[Dd]istrict\s+)?[Aa]dministration\b"),
    ),
    (
        "Scheme",
        None,
        re.compile(
            rf"(?<![\w-])(?!{_CLUSTER_NOT_SCHEME}){_CAP}(?:,?\s+(?:{_CONN}\s+)?(?:(?!{_CLUSTER_NOT_SCHEME}){_CAP}|"
            rf"(?!(?:{_NOT_IN_SCHEME})\b)[a-z]+(?=\s+(?:Scheme|Yojana|Yojna)))){{0,9}}?"
            # "Mission Shakti": a name "Mission" opens is not one ending in it
            rf"\s+(?:Scheme|Yojana|Yojna|Programme|Program|Mission(?!\s+[A-Z][a-z])|Fund|Policy"
            rf"|Initiative)\b"
            rf"(?:\s+Scheme\b)?"
            rf"(?:\s*-?\s*\d{{4}}|,\s*(?:19|20)\d\d(?![\d,]))?"
        ),
    ),
    (
        "Cluster",
        None,
        # "Oil Expeller and Parts Cluster": one name over "and" (a place before the "and" is a
        # list's, see ingest/extract.py `_joined_clusters`); "... District Cluster Name" is a
        # table's column heading
        re.compile(
            rf"{_CAP}(?:(?:[\s-]+|\s+(?:and|&)\s+){_CAP}){{0,5}}\s+"
            rf"(?:Cluster|{CLUSTER_LIKE_HEADS})\b(?!\s+(?i:scheme|development|programme|program|name)\b)"
            r"(?:-\d{1,2}(?![\d.,]))?"  # "KOEL Lean Cluster-1", one of a promoter's numbered clusters
        ),
    ),
    # a programme named by "Mission" and its name ("Mission Shakti", "Mission Antyodaya"); not a
    # mission's officer or office ("Mission Director")
    (
        "Scheme",
        None,
        re.compile(
            r"\bMission\s+(?!(?:Director|Directorate|Mode|Manager|Office|Head|Leader|"
            r"Coordinator|Staff|Team)\b)[A-Z][a-z]{2,}\b"
        ),
    ),
    # a programme named by "Project" and its name ("launched Project Subansiri", "Project
    # EnterPrice sponsored by UNDP"); not a project's officer, paper or money ("Project
    # Director", "Project Report", "Project Cost")
    (
        "Scheme",
        None,
        re.compile(
            r"\bProject\s+(?!(?:Director|Directorate|Manager|Management|Office|Officer|Head|"
            r"Leader|Coordinator|Co-ordinator|Staff|Team|Report|Cost|Costs|Proposal|Area|Site|"
            r"Implementation|Implementing|Monitoring|Approval|Sanction|Completion|Appraisal|"
            r"Details|Profile|Summary|Components?|Activities|Outlay|Period|Unit|Units)\b)"
            r"[A-Z][A-Za-z]{2,}(?:\s+(?!(?:Foundation|Society|Trust|Ltd|Limited|Company|"
            r"Association|Council)\b)[A-Z][a-z]{2,}){0,2}\b"
            r"(?!\s+(?:Foundation|Society|Trust|Ltd|Limited|Company|Association|Council)\b)"
        ),
    ),
    # What a project is "under" is a scheme: "under SFURTI", "under the BEE-SME program"
    (
        "Scheme",
        None,
        re.compile(
            rf"\bunder\s+(?:the\s+)?(?P<name>(?!(?:{'|'.join(NOT_BODY_ACRONYMS)})\b)"
            # a part after a hyphen may mix cases, capitals at both ends ("PM-DevINE")
            r"[A-Z][A-Z0-9]+(?:-(?:[A-Z0-9]+|[A-Z][A-Za-z0-9]*[A-Z]))*"
            r"(?:\s+(?:[Ss]chemes?|[Pp]rogram(?:me)?|[Yy]ojana))?)\b"
        ),
    ),
    # What a project is "under" is a scheme when it is a package: "units in Bastar division
    # under the Vananchal Package" (not "a Transfer of Technology Package" for potters)
    (
        "Scheme",
        None,
        re.compile(rf"\bunder\s+(?:the\s+)?(?P<name>(?:{_CAP}\s+){{1,3}}Package)\b"),
    ),
    # What work is sanctioned, funded or done "under" is a scheme, whatever its name:
    # "sanctioned under Assistance to States for Development of Export Infrastructure",
    # "skill training under Utkarsh Bangla", "the scheme under Integrated Development & Promotion
    # of Handicrafts"; a body, a place or a law is not (`_NOT_UNDER`). Whatever comes before,
    # "under" a sponsored name is a scheme: "at a cost of Rs 2.7 crore under Central government
    # sponsored Skills Acquisition and ..."
    (
        "Scheme",
        "under",
        re.compile(
            r"\b(?:(?:sanctioned|funded|approved|supported|assisted|covered|implemented|launched|"
            r"established|developed|selected|set\s+up|training|assistance|support|grants?|funds?|"
            r"schemes?|programmes?|programs?|projects?|interventions?)\s+under\s+(?:the\s+)?|"
            r"under\s+(?:the\s+|a\s+)?(?:[Cc]entral(?:ly)?|[Ss]tate|[Uu]nion)(?:\s+[Gg]overnment|"
            r"\s+[Gg]ovt\.?)?[\s-]+(?:[Ss]ponsored|[Ff]unded)\s+(?:the\s+)?)"
            rf"(?P<name>{_CAP}(?:\s+(?:(?:of|for|and|&|to)\s+)?{_CAP}){{1,8}})"
        ),
    ),
    # A programme a document defines by what it is: "Antaran is a key intervention of the Tata
    # Trusts' craft-based livelihood programme", "Rampur Haat, an initiative of the Board,";
    # "the project", "it" and the like are no names
    (
        "Scheme",
        None,
        re.compile(
            r"(?:^|(?<=, )|(?<=: )|(?<=; ))(?!(?:The|This|That|These|Those|It|Its|Our|Their|He|She|They|We|Project)\b)"
            rf"(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})(?:\s+(?:is|was)\s+(?:an?|the)|\s*,\s+an?)\s+"
            r"(?:[a-z-]+\s+){0,3}(?:intervention|programme|program|scheme|initiative|yojana)\s+"
            r"(?:of|by|under|launched|run|funded|supported|implemented|started|conceived)\b"
        ),
    ),
    # The agent of a cluster action: "mobilised by Kudumbashree", "trained by the XYZ".
    (
        "Agency",
        "organisation",
        re.compile(
            rf"\b(?:mobilised|mobilized|trained|funded|supported|sponsored|implemented|promoted|"
            rf"financed|assisted|organised|organized) by (?:the )?(?P<name>{_CAP}(?:\s+{_CAP}){{0,4}})"
        ),
    ),
]
_PLACE_OFFICE = re.compile(
    rf"\b(?P<acr>{'|'.join(re.escape(a) for a in sorted(PLACE_OFFICES, key=len, reverse=True))})"
    r"\s*,?\s+(?P<place>[A-Z][a-z]{2,})\b"
)
_STATE_BOARD = re.compile(
    rf"(?<![\w&])(?P<state>{'|'.join(re.escape(a) for a in STATE_SHORT)}|[A-Z][a-z]{{2,}})\s+"
    rf"(?P<acr>{'|'.join(STATE_BOARDS)})\b"
)
# A directorate named by its head's post: "Director, Industries, Odisha", "Director of
# Handlooms and Textiles" (the state, when given, after a comma).
_HEAD_OF_DIRECTORATE = re.compile(
    r"\bDirector\s*(?:,\s*|\s+of\s+)(?P<dept>Industries(?:\s+(?:and|&)\s+Commerce)?|"
    r"Handlooms?(?:\s+(?:and|&)\s+Textiles)?|Handicrafts|Sericulture|Textiles|Khadi)"
    r"(?:\s*,\s*(?P<state>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b)?"
)
# Governments, as bodies that fund, approve and administer: the Union's ("Government of India",
# "GoI", "the Union government", "the Central Government", "the Centre") and a state's
# ("Government of Kerala", "Govt. of Tamil Nadu", "Kerala government", "the Maharashtra State
# Government", "the State government": the document's state, read at ingest). Not "the Centre
# for X" (a body's name), and not a government written after a body and its comma ("Ministry of
# Textiles, Government of India": that ministry's, see `pattern_mentions`)
# a name a government's words open ("Central Government Health Scheme", "Government College")
_GOVERNMENT_NAMED = (
    r"(?:[A-Z][a-z]+\s+)*(?:Scheme|Yojana|Programme|Program|College|School|"
    r"Hospital|Polytechnic|Press|Institute|Undertaking|Order|Employees?)\b"
)
_GOVERNMENT = re.compile(
    r"\b(?:Government|Govt\.?)\s+of\s+(?P<of>[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,2})"
    r"|\b(?P<named>[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,2})\s+(?:[Ss]tate\s+)?"
    rf"(?:[Gg]overnment|[Gg]ovt\.?)(?![\w-])(?!\s+(?:of\b|{_GOVERNMENT_NAMED}))"
    r"|\b(?P<kind>[Uu]nion|[Cc]entral|[Ss]tate)\s+(?:[Gg]overnment|[Gg]ovt\.?)(?![\w-])"
    rf"(?!\s+(?:of\b|{_GOVERNMENT_NAMED}))"
    r"|\b(?P<goi>GoI|GOI)\b"
    r"|\bthe\s+(?P<centre>Centre)\b(?!\s*(?:for|of)\b)"
)
# What a government's words say of it: the Union's, or a state's ("the state government")
_UNION_WORDS = frozenset({"india", "union", "central", "centre", "goi"})
AFTER_BODY = re.compile(r"[A-Z][\w&.)’']*\s*,\s*$")


def government_mentions(sentence: str) -> list[Mention]:
    """Governments named in `sentence`, each a Mention of role "government" named "Government
    of India", "Government of <the words of its state>" or "State government" (the state left
    to ingest/extract.py `_government`)."""
    found = []
    for m in _GOVERNMENT.finditer(sentence):
        key = next(k for k in ("of", "named", "kind", "goi", "centre") if m.group(k))
        if key == "named":  # "The Kerala government", "the Maharashtra State Government"
            words = [w for w in m.group(0).split()[:-1] if w.lower() not in _LEADING]
            if words[-1:] == ["State"] and len(words) > 1:
                words = words[:-1]
            if not words:
                continue  # "The Government": which one, the sentence does not say
            if [w.lower() for w in words] in (["state"], ["union"], ["central"]):
                key = "kind"  # "The State Government"
        else:
            words = m.group(key).split()
        if AFTER_BODY.search(sentence[: m.start()]):
            continue  # "Department of MSME&T, Government of West Bengal": the department
        if key == "of":
            start = m.start()
        elif key in ("named", "kind"):
            start = m.start() + m.group(0).find(words[0])
        else:
            start = m.start(key)
        of = " ".join(words)
        if words[0].lower() in _UNION_WORDS:  # also "GoI", "the Centre"
            name = "Government of India"
        elif key == "kind":  # "the State government": the document's (ingest/extract.py)
            name = "State government"
        else:
            name = f"Government of {of}"
        found.append(Mention("Agency", name, start, m.end(), "government"))
    return found


# Words that start a sentence or a clause but are not part of a name (the last four: a page's
# heading words, "History Of X Craft Park").
_LEADING = {"the", "through", "under", "in", "with", "by", "a", "an", "this", "these", "that",
            "as", "from", "to", "for", "and", "of", "at", "on", "its", "their", "our", "now",
            "notably", "moreover", "further", "also", "successful", "implementation", "some",
            "examples", "gap", "funding", "sponsored", "commercial", "selection", "while", "all",
            "various", "different", "other", "state-of-the-art", "new", "both", "history", "about",
            "overview", "introduction", "ngo", "ngos", "meanwhile", "however", "besides",
            "furthermore", "thus", "hence", "therefore", "today", "yesterday", "later",
            "earlier"}  # fmt: skip
_GENERIC = {"cluster", "scheme", "department", "programme", "program", "fund", "mission",
            "bank", "banks", "society", "institute", "board", "council", "office", "the cluster",
            "msme cluster", "cluster development", "msme", "government", "organisation",
            "organization", "institution", "corporation", "authority", "committee", "commission",
            "state", "centre", "center", "union", "nation", "country"}  # fmt: skip

# Words that make up a business's kind, not its name: "Producers Company" names nobody.
_BUSINESS_WORDS = {"producer", "producers", "company", "companies", "enterprises", "exports",
                   "mills", "traders", "silks", "private", "limited", "ltd", "pvt", "the",
                   "farmer", "farmers", "weavers", "artisans", "agri", "agro", "co", "and", "&",
                   "association", "consortium", "local", "industries", "industry"}  # fmt: skip


def _only_business_words(name: str) -> bool:
    return all(w.strip(".,") in _BUSINESS_WORDS for w in name.lower().split())


FACILITY_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    ("CFC", "CFC", re.compile(r"\bCFCs?\b|[Cc]ommon [Ff]acility [Cc]ent(?:re|er)s?")),
    (
        "plug & play shed",
        "plug & play facility",
        re.compile(r"plug\s*(?:&|and|n)\s*play(?:\s+(?:facilit(?:y|ies)|sheds?|model))?", re.I),
    ),
    ("work shed", "work sheds", re.compile(r"\bwork\s*-?\s*sheds?\b", re.I)),
    ("work shed", "rearing sheds", re.compile(r"\brearing\s+sheds?\b", re.I)),
]

_LISTED_KINDS = (
    r"clusters?|banks?|MFI'?s?|NGOs?|institutions|agencies|compan(?:y|ies)|players?|"
    r"schemes|programmes|brands?|firms?|buyers?|exporters?|retailers?|manufacturers|"
    r"associations|institutes|organi[sz]ations|societies|(?:con)?federations"
)
# "banks like A and B", "companies such as A, B", and "such companies as A, B and C"
LIST_AFTER = re.compile(
    rf"\b(?:(?P<what>{_LISTED_KINDS})\s*,?\s+(?:include|including|such as|like|namely|[-–—](?=\s))"
    rf"|such\s+(?P<such>{_LISTED_KINDS})\s+as)\s+(?P<items>[^.;:]+)",
    re.I,
)
ROLE_OF_LIST = {"bank": ("Agency", "bank"), "mfi": ("Agency", "MFI"), "ngo": ("Agency", "NGO"),
                "institution": ("Agency", "organisation"), "agenc": ("Agency", "organisation"),
                "cluster": ("Cluster", None), "compan": ("Enterprise", "company"),
                "scheme": ("Scheme", "scheme"), "programme": ("Scheme", "scheme"),
                "player": ("Enterprise", "company"), "brand": ("Enterprise", "company"),
                "firm": ("Enterprise", "company"), "buyer": ("Enterprise", "company"),
                "exporter": ("Enterprise", "company"), "retailer": ("Enterprise", "company"),
                "manufacturer": ("Enterprise", "company"),
                "association": ("Agency", "association"), "institute": ("Agency", "organisation"),
                "organi": ("Agency", "organisation"), "societ": ("Agency", "organisation"),
                "federation": ("Agency", "association"),
                "confederation": ("Agency", "association")}  # fmt: skip


# a list of clusters given as places with a bracket or "for" their product ("Shopian (J&K) and
# Kinnaur (HP) for apple", "Jaipur (blue pottery)"), not by names
_PLACE_ITEM = re.compile(r"\(|\sfor\s+[a-z]")


# kinds of body whose one name may hold "and" ("Manufacturers and Traders Confederation")
_NAMES_WITH_AND = ("association", "institute", "organi", "societ", "federation", "confederation")


# a post heading a body's name is the person's, not the body's: "Vice Chairman J&K KVIB"
_POSTS = {"vice", "chairman", "chairperson", "chairwoman", "secretary", "president", "minister",
          "ceo", "cmd", "md", "deputy", "secretary/ceo", "dy.", "director", "hoo", "&"}  # fmt: skip


# the kind of document a title names before its subject: "Draft Detailed Project Report
# Kaithal Rice Milling Cluster" is the report of the Kaithal Rice Milling Cluster
_REPORT_WORDS = {"draft", "detailed", "report", "dpr", "final", "revised"}


def _report_word(words: list[str]) -> bool:
    w = words[0].lower().strip(",:")
    return w in _REPORT_WORDS or (w == "project" and words[1].lower().strip(",:") == "report")


# Heads of what work may be "under" that is no scheme: a body, a place, a cluster, a law, a phase
_NOT_UNDER = re.compile(
    r"\b(?:Ministry|Department|Directorate|Office|Government|Govt|Commission|Council|Board|"
    r"Corporation|Society|Federation|Limited|Ltd|Bank|Authority|Institute|Agency|Cell|"
    r"Cluster|District|Block|Range|Park|Village|Taluka?|Act|Rules?|Section|Phase|Guidelines?)\b"
)


# A programme that is an event held, not a scheme run: "an Awareness Programme on CDP", "a
# Training Programme for weavers"
_EVENT_PROGRAMME = re.compile(
    r"^(?:(?:Awareness|Training|Orientation|Exposure|Sensiti[sz]ation|Induction|Demonstration|"
    r"Skill|Capacity|Building|Development|Entrepreneurship|Visit|Workshop|Camp)\s+)+"
    r"(?:Programme|Program)$",
    re.I,
)


# A body owning what follows: "Ministry of MSME's ", "the Board's "
_BODY_OWNER = re.compile(
    r"^.*\b(?:Ministry|Department|Government|Govt|Centre|Council|Board|Commission|"
    r"Corporation|Bank|Directorate|Office|Authority|Agency|Institute)\b.*?['’]s\s+"
)


def _trim_leading(text: str, start: int) -> tuple[str, int]:
    words = text.split(" ")
    while len(words) > 1 and (
        words[0].lower().strip(",") in _LEADING | _POSTS
        # a sentence's opening adverb and its comma: "Separately, the ... Programme"
        or (words[0].endswith(",") and words[0].lower().rstrip(",").endswith("ly"))
        or (words[0].lower().endswith("ing") and words[1] not in ("&", "and"))
        or _report_word(words)
    ):
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start


# A scheme named in capitals with its kind in lower case, as newspapers write it ("the
# Electronics Manufacturing Clusters scheme", "the Mega Food Park programme"); a government or
# a post is no scheme's name ("the State Government scheme"), nor is a place (ingest/extract.py)
_SCHEME_LOWER_KIND = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:(?:of|for|and|&)\s+)?{_CAP}){{1,6}})\s+"
    r"(?P<kind>scheme|programme|program|yojana)\b"
)
# A scheme named all in lower case after "under", as newspapers write it: "to be implemented
# under the State government's common production infrastructure scheme", "set up under the
# cluster development programme". "Under" says a scheme follows; descriptive words before the
# name ("the said", "a centrally sponsored", "its new") are no part of it.
_UNDER_LOWER = re.compile(
    r"\bunder\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
    r"(?:(?:[A-Z][\w-]*\s+)*(?:[A-Z][\w-]*|[a-z]+)['’]s\s+)?"  # the owner: "the State government's"
    r"(?P<name>(?:[a-z][a-z-]*\s+){1,6})(?P<kind>scheme|programme|program|yojana|mission)\b"
)
_SCHEME_DESCRIPTORS = set(
    "said same this that these new old modified revised above existing proposed special various "
    "different central centre state union government govt centrally sponsored sector flagship "
    "ambitious other such ongoing current previous earlier umbrella popular welfare subsidy pilot "
    "whole entire overall larger major".split()
)
# words no lower-case scheme name holds: joining words, counts, the kinds themselves ("under
# various schemes including the scheme", "under these seven clusters program")
_NOT_IN_LOWER_NAME = set(
    "the a an of for to in on with by from including and or its their these those schemes "
    "programmes programs clusters two three four five six seven eight nine ten several many".split()
)
_NOT_A_SCHEME_NAME = re.compile(
    r"\b(?:Government|Govt|Minister|Ministry|Department|Centre|Central|State|Union|Cabinet|"
    r"Chief|Council|Board)\b"
)


# A body's role in words (those of kb.schema AGENCY_ROLES)
_ROLE_WORDS = (
    r"(?i:(?:implementing|implementation|executing|nodal|technical|facilitating|financing|"
    r"training|marketing)\s+(?:agenc(?:y|ies)|partners?|organi[sz]ations?|institutions?)|"
    r"special purpose vehicle|SPV\b)"
)
# A body's name of up to six capitalised words, "of", "for", "and" or "&" between them
_BODY_NAME = rf"(?P<name>{_CAP}(?:\s+(?:(?:of|for|and|&)\s+)?{_CAP}){{0,5}})"
# A name given a body's role right after it: "SHARE as the Implementing Agency", "Seva Bharati
# acting as the nodal agency", "IED Odisha (Nodal Agency, MSME)"
_ROLE_APPOSED = re.compile(
    rf"{_BODY_NAME}(?:\s*,?\s+"
    r"(?:(?:acts?|acting|serves?|serving|works?|working|contributes?)\s+)?as\s+(?:the\s+|an?\s+)?|"
    r"\s+in\s+the\s+role\s+of\s+(?:the\s+|an?\s+)?|\s*\(\s*)" + _ROLE_WORDS
)
# A name set beside what kind of body it is: "Cluster Pulse, an Ahmedabad based autonomous
# economic development agency, has been awarded ...", "Dastkar, a Delhi-based NGO"
_KIND_APPOSED = re.compile(
    rf"{_BODY_NAME},\s+an?\s+"
    # the kind's own modifiers, no phrase of a post ("a project coordinator at Indian Institute")
    r"(?:(?!(?:at|of|in|with|for|and|to|from|by|on|under)\b)[A-Za-z-]+\s+){0,6}?"
    r"(?:agency|organi[sz]ation|NGO|non-profit|institute|institution|society|trust|foundation|"
    r"federation|association)\b(?=\s*[,.;)]|\s+(?:that|which|of|in|based|working|has|had|is|"
    r"was|will)\b)"
)
# A business named after its role in a value chain: "its anchor investor Aeques", "anchor unit
# M/s Kalapur Toys"
_ANCHOR_NAMED = re.compile(
    r"\banchor\s+(?:investors?|units?|compan(?:y|ies)|firms?|industr(?:y|ies)|tenants?)\s+"
    rf"(?:M/s\.?\s*)?(?P<name>{_CAP}(?:\s+{_CAP}){{0,4}})"
)
# A report cover's line: a role, then the body holding it ("Implementing Agency Aditya Global
# Business Incubator", "Technical Agency: Agrotech Foods")
_ROLE_LABELLED = re.compile(
    rf"^\W*{_ROLE_WORDS}\s*[:\-–]?\s*(?P<name>{_CAP}(?:\s+(?:(?:of|for|and|&)\s+)?{_CAP}){{1,7}})"
)


_CLUSTER_LEVEL = re.compile(r"\bCluster[\s-]+Level\b", re.I)


_QUOTED_NAME = re.compile(
    r"[‘'\"“]([A-Z][^‘’'\"“”]{2,80}?)[’'\"”](?=\s+(?:Scheme|Yojana|Programme|Mission|scheme)\b)"
)


# a phrase of lower-case words in quotes named as a scheme: "the "compete with China" scheme"
_QUOTED_LOWER = re.compile(
    r"[‘'\"“](?P<name>[a-z][^‘’'\"“”.;:]{2,60}?)[’'\"”]\s+"
    r"(?P<kind>scheme|programme|program|mission|yojana|initiative)\b",
    re.I,
)


# a title in quotes named as a programme of work by a kind word the scheme shapes do not end
# with: "Under the "One Loom in One House" project", "the ‘Weaver's Village’ initiative"
_QUOTED_PROJECT = re.compile(
    r"[‘\"“](?P<name>[A-Z][^‘’\"“”.;:!?]{2,80}?)[’\"”]\s+(?P<kind>project|initiative)\b",
    re.I,
)


# A programme written as a code with its number, then "project": "The GEF-5 project focuses on
# improving energy efficiency in India's MSME sector"
_CODED_PROJECT = re.compile(
    r"(?<![\w&/-])(?P<name>[A-Z]{2,6}-\d{1,2}(?:\.\d)?)\s+(?P<kind>[Pp]roject|[Pp]rogramme)\b"
)
# the last word of a name that says it is a place of work, not a programme of it
_WORKS_NAME_END = re.compile(
    r"\b(?:Cluster|Centre|Center|Park|Village|Hub|Unit|Plant|Facility|Complex|Estate|"
    r"Corporation|Board|Council|Society|Committee|Limited|Ltd|Federation|Institute)s?$",
    re.I,
)


def defined_projects(sentence: str, pairs: list[tuple[str, str]]) -> list[Mention]:
    """Programmes named by "project": a name the sentence defines an acronym for, written with
    "Project" after it ("Integrated Development and Promotion of Handicrafts (IDPH) Project
    includes ...", read by `acronym_pairs` without its brackets), and a code with its number
    ("the GEF-5 project"). A defined acronym marks a programme's title; a project named
    without one ("the Mokokchung food processing project") is a cluster's own work."""
    found: list[Mention] = []
    for _, expansion in pairs:
        words = expansion.split()
        if len(words) < 2 or _WORKS_NAME_END.search(expansion):
            continue
        for m in re.finditer(
            rf"(?<![\w-]){re.escape(expansion)}\s+(?:Project|project)\b", sentence
        ):
            found.append(Mention("Scheme", f"{expansion} Project", m.start(), m.end(), "scheme",
                                 how="defined project"))  # fmt: skip
    for m in _CODED_PROJECT.finditer(sentence):
        name = f"{m.group('name')} {m.group('kind').capitalize()}"
        found.append(Mention("Scheme", name, m.start(), m.end(), "scheme", how="coded project"))
    return found


def pattern_mentions(sentence: str) -> list[Mention]:
    found: list[Mention] = []
    # first, so that they win a tie with a shape below over the same words
    for m in _PLACE_OFFICE.finditer(sentence):
        if m.group("place").lower() in _LEADING:
            continue
        name = f"{PLACE_OFFICES[m.group('acr').replace('  ', ' ')]}, {m.group('place')}"
        found.append(Mention("Agency", name, m.start(), m.end(), "place office"))
    for m in _STATE_BOARD.finditer(sentence):
        state = STATE_SHORT.get(m.group("state"), m.group("state"))
        found.append(Mention("Agency", f"{state} {STATE_BOARDS[m.group('acr')]}", m.start(),
                             m.end(), "place office"))  # fmt: skip
    found += government_mentions(sentence)
    for m in _HEAD_OF_DIRECTORATE.finditer(sentence):
        # "the Director, Industries, Odisha" acts for the Directorate of Industries, Odisha
        state = f", {m.group('state')}" if m.group("state") else ""
        found.append(Mention("Agency", f"Directorate of {m.group('dept')}{state}", m.start(),
                             m.end(), "government department"))  # fmt: skip
    labelled = [(m.start("name"), m.group("name")) for m in _ROLE_LABELLED.finditer(sentence)]
    found += [Mention("Agency", name, k, k + len(name), "labelled") for k, name in labelled]
    # "the ‘Lean Manufacturing Cluster’ Scheme": a name quoted before its kind is read without
    # its quotes (blanked, so every position stays), as the scheme's name
    unquoted = _QUOTED_NAME.sub(lambda m: " " + m.group(1) + " ", sentence)
    # "Cluster Level Report", "Cluster-level meeting": "cluster" as a level of work, no name's end
    leveled = _CLUSTER_LEVEL.sub(lambda m: m.group(0).lower(), unquoted)
    for type_, role, rx in ORG_PATTERNS:
        for m in rx.finditer(leveled if type_ == "Cluster" else unquoted):
            group = "name" if "name" in rx.groupindex else 0
            name, start = _trim_leading(m.group(group).strip(" ,"), m.start(group))
            # "Facilitating Agency Shilpgram Foundation": the role's words are no part of it
            cut = next((k - start for k, _ in labelled if start < k < start + len(name)), 0)
            name, start = name[cut:], start + cut
            name = name.rstrip(" ,.")
            if normalize(name) in _GENERIC or len(name) < 4 or _only_business_words(name):
                continue
            if type_ == "Agency" and re.search(r"facilit(?:y|ation) cent(?:re|er)", name, re.I):
                continue  # a common facility centre is a Facility, not a body
            if type_ == "Scheme":
                if role == "under" and (
                    any(
                        f.type == "Scheme" and f.start < start + len(name) and start < f.end
                        for f in found
                    )
                    or _NOT_UNDER.search(name)
                    or re.search(r"\.\s|\b[A-Z]{2,}\s+and\s+[A-Z]{2,}\b", name)
                ):
                    # "sanctioned under the Ministry of Textiles", "... Nadia District"; a
                    # sentence's end ("under SFURTI. Bansi Lal") or two acronyms ("under PMEGP
                    # and JKREGP", each found on its own)
                    continue
                role = "scheme"
                if _EVENT_PROGRAMME.match(name):
                    continue  # "Awareness Programme": an event, not a scheme
                first, *rest = name.split()
                if first == "Project" and rest and nlp.english(rest[0].removesuffix("s")):
                    continue  # "Project Report", "Project Outcome": a project's part or paper
                if name.endswith(" Initiative") and len(rest) < 2:
                    continue  # "Government Initiative": no programme's name
                # "the Ministry of MSME's Cluster Development Programme": the body owning the
                # scheme is no part of its name ("Prime Minister's ..." is: a post, no body)
                owner = _BODY_OWNER.match(name)
                if owner and len(name[owner.end() :].split()) >= 2:
                    name, start = name[owner.end() :], start + owner.end()
            if name == name.lower():  # "ministry of textiles" -> "Ministry of Textiles"
                name = re.sub(r"\b(?!(?:of|and)\b)[a-z]", lambda c: c.group(0).upper(), name)
            found.append(Mention(type_, " ".join(name.split()), start, start + len(name), role))
    for m in _SCHEME_LOWER_KIND.finditer(sentence):
        # "the Centre's modified Electronics Cluster scheme": a name, then the kind in lower case
        name, start = _trim_leading(m.group("name"), m.start("name"))
        owner = re.match(r"\S+['’]s\s+", name)  # "Centre's Toy Clusters scheme": the Centre's
        if owner:
            name, start = name[owner.end() :], start + owner.end()
        if len(name.split()) >= 2 and not _NOT_A_SCHEME_NAME.search(name):
            full = f"{name} {m.group('kind')}"
            found.append(Mention("Scheme", full, start, start + len(full), "scheme",
                                 how="lower-case kind"))  # fmt: skip
    for m in _UNDER_LOWER.finditer(sentence):
        # "under the State government's common production infrastructure scheme": the words
        # after its descriptive ones, two or more, are the scheme's name
        tokens = list(re.finditer(r"\S+", m.group("name")))
        at = next((w for w in tokens if w.group(0) not in _SCHEME_DESCRIPTORS), None)
        kept = tokens[tokens.index(at) :] if at is not None else []
        if len(kept) >= 2 and not any(w.group(0) in _NOT_IN_LOWER_NAME for w in kept):
            full = " ".join(w.group(0)[:1].upper() + w.group(0)[1:] for w in kept)
            full += " " + m.group("kind").capitalize()
            found.append(Mention("Scheme", full, m.start("name") + kept[0].start(), m.end("kind"),
                                 "scheme", how="lower-case name"))  # fmt: skip
    for m in _QUOTED_LOWER.finditer(sentence):
        # "the "compete with China" scheme": a phrase in quotes named as a scheme is its name
        words, kind = m.group("name").strip(), m.group("kind").capitalize()
        said = set(words.lower().split()) & {"is", "are", "was", "were", "be", "has", "have"}
        if 2 <= len(words.split()) <= 6 and not words[0].isupper() and not said:
            full = f"{words[0].upper()}{words[1:]} {kind}"
            found.append(Mention("Scheme", full, m.start("name"), m.end("kind"), "scheme",
                                 how="quoted"))  # fmt: skip
    for m in _QUOTED_PROJECT.finditer(sentence):
        # a title (most words capitalised, two to eight of them) is the scheme's name as written
        words = m.group("name").split()
        titled = [w for w in words if w.lower() not in ("of", "in", "for", "and", "the", "to")]
        # not a cluster's or a centre's own name ("the “Kashi Pottery Cluster” project")
        owned = words[-1].lower() in ("cluster", "centre", "center", "park", "village", "hub")
        titled_enough = sum(w[0].isupper() for w in titled) >= 0.75 * len(titled)
        if 2 <= len(words) <= 8 and titled_enough and not owned:
            name = " ".join(words)
            found.append(Mention("Scheme", name, m.start("name"), m.start("name") + len(name),
                                 "scheme", how="quoted"))  # fmt: skip
    for m in _ANCHOR_NAMED.finditer(sentence):
        name = m.group("name").rstrip(".,")  # "... with its anchor investor Aeques."
        if normalize(name) not in _GENERIC and not _only_business_words(name):
            k = m.start("name")
            found.append(Mention("Enterprise", name, k, k + len(name), "company", how="role"))
    for m in [*_ROLE_APPOSED.finditer(sentence), *_KIND_APPOSED.finditer(sentence)]:
        # "driven by SHARE as the Implementing Agency", "Cluster Pulse, an Ahmedabad based ...
        # agency": whatever the name, a body
        name = m.group("name")
        if normalize(name) not in _GENERIC and not _only_business_words(name):
            found.append(Mention("Agency", name, m.start("name"), m.end("name"), "organisation",
                                 how="role"))  # fmt: skip
    for m in LIST_AFTER.finditer(sentence):
        what = (m.group("what") or m.group("such")).lower()
        kind = next((v for k, v in ROLE_OF_LIST.items() if what.startswith(k)), None)
        if kind is None:
            continue
        if what == "cluster" and re.search(r"[-–—]", sentence[m.end("what") : m.start("items")]):
            continue  # "Bamboo Cluster – Dhemaji (Assam)": one cluster, a dash, its place
        if kind[0] == "Cluster" and _PLACE_ITEM.search(m.group("items")):
            continue  # "Shopian (J&K) and Kinnaur (HP) for apple, Lucknow (UP), ...": places
            # and their products, not names (read from the parse: ingest/clusters.py)
        offset = m.start("items")
        # businesses are single names ("Hasbro, Mattel and Spin Master, to ..."); a cluster's
        # name may hold "and" ("Mushroom and Baby Corn Processing"), so only a last one splits
        last_and = r"\s+and\s+(?=[A-Z])" if kind[0] == "Enterprise" else r"\s+and\s+(?=[A-Z][^,]*$)"
        if what.startswith(_NAMES_WITH_AND) and "," not in m.group("items"):
            last_and = r"(?!)"  # one body's name may hold "and" ("Manufacturers and Traders ...")
        for part in re.split(rf",\s*(?:and\s+)?|\s*/\s*|\s+&\s+|{last_and}", m.group("items")):
            item = part.strip().removeprefix("and ").strip()
            item = re.sub(r"^(?:the|an?)\s+(?=[A-Z])", "", item)  # "such as the X College"
            item = re.sub(
                r"\s+(?:from|have|has|etc|had|were|are|is|being|which|that|implemented|run)\b.*$",
                "",
                item,
            ).strip()
            item = re.sub(r"\s+(?:and|&)\s+(?:others?|more|so on|many more)\b.*$", "", item)
            # a clause after the list's last item ("... and Dabra in Kalur district to promote
            # silk") is no part of its name; a cluster item's place after "in"/"at" neither
            item = re.sub(r"\s+to\s+[a-z].*$", "", item)
            if kind[0] == "Cluster":
                item = re.sub(
                    r"\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Za-z][\w-]*)*$", "", item
                )
            if kind[0] != "Cluster":
                # a body's name is its capitalised words: "SIDBI fund them" is SIDBI; one
                # ordinary word left of a phrase is none ("the State government")
                named = _NAME_ONLY.match(item)
                head = named.group(0) if named else ""
                if head != item and " " not in head and not head.isupper():
                    head = ""
                item = head
            words = item.split()
            if not item or not item[0].isupper() or len(words) > 6:
                continue
            pos = sentence.find(item, offset)
            if pos < 0:
                continue
            found.append(Mention(kind[0], item, pos, pos + len(item), kind[1], how="list"))
    for m in _WITH_PARTNERS.finditer(sentence):
        # "in association with the City Corporation and Nagarika": bodies, where no other
        # reading names them (how "partners" ranks below every other shape)
        offset = m.start("items")
        items = m.group("items")
        for part in re.split(r",\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?(?=[A-Z])", items):
            item = _PARTNER_END.sub("", part.strip()).strip()
            if not _NAME_ONLY.fullmatch(item) or len(item.split()) > 6:
                continue  # a name, not "the SPV/ beneficiaries"
            pos = sentence.find(item, offset)
            if pos >= 0:
                found.append(Mention("Agency", item, pos, pos + len(item), "organisation",
                                     how="partners"))  # fmt: skip
                offset = pos + len(item)
    return found


_WITH_PARTNERS = re.compile(
    rf"(?:{TEXT_CUES['with_partners'].pattern})\s+(?:the\s+)?(?P<items>[^.;:()]+)", re.I
)
_NAME_ONLY = re.compile(rf"{_CAP}(?:\s+(?:(?:of|for|and|&|the)\s+)?{_CAP})*")
_PARTNER_END = re.compile(
    r"\s+(?:for|to|in|at|on|under|from|by|with|which|that|who|is|are|was|were|has|have|had|"
    r"will|would|and|etc)\b.*$"
)


MARKET_CUES = re.compile(
    "|".join(
        TEXT_CUES[k].pattern for k in ("buy", "supply", "supplied_from", "supplies_to", "anchor")
    ),
    re.I,
)


# The nouns that name a cluster's value-chain partners by their role, and that role
PARTY_NOUNS = {"buyer": "buyer", "customer": "buyer", "client": "buyer", "purchaser": "buyer",
               "supplier": "supplier", "anchor": "anchor"}  # fmt: skip
PARTY_NOUN = re.compile(r"\b(?:buyers?|customers?|clients?|purchasers?|suppliers?|anchor)\b", re.I)
# the verbs joining a role noun to the names it is given ("the buyers are / include A and B")
_NAMING_VERBS = {"be", "include", "comprise"}
_PARTY_LABELS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "PRODUCT"}  # the NER's guesses at firms


def role_parties(parsed: Any) -> list[tuple[str, int, int, str]]:
    """(name, start, end, role) of the businesses a sentence names by a role noun, read from
    the parse: "the main buyers of the cluster are A, B and C", "its customers include A and
    B", "buyers such as A and B", "its suppliers, A and B", "A is the anchor unit of the
    cluster", "A and B are its major clients". Each name is a proper noun with the words
    compounded to it (or the NER's entity around it, "Mahindra & Mahindra")."""
    out: list[tuple[str, int, int, str]] = []
    for t in parsed:
        role = PARTY_NOUNS.get(t.lemma_.lower())
        if role is None or t.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        noun = t.head if t.dep_ in ("compound", "amod") and t.head.pos_ == "NOUN" else t
        verb = noun.head
        named = []
        if noun.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in _NAMING_VERBS:
            named += [c for c in verb.children if c.dep_ in ("attr", "dobj", "oprd")]
        elif noun.dep_ == "attr" and verb.lemma_ == "be":
            named += [c for c in verb.children if c.dep_ == "nsubj"]
        for c in noun.children:
            if c.dep_ == "appos":
                named.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("like", "as", "including"):
                named += [g for g in c.children if g.dep_ == "pobj"]
        for head in named:
            for x in [head, *head.conjuncts]:
                party = _party_name(parsed, x)
                if party is not None:
                    out.append((*party, role))
    return out


def _party_name(parsed: Any, token: Any) -> tuple[str, int, int] | None:
    """The proper name at `token`: the NER's entity holding it, else the token with the
    proper nouns compounded to its left; None for a common noun ("local traders")."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    ent = next((e for e in parsed.ents if e.start <= token.i < e.end), None)
    if ent is not None and any(t.lower_ in ("and", ",", ";") for t in ent):
        ent = None  # "Vela Spinners and Orion Mills" read as one: the parse splits the list
    first = token  # "Field Marshal Diesel": capitalised words compounded to it
    while first.i > 0 and parsed[first.i - 1].dep_ == "compound" and parsed[
        first.i - 1].text[:1].isupper() and parsed[first.i - 1].head.i in (token.i, first.i):  # fmt: skip
        first = parsed[first.i - 1]
    start, end = first.i, token.i + 1
    if ent is not None and ent.label_ in _PARTY_LABELS:  # "Mahindra & Mahindra", "Cummins India"
        start, end = min(start, ent.start), max(end, ent.end)
    span = parsed[start:end]
    return span.text, span.start_char, span.end_char


def market_organisations(sentences: list[str]) -> list[list[Mention]]:
    """For each sentence, the businesses the statistical NER finds (ORG) when it is about
    buying, supplying or anchoring ("orders from companies like Fab India"): names without a
    company word that the shapes above miss; and the name right after "comes from /
    sourced from" (its article and lower-case modifiers skipped, two capitalised words or
    more), which the NER may take for a person. The NER runs once over the document's
    market sentences, without the parser; a sentence with a role noun is parsed too, for the
    businesses it names by their role (`role_parties`: "the main buyers are A, B and C")."""
    # a role noun ("the buyers are ...") is read with the parser as well
    roles = [i for i, s in enumerate(sentences) if PARTY_NOUN.search(s)]
    docs = dict(zip(roles, nlp.parse_many([sentences[i] for i in roles], ()), strict=True))
    out: list[list[Mention]] = [[] for _ in sentences]
    for i in roles:
        for name, start, end, role in role_parties(docs[i]):
            if normalize(name) not in _GENERIC and may_be_party(sentences[i], name, start):
                out[i].append(Mention("Enterprise", name, start, end, role))
    wanted = [i for i, s in enumerate(sentences) if MARKET_CUES.search(s)]
    bare = [i for i in wanted if i not in docs]
    docs.update(zip(bare, nlp.parse_many([sentences[i] for i in bare], ("parser",)), strict=True))
    for i in wanted:
        parsed = docs[i]
        for ent in parsed.ents:
            text = ent.text
            if ent.label_ != "ORG" or not text[:1].isupper() or normalize(text) in _GENERIC:
                continue
            if any(m.start < ent.end_char and ent.start_char < m.end for m in out[i]):
                continue  # named by its role already
            if re.search(r"\d", text):
                continue  # "INR 15" taken for an organisation
            name, start = _trim_leading(text, ent.start_char)
            if len(name) >= 3 and may_be_party(sentences[i], name, start):
                out[i].append(Mention("Enterprise", name, start, start + len(name), "company"))
        for m in _SUPPLIER_AFTER.finditer(sentences[i]):
            name = m.group("name")
            if len(name.split()) >= 2 and not _only_business_words(name):
                out[i].append(
                    Mention("Enterprise", name, m.start("name"), m.end("name"), "company")
                )
    return out


_MONEY_WORD = re.compile(r"\b(?:Rs|INR|Lakhs?|Lacs?|Crores?|Nos)\b")
_CLUSTER_NAME_GOES_ON = re.compile(rf"(?:,?\s+(?:(?:and|&)\s+)?{_CAP}){{1,4}}\s+Clusters?\b")
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:the|a|an)\s+)?$")


def may_be_party(sentence: str, name: str, start: int) -> bool:
    """Whether an organisation the NER finds in a buying or supplying sentence may be one of
    its parties: not a name holding an amount or a count ("Murshidabad Rs 1,479 crore", "90
    Nos Exhibition"), not a fund, programme, event or record (`NOT_BUSINESS_HEADS`: "Working
    Capital Funds"), not an arrangement's acronym ("a PPP model"), and not a name the sentence
    puts in a place or under a programme (`NOT_PARTY_BEFORE`: "the processing of the wool at
    the CFSC", "will come up at Tikarbeta")."""
    words = name.split()
    if _MONEY_WORD.search(name) or words[-1].lower().strip(".,") in NOT_BUSINESS_HEADS:
        return False
    if name in NOT_BODY_ACRONYMS or _CLUSTER_NAME_GOES_ON.match(sentence, start + len(name)):
        return False  # "(Coimbatore Pump, Motor and Foundry Cluster)": part of a cluster's name
    before = sentence[:start]
    before = before[: _ARTICLE_BEFORE.search(before).start()].rstrip()  # type: ignore[union-attr]
    last = before.rsplit(None, 1)[-1].lower() if before.split() else ""
    return last not in NOT_PARTY_BEFORE


_SUPPLIER_AFTER = re.compile(
    rf"(?i:{TEXT_CUES['supplied_from'].pattern})\s+(?:the\s+)?(?:[a-z][\w-]*\s+){{0,2}}"
    rf"(?P<name>[A-Z][\w&'’-]{{0,{MAX_WORD}}}(?:\s+[A-Z][\w&'’-]{{0,{MAX_WORD}}}){{0,5}})"
)


def facility_mentions(sentence: str) -> list[tuple[str, str, int, bool]]:
    """(role, display kind, position, written in the plural) of shared-facility mentions: the
    kinds of FACILITY_PATTERNS (CFC, plug & play, work sheds), then the facilities named by
    their own words (`facility_phrases`) where no such kind is written."""
    out = []
    for role, label, rx in FACILITY_PATTERNS:
        for m in rx.finditer(sentence):
            plural = m.group(0).endswith("s") or m.group(0).lower().endswith("facilities")
            out.append((role, label, m.start(), plural, m.end()))
    kinds = [(o[2], o[4]) for o in out]
    for name, start, end in facility_phrases(sentence):
        if any(a < end and start < b for a, b in kinds):
            continue  # a CFC's own words ("common facility centre")
        plural = bool(re.search(r"(?:s|ies)$", re.split(r"\s+(?:for|at)\s+", name)[0]))
        out.append(("facility", name, start, plural, end))
    return sorted(((r, lab, p, pl) for r, lab, p, pl, _ in out), key=lambda f: f[2])


# A facility's name: up to four words before one of FACILITY_HEADS ("storage and drying"
# counts as words), then what it is for and where ("warehouses for cashew kernels", "sewage
# treatment plant at Valankulam"); counts and articles before it are left out.
_NOT_MODIFIER = (
    r"(?!(?:and|or|of|the|a|an|to|from|with|in|at|for|by|on|as|its|their|this|these|those|"
    r"which|that|is|are|was|were|be|been|being|has|have|had|will|would|also|like|such|"
    r"including|include|includes|two|three|four|five|six|seven|eight|nine|ten|\d+)\b)"
)
_WORD = rf"{_NOT_MODIFIER}[\w&/'’-]+"
_COUNT = r"(?:(?:a|an|the|two|three|four|five|six|seven|eight|nine|ten|several|various|\d+)\s+)*"
_FACILITY = re.compile(
    rf"\b{_COUNT}(?P<name>(?:{_WORD}\s+(?:and\s+{_WORD}\s+)?){{0,5}}"
    rf"(?:{'|'.join(FACILITY_HEADS)})\b"
    rf"(?:\s+for\s+(?!the\b|a\b|an\b){_WORD}(?:\s+{_WORD}){{0,2}})?"
    rf"(?:\s+at\s+(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+){{0,2}}))?)",
    re.I,
)
_BUILDS = re.compile(FACILITY_CUES["builds"], re.I)
_BUILT = re.compile(rf"\s+(?:{FACILITY_CUES['built']})", re.I)
_FACILITIES_LIKE = re.compile(FACILITY_CUES["listed"], re.I)
_ITEM_END = re.compile(
    r"\s+(?:by|in|on|from|with|which|that|who|among|etc|is|are|was|were|will|has|have|had|"
    r"to|besides|apart)\b.*$",
    re.I,
)
_SPAN = 160  # characters after a cue in which its facilities are read, up to its clause's end
_CLAUSE_END = re.compile(r"[.;:]|,?\s+(?:which|who|whose|where|while|whereas|but)\b")


def _specific(name: str) -> bool:
    """Whether a facility's name says which facility: a word before its head that is not a
    generic one ("common facilities" names none), or what it is for or where it is
    ("warehouses for cashew kernels")."""
    base = re.split(r"\s+(?:for|at)\s+", name, maxsplit=1)
    words = re.findall(r"[\w&/'’-]+", base[0].lower())
    if len(base) > 1:
        return any(w not in GENERIC_FACILITY_WORDS for w in words)
    return len(words) >= 2 and any(w not in GENERIC_FACILITY_WORDS for w in words[:-1])


def facility_phrases(sentence: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of the shared facilities a sentence names by their own words: the
    object of building one ("construction of two sand reclamation plants", "setting up of
    warehouses for cashew kernels and storage and drying facilities"), one said to be built
    ("three foundry complexes being established"), and each item of a list of facilities
    ("common facilities like an optical emission spectrometer (OES), a vertical machining
    centre and a sand reclamation plant")."""
    found: dict[int, tuple[str, int, int]] = {}
    for cue in _BUILDS.finditer(sentence):
        span_end = min(len(sentence), cue.end() + _SPAN)
        clause = _CLAUSE_END.search(sentence[cue.end() : span_end])
        stop = cue.end() + clause.start() if clause else span_end
        for m in _FACILITY.finditer(sentence, cue.end(), stop):
            if _specific(m.group("name")):
                found.setdefault(m.start("name"), (m.group("name"), m.start("name"), m.end()))
    for m in _FACILITY.finditer(sentence):
        if _BUILT.match(sentence, m.end()) and _specific(m.group("name")):
            found.setdefault(m.start("name"), (m.group("name"), m.start("name"), m.end()))
    for like in _FACILITIES_LIKE.finditer(sentence):
        items = re.split(r"[.;]", sentence[like.end() :], maxsplit=1)[0]
        offset = like.end()
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:an?|the)\s)", items):
            item = re.sub(r"\s*\([^()]*\)", "", part)
            item = re.split(r"\s+[–—-]\s+", item)[0]
            item = _ITEM_END.sub("", item).strip()
            item = re.sub(rf"^{_COUNT}", "", item, flags=re.I).strip()
            words = item.split()
            if not words or len(words) > 6 or not re.match(r"[\w]", item):
                continue
            pos = sentence.find(item, offset)
            if pos < 0:
                continue
            if len(words) >= 2 and any(w.lower() not in GENERIC_FACILITY_WORDS for w in words):
                found.setdefault(pos, (item, pos, pos + len(item)))
            offset = pos + len(item)
    return sorted(found.values(), key=lambda f: f[1])


_BRACKETED = re.compile(r"\(([^()]{1,80})\)")


def acronym_pairs(sentence: str) -> tuple[str, list[tuple[str, str]]]:
    """The sentence without in-passing definitions, and the (acronym, expansion) pairs.

    "North Eastern Council (NEC)" -> "North Eastern Council"; "BRGF (Backward Region Grant
    Fund) Scheme" -> "BRGF Scheme"; "(MSME)" after "Medium Enterprises" -> dropped.
    """
    pairs: list[tuple[str, str]] = []

    def initials(text: str) -> str:
        return "".join(
            w[0]
            for w in re.findall(r"[A-Za-z]+", text)
            if w.lower() not in {"of", "and", "for", "the"}
        ).upper()

    def repl(before: str, inner: str, whole: str, after: str) -> str:
        inner = inner.strip()
        if is_acronym(inner):
            words = re.findall(r"[A-Za-z][A-Za-z.-]*", before)
            for k in range(1, min(len(words), 10) + 1):
                candidate = " ".join(words[-k:])
                if (
                    initials(candidate).startswith(re.sub(r"[^A-Z]", "", inner.upper())[:2])
                    and len(initials(candidate)) >= len(re.sub(r"[^A-Za-z]", "", inner)) - 1
                ):
                    pairs.append((inner, candidate))
                    break
            return before
        last = before.split()[-1] if before.split() else ""
        letters = re.sub(r"[^A-Z]", "", last)
        if is_acronym(last) and initials(inner).startswith(letters[:2]):
            # "AIADA (Adityapur Industrial Area Development Authority, Adityapur, Jharkhand)":
            # the name ends where its initials cover the acronym; the rest says where it is
            items = inner.split(",")
            name = next((n for n in (",".join(items[:k]).strip() for k in range(1, len(items) + 1))
                         if len(initials(n)) >= len(letters) - 1), inner)  # fmt: skip
            pairs.append((last, name))
            # a body's name standing for its acronym ("the setting up of AIADA (...) by the
            # Government"), not a part of a longer name ("BRGF (...) Scheme"), is read as named
            bodies = [m for m in pattern_mentions(name) if m.type in ("Agency", "Enterprise")]
            if not after[:1].isupper() and any(m.start == 0 and m.end == len(name) for m in bodies):
                return before[: len(before) - len(last)] + name
            return before
        return whole

    # What `re.sub(r"([^()]*?)\s*\(([^()]{1,80})\)", repl, sentence)` did, in linear time: that
    # lazy group, tried from every start, cost the square of a long sentence without brackets.
    # Each bracketed part follows the text since the previous bracket (or match), less the
    # spaces before "(".
    parts: list[str] = []
    pos = 0
    for m in _BRACKETED.finditer(sentence):
        start = max(pos, *(sentence.rfind(b, pos, m.start()) + 1 for b in "()"))
        before = sentence[start : m.start()].rstrip()
        after = sentence[m.end() :].lstrip()
        parts += [sentence[pos:start], repl(before, m.group(1), sentence[start : m.end()], after)]
        pos = m.end()
    cleaned = "".join([*parts, sentence[pos:]])
    return " ".join(cleaned.split()), pairs


# An acronym as written: capitals, maybe joined by "&" or "-" ("SPEFL-SC")
_ACRONYM_WORD = re.compile(r"(?<![\w&-])[A-Z]{2,}(?:[&-][A-Z]{2,})*(?![\w&-])")
# How a body acts in a sentence: its subject, or the agent after "by"
_ACTING_DEPS = {"nsubj", "nsubjpass"}
_AGENT_WORDS = {"by"}
# A dateline's place in capitals ("SHILLONG, Dec 20: ..."): a sentence's first word before a
# comma, a colon, a bracket or a dash
_DATELINE = re.compile(r"\s*[,:(–—-]")
_NOT_BODY_LABELS = {"PERSON", "GPE", "LOC", "NORP", "DATE", "CARDINAL", "MONEY", "PERCENT"}


def acting_acronyms(
    sentences: list[str], found: list[list[Mention]], known: Callable[[str], bool]
) -> list[list[Mention]]:
    """Bodies a document names by an acronym it never spells out ("UMSAS is imparting its
    technical help", "promoted by MABIF", "JKHPMC to develop Shopian as apple cluster"): an
    acronym no reading found, that is no English word ("CAP", "CEO") nor one `known` (the
    gazetteer's, the document's own pairs, places), nor of a thing (`NOT_ACTING_ACRONYMS`), and
    that acts once at least: the subject of a verb or the agent after "by", and not a person
    or a place by the NER (nor a dateline's place: "SHILLONG, Dec 20:"). Every place the
    document writes it is then a mention of it (the relation readers find it where it has a
    role). A sentence mostly in capitals (a heading, a table's row) acts for no one."""
    # as written in capitals ("MOU" for NOT_BODY_ACRONYMS' "MoU")
    stop = {a.upper() for a in (*NOT_ACTING_ACRONYMS, *NOT_BODY_ACRONYMS, *GROUP_KINDS)}

    def covered(i: int, m: re.Match[str]) -> bool:  # inside a mention another reading found
        return any(x.start <= m.start() < x.end for x in found[i])

    def candidates(i: int) -> list[re.Match[str]]:
        text = sentences[i]
        words = re.findall(r"[A-Za-z]{3,}", text)
        if not words or sum(w.isupper() for w in words) * 2 > len(words):
            return []
        return [
            m for m in _ACRONYM_WORD.finditer(text)
            if len(m.group(0).replace("&", "").replace("-", "")) >= 3
            and m.group(0) not in stop
            and not nlp.english(m.group(0).lower()) and not known(m.group(0))
            and not covered(i, m)
            and not (not text[: m.start()].strip() and _DATELINE.match(text, m.end()))
        ]  # fmt: skip

    wanted = {i: c for i in range(len(sentences)) if (c := candidates(i))}
    acting: set[str] = set()
    parsed = nlp.parse_many([sentences[i] for i in wanted], ())
    for i, doc in zip(wanted, parsed, strict=True):
        for m in wanted[i]:
            token = next((t for t in doc if t.idx == m.start()), None)
            if token is None or token.ent_type_ in _NOT_BODY_LABELS:
                continue
            head = token.head
            if (token.dep_ in _ACTING_DEPS and head.pos_ in ("VERB", "AUX")) or (
                token.dep_ == "pobj" and head.lower_ in _AGENT_WORDS
            ):
                acting.add(m.group(0))
    out: list[list[Mention]] = [[] for _ in sentences]
    for i, text in enumerate(sentences):
        for m in _ACRONYM_WORD.finditer(text):
            if m.group(0) in acting and not covered(i, m):
                out[i].append(
                    Mention("Agency", m.group(0), m.start(), m.end(), "organisation", how="acronym")
                )
    return out
