"""Relation rules: what a sentence's wording says about the entities in it.

Each rule reads cue words of the domain ("anchor unit", "mobilised", "financial support
through", "constructed under", "provided credit", "knowledge partner", "SPV was formed",
"X Cluster, Dhubri, Assam") and links entities of the sentence, with the document's focal
cluster as the object when the sentence names none ("the cluster", "the artisans"). A
sentence about several unnamed clusters ("five additional clusters under SFURTI") leaves its
links pending for a following "These clusters include ..." sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ingest.arguments import (
    ADMINISTERING,
    anchor_firms,
    clause_roles,
    collective_roles,
    objectless_roles,
    programme_roles,
    scheme_owners,
    scheme_roles,
)
from ingest.clusters import CLUSTER_WORD, NUMBER_WORDS, PLURAL_CLUSTERS
from ingest.hindi import DEVANAGARI, role_of, says_under, speaks_of_clusters
from ingest.mentions import PARTY_NOUN, role_parties
from ingest.units import Entity, Sentence, focal_group
from ingest.units import facilities as facilities_of
from kb import nlp
from kb.ids import is_a, place_slug
from kb.quantities import PERCENT, find_quantities
from kb.schema import (
    AGENCY_ROLES,
    GROUP_KINDS,
    PLACE_TYPES,
    ROLE_AFTER,
    ROLE_BEFORE,
    TEXT_CUES,
    VERB_PARTNER,
    AgencyRole,
)

Rel = tuple[Sentence, str, str, str, float, dict[str, Any]]

_CUE = TEXT_CUES  # the cue words, from the ontology; the frames around some are read here
# the value-chain partner a role noun names (ingest/mentions.py `role_parties`) and its edge
PARTY_RELATIONS = {"buyer": "BUYS_FROM", "supplier": "SUPPLIES", "anchor": "ANCHORS"}
ANCHOR = re.compile(_CUE["anchor"].pattern, re.I)
MOBILISE = re.compile(_CUE["mobilise"].pattern, re.I)
TRAIN = re.compile(_CUE["train"].pattern, re.I)
IMPLEMENT = re.compile(rf"\b(?:{_CUE['sets_up'].pattern})\b[^.]{{0,60}}\bclusters?\b", re.I)
FUND = re.compile(_CUE["fund"].pattern, re.I)
FINANCE = re.compile(_CUE["finance"].pattern, re.I)
SUPPORT = re.compile(_CUE["support"].pattern, re.I)
SUPPORT_LEAD = re.compile(
    rf"(?:{_CUE['support_lead'].pattern}|{_CUE['with_partners'].pattern}|"
    rf"{_CUE['agreement_with'].pattern})\s*(?:the\s+)?[\"“]?$",
    re.I,
)
FUND_LEAD = re.compile(rf"(?:{_CUE['fund_lead'].pattern})\s*(?:the\s+)?[\"“]?$", re.I)
FACILITY_FUND = re.compile(_CUE["funds_facility"].pattern, re.I)
PARTNER = re.compile(_CUE["partner"].pattern, re.I)
BODIES_LIKE = re.compile(_CUE["bodies_like"].pattern, re.I)
ADMIN_BETWEEN = re.compile(rf"^\s*(?:{_CUE['administered_by'].pattern})\s*$", re.I)
RUNS_BETWEEN = re.compile(rf"^\s*(?:{_CUE['runs_scheme'].pattern})\s*$", re.I)
PART_OF = re.compile(rf"^an? (?:{_CUE['part_of_opening'].pattern}) (?:of|under) (?:the )?", re.I)
UNDER_BODY = re.compile(
    rf"^,?\s*(?:[A-Z][a-z]+,\s*)?an? (?:{_CUE['part_of_body'].pattern}) (?:under|of) (?:the )?$",
    re.I,
)
_COUNT = rf"(?:\d+|{'|'.join(sorted(NUMBER_WORDS))})"
THESE = re.compile(
    rf"^(?:these|the|such|all these)\s+(?:{_COUNT}\s+)?clusters\b|^they include", re.I
)
# A scheme said of clusters it does not name: "... programme in five clusters"
_IN_CLUSTERS = re.compile(
    rf"^\W*(?:\([^()]{{1,20}}\)\s*)?(?:in|for|to|across|covering)\s+(?:the\s+)?"
    rf"(?:{_COUNT}\s+)?(?:\w+\s+)?clusters\b",
    re.I,
)
# "under" before a scheme, within the sentence or opening it ("Under NHDP, one cluster ...")
_UNDER = re.compile(r"(?:^|(?<=\s))under\s", re.I)
# A sentence of this many words or more is prose, not a list's line or a table's row
_PROSE_WORDS = 12
BASED = re.compile(r"\b([A-Z][a-z]+)[\s-]based\b|\bbased (?:in|at|out of) ([A-Z][a-z]+)")
FINANCIERS = {"bank", "MFI"}
FINANCIER_NAME = re.compile(_CUE["financier_name"].pattern, re.I)
NODAL = re.compile(_CUE["nodal"].pattern, re.I)
BUY = re.compile(_CUE["buy"].pattern, re.I)
SUPPLY = re.compile(_CUE["supply"].pattern, re.I)
SUPPLIED_FROM = re.compile(_CUE["supplied_from"].pattern, re.I)
SUPPLIES_TO = re.compile(_CUE["supplies_to"].pattern, re.I)
GIVES_SUPPORT = re.compile(
    r"^\W*(?:,[^.]{0,60}?,\s*)?(?:has |have |had |will |shall )?"
    rf"(?:{_CUE['gives_support'].pattern})\b[^.]{{0,60}}\bsupport",
    re.I,
)


ROLES = [(r, re.compile(r.pattern, re.I)) for r in AGENCY_ROLES]
SPV_ROLE = next(r for r in AGENCY_ROLES if r.role == "SPV")
ASSOCIATION = AgencyRole("association", "PARTNERS_WITH", ())
_COMPANY_WORDS = {"private", "pvt", "ltd", "limited", "company"}
# the producers' own body runs their cluster's project (as `collective_roles` reads it)
COLLECTIVE = AgencyRole("collective", "IMPLEMENTS", ())
_COLLECTIVE_WORDS = {
    "society", "cooperative", "co-operative", "sangam", "sangh", "samiti", "federation",
    "confederation", "consortium",
}  # fmt: skip
ROLE_BEFORE_RX = re.compile(rf"^{ROLE_BEFORE}$", re.I)
ROLE_AFTER_RX = re.compile(rf"^{ROLE_AFTER}$", re.I)
# "Coir Board under the Ministry of MSME is the nodal agency": the role is the first body's
HEAD_OF = re.compile(r"^\s*,?\s*(?:under|of|in)\s+(?:the\s+)?$", re.I)


AND_NEXT = re.compile(r"^\s*(?:[A-Z][a-z]+)?\s*,?\s*(?:and|&)\s+(?:the\s+)?$")


def named_after(body: Entity, cluster: Entity) -> AgencyRole | None:
    """The role a body has by its name: an association, a company or the producers' own body
    named after the cluster — its place or first word and all but one of its other words
    ("Morbi Ceramic Association" for the Morbi Ceramic Cluster; "Rai Textile & Allied CFC
    Private Limited", its SPV; "Onipenta Brass Artisans Society", its collective)."""
    words = set(re.findall(r"[a-z]+", body.name.lower()))
    places = {w for p in cluster.places for w in place_slug(p).split("-")}
    first = cluster.name.split()[0].lower()
    key = set(re.findall(r"[a-z]+", cluster.name.lower())) - {"cluster", "clusters", "and"} - places
    if not key or len(key & words) < max(1, len(key) - 1) or not (places | {first}) & words:
        return None
    if body.role == "association" or "association" in words:
        return ASSOCIATION
    if body.type == "Enterprise" and words & {"cfc", "spv", "cluster"}:
        return SPV_ROLE
    if body.type == "Enterprise" and words & _COMPANY_WORDS and key <= words:
        return SPV_ROLE  # "Kunhimangalam Bell Metal Heritage Private Ltd": all the cluster's words
    if words & _COLLECTIVE_WORDS and (key - {first}) & words:
        return COLLECTIVE  # "Onipenta Brass Artisans Development Society": of its trade too
    return None


def role_holders(s: Sentence, text: str) -> Iterator[tuple[Entity, AgencyRole]]:
    """The bodies a sentence gives a role: "X is the technical agency", "X, the nodal agency",
    "X acts as the implementing agency", "the implementing agency, X", "SPV: X"."""
    bodies = sorted(s.of("Agency", "Enterprise"), key=lambda e: e.start)
    for role, rx in ROLES:
        for m in rx.finditer(text):
            before = [b for b in bodies if b.end <= m.start()]
            if before and ROLE_BEFORE_RX.match(s.clean[before[-1].end : m.start()]):
                i = len(before) - 1
                while i > 0 and HEAD_OF.match(s.clean[bodies[i - 1].end : bodies[i].start]):
                    i -= 1
                yield bodies[i], role
                # "X and Y are the implementing agencies": every body of the list
                while i > 0 and _LISTED.fullmatch(s.clean[bodies[i - 1].end : bodies[i].start]):
                    i -= 1
                    yield bodies[i], role
                continue
            after = [b for b in bodies if b.start >= m.end()]
            if after and ROLE_AFTER_RX.match(s.clean[m.end() : after[0].start]):
                yield after[0], role
                for a, b in zip(
                    after, after[1:], strict=False
                ):  # "the technical agencies, X and Y"
                    if not _LISTED.fullmatch(s.clean[a.end : b.start]):
                        break
                    yield b, role


_IN_BRACKETS = re.compile(r"\s*\(\s*(?:M/s\.?\s*)?")
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)(?:the\s+)?", re.I)


# clusters or their CFCs spoken of ("cluster development" is the topic, not clusters)
_CLUSTER_TALK = re.compile(
    r"\bclusters?\b(?!\s+development)|\bCFCs?\b|\bcommon facility cent", re.I
)
_WORKER_TALK = re.compile(r"\b(?:artisans?|weavers?|craftsm[ae]n|craftspeople|potters?)\b", re.I)
_IMPLEMENTING = re.compile(r"\b(?:implement|execut|operat)\w*", re.I)
_CLUSTERS_AT_LARGE = re.compile(r"\bclusters\b|\bcluster development\b", re.I)
_THE_CLUSTER = re.compile(r"\b(?:the|this|our|its)\b[^.;]{0,40}\bcluster\b", re.I)


def role_edge(body: Entity, cluster: Entity, role: AgencyRole) -> tuple[str, str, str]:
    """(source, relation, target) of a body's role for a cluster. A business in a supporting
    role (a consultant as the technical agency) is the cluster's partner: the ontology keeps
    SUPPORTED_BY for public backers."""
    if body.type == "Enterprise" and role.relation == "SUPPORTED_BY":
        return body.id, "PARTNERS_WITH", cluster.id
    if role.forward:
        return body.id, role.relation, cluster.id
    return cluster.id, role.relation, body.id


def _masked(s: Sentence) -> str:
    """The sentence with entity names blanked, so cue words inside names ('Fund', 'Grant') don't fire."""
    chars = list(s.clean)
    for e in s.entities:
        for i in range(e.start, min(e.end, len(chars))):
            chars[i] = "_"
    return "".join(chars)


def _targets(s: Sentence, focal: Entity | None, group: list[Entity] | None = None) -> list[Entity]:
    named = s.of("Cluster")
    if named:
        return named
    text = _masked(s)
    if PLURAL_CLUSTERS.search(text) and not re.search(r"\bcluster\b", text, re.I):
        return []  # several unnamed clusters: not the focal one
    return group or ([focal] if focal else [])


def main_scheme(sentences: list[Sentence]) -> str | None:
    """The document's scheme: its one scheme, or the one most of its sentences naming a
    scheme name (two at least): a page on a SFURTI cluster that names PMEGP once in passing is
    about SFURTI. None when no scheme leads."""
    named = Counter(i for s in sentences for i in {e.id for e in s.of("Scheme")})  # once a sentence
    # a scheme the document names as run under another stands for both (the other backs its
    # clusters through `relations_of`)
    parents = parent_schemes(sentences)
    for parent in set(parents.values()) - set(parents):
        del named[parent]
    if not named:
        return None
    sid, n = named.most_common(1)[0]
    if len(named) > 1 and (n < 2 or n * 2 <= sum(named.values())):
        return None
    return sid


# A scheme run under another: "the Cluster Development Programme (CDP) under the National
# Handloom Development Programme (NHDP)", "'Agro Processing Cluster Scheme' of Kisan Sampada
# Yojana"
_UNDER_SCHEME = re.compile(
    r"^\s*['’\"]?\s*(?:\([^()]{1,20}\)\s*)?,?\s*(?:under|of)\s+(?:the\s+)?$", re.I
)


def parent_schemes(sentences: list[Sentence]) -> dict[str, str]:
    """Each scheme the document writes as run under another scheme, with that other one."""
    parents: dict[str, str] = {}
    for s in sentences:
        schemes = s.of("Scheme")
        for a, b in zip(schemes, schemes[1:], strict=False):
            if a.id != b.id and _UNDER_SCHEME.match(s.clean[a.end : b.start]):
                parents.setdefault(a.id, b.id)
    return parents


def relations_of(sentences: list[Sentence], context: dict[str, Any]) -> Iterator[Rel]:
    """The document's relations (`_relations_of`); a cluster a scheme backs is backed too by
    the scheme the document says that one is run under (`parent_schemes`)."""
    parents = parent_schemes(sentences)
    done: set[tuple[str, str]] = set()
    governments = {e.id for s in sentences for e in s.of("Agency") if e.role == "government"}
    for r in _relations_of(sentences, context):
        s, src, relation, tgt, conf, attrs = r
        if src in governments and relation == "IMPLEMENTS" and is_a(tgt, "Cluster"):
            # a government does not run a cluster's project: it backs it ("the Government of
            # India will provide a grant ... in the identified clusters")
            src, relation, tgt = tgt, "SUPPORTED_BY", src
            attrs = {**attrs, "role": "administering"}
            r = (s, src, relation, tgt, conf, attrs)
        yield r
        parent = parents.get(tgt)
        if relation == "SUPPORTED_BY" and parent and (src, parent) not in done:
            done.add((src, parent))
            yield (
                s,
                src,
                relation,
                parent,
                round(conf * 0.9, 3),
                {**attrs, "via": "parent scheme"},
            )


def _relations_of(sentences: list[Sentence], context: dict[str, Any]) -> Iterator[Rel]:
    """The relations the sentences state, then what the document's title says of them all:
    a scheme in the title ("... clusters of Assam under SFURTI", "Sponsored Programs –
    SFURTI: Balussery Coir Cluster") backs each cluster of the document that no sentence gives
    a scheme of its own; failing that, so does the document's one (or main) scheme when it is
    said of clusters or CFCs."""
    backed: set[str] = set()
    linked: set[frozenset[str]] = set()
    for r in _sentence_relations(sentences, context):
        _, src, _, tgt, _, _ = r
        if is_a(tgt, "Scheme"):
            backed.add(src)
        elif is_a(src, "Scheme"):
            backed.add(tgt)
        linked.add(frozenset((src, tgt)))
        yield r
    yield from _acting_bodies(sentences, linked, context.get("title"))
    first: dict[str, tuple[Sentence, Entity]] = {}
    for s in sentences:
        for c in s.of("Cluster"):
            first.setdefault(c.id, (s, c))
    unbacked = [
        (cid, s)
        for cid, (s, _) in first.items()
        if cid not in backed
        and not any(b.startswith("facility:" + cid.split(":", 1)[1] + ":") for b in backed)
    ]  # a cluster's facilities' ids start with "facility:<its id>:"
    yield from _letterhead(sentences, context, first)
    title = next((s for s in sentences if s.text == context.get("title")), None)
    if title is not None and title.of("Scheme"):
        for cid, s in unbacked:
            for sc in title.of("Scheme"):
                yield (s, cid, "SUPPORTED_BY", sc.id, 0.5, {"via": "title"})
        return
    # The document's one scheme, said of clusters or their CFCs ("The Steering Committee of
    # MSE-CDP approved three CFCs", "This is part of the Cluster Development Programme"),
    # backs each of its clusters no sentence gives a scheme; a scheme named only in passing
    # (no cluster or CFC in its sentence or its name) backs none.
    # With several schemes, the one most of the document's scheme mentions name (in two
    # sentences or more) is its scheme the same way: a page on a SFURTI cluster that names
    # PMEGP once in passing is about SFURTI.
    sid = main_scheme(sentences)
    if sid is None:
        yield from _nearby_schemes(sentences, unbacked)
        return
    # a document's only scheme said of the cluster's workers ("we have launched Project
    # Subansiri to help the weavers get the right price") is said of its cluster
    only = {e.id for s in sentences for e in s.of("Scheme")} == {sid}
    cited = next(
        (s for s in sentences for e in s.of("Scheme") if e.id == sid and _of_clusters(s, e, only)),
        None,
    )
    if cited is not None:
        for cid, _ in unbacked:
            yield (cited, cid, "SUPPORTED_BY", sid, 0.45, {"via": "document"})


def _of_clusters(s: Sentence, e: Entity, only: bool = False) -> bool:
    """Whether the sentence says its scheme `e` of clusters or CFCs; `only`: the document has
    no other scheme, whose workers' scheme is then its cluster's."""
    return bool(
        _CLUSTER_TALK.search(_masked(s))
        or "cluster" in e.name.lower()
        # One District One Product is about each district's product: a document led by it
        # speaks of its products' clusters wherever it names it
        or "one-district-one-product" in e.id
        or speaks_of_clusters(s.clean)
        or s.of("Cluster")  # a sentence naming a cluster speaks of clusters
        or (only and _WORKER_TALK.search(s.clean) is not None)
    )


def _nearby_schemes(
    sentences: list[Sentence], unbacked: list[tuple[str, Sentence]]
) -> Iterator[Rel]:
    """In a document of several schemes none of which leads, a cluster no sentence gives a
    scheme is backed by the one scheme said of clusters in the sentence that introduces it or
    the one right before ("clusters ... under the Central Cluster Development Programme,
    ... Apart from this, proposals have also been sent for two clusters at Baddi and
    Haroli"); none when two such schemes are there. A scheme said after the cluster ("SFURTI
    has reached many clusters of the state") speaks of clusters at large."""
    for cid, s in unbacked:
        near = [
            (t, e)
            for t in sentences
            if s.index - 1 <= t.index <= s.index
            for e in t.of("Scheme")
            if _of_clusters(t, e)
        ]
        if len({e.id for _, e in near}) == 1:
            t, e = near[0]
            yield (t, cid, "SUPPORTED_BY", e.id, 0.4, {"via": "nearby"})


# Words after which "from" or "with" names who gives: "technical support from X", "in
# collaboration with X", "partnered with X"
_GIVING = {
    "support", "assistance", "help", "collaboration", "partnership", "association", "tie",
    "partner", "coordination", "co-ordination", "fund", "funding", "grant", "guidance",
    "backing", "aid", "finance", "financing", "contribution", "loan", "subsidy", "sponsorship",
    "cooperation", "co-operation", "talk", "agreement", "mou", "tie-up", "along", "together",
}  # fmt: skip
_ACTING_HEADS = ("VERB", "AUX")
# a body after these works the matter: "sponsored by UNDP", "implemented through NABARD",
# "under the Office of the Development Commissioner"
_AGENT_PREPOSITIONS = {"by", "through", "under"}


def _acts(doc: Any, start: int, end: int) -> bool:
    """Whether the words of `doc` from `start` to `end` (a body's name) act: the subject of a
    verb ("RUDA has taken up ..."), the agent after "by", "through" or "under" ("sponsored by
    UNDP"), the owner of a thing ("TRIFED's drive"), the giver after "support from" or "in
    collaboration with"; or listed with one that does."""
    inside = [t for t in doc if start <= t.idx < end]
    root = next((t for t in inside if t.head not in inside or t.head is t), None)
    while root is not None and root.dep_ == "conj" and root.head is not root:
        root = root.head  # "X and Y organised ...": Y as X
    if root is None:
        return False
    head = root.head
    if root.dep_ == "nsubj" and head.pos_ in _ACTING_HEADS:
        return True
    if root.dep_ == "pobj" and head.lower_ in _AGENT_PREPOSITIONS:
        return True
    if root.dep_ == "poss" and head.pos_ == "NOUN":
        return True  # "TRIFED's drive", "the Board's scheme"
    return (
        root.dep_ == "pobj"
        and head.lower_ in ("from", "with")
        and (head.head.lemma_.lower() in _GIVING)
    )


# A sentence about who pays what part of a cost ("the Central Government will bear 70 per
# cent, the State Government 20 per cent"): a body next to a percentage pays that share
_PAYING = re.compile(
    r"\b(?:cost|contribut\w*|share|grant|fund\w*|bear|borne|ratio|assistance|expenditure"
    r"|invest\w*|subsid\w*|financ\w*)\b",
    re.I,
)
# what may stand between a body and its share: a few words, in one clause
_SHARE_GAP = re.compile(r"[^.;:()]{0,40}")


def payers(s: Sentence) -> set[str]:
    """The bodies a sentence on paying a cost (`_PAYING`) gives a share of it: a percentage
    within a few words of the body, before or after it, with no other body between ("75
    percent of the Central government's contribution, 15 percent of State government")."""
    text = s.clean
    if not _PAYING.search(text):
        return set()
    shares = [m.span() for m in PERCENT.finditer(text)]
    bodies = s.of("Agency")

    def next_to(e: Entity, share: tuple[int, int]) -> bool:
        lo, hi = (share[1], e.start) if share[1] <= e.start else (e.end, share[0])
        gap = text[lo:hi]
        return (
            lo <= hi
            and bool(_SHARE_GAP.fullmatch(gap))
            and len(gap.split()) <= 6
            and not any(lo <= o.start < hi for o in bodies if o is not e)
        )

    return {e.id for e in bodies if any(next_to(e, share) for share in shares)}


# Between two bodies of one list (`_LISTED`), the first's seat allowed: ", Madhya Pradesh, and the "
_CO_LISTED = re.compile(rf"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){{0,2}})?{_LISTED.pattern}")


def _acting_bodies(
    sentences: list[Sentence], linked: set[frozenset[str]], title: str | None = None
) -> Iterator[Rel]:
    """A body that acts (`_acts`: "ASCENT initiated Project EnterPrice", "sponsored by UNDP",
    "with financial support from IIE") where one cluster is meant, and that no rule linked to
    it, works for it: the cluster is SUPPORTED_BY it as a partner, a weak reading. One
    cluster is meant in a sentence naming one cluster alone ("... a new cluster inside the
    Calcutta Leather Complex has been given final approval by the DPIIT"), and anywhere in a
    document about one cluster (the sentence need not name it). In the lede of a document
    about several, before it names any ("The Department of MSME has partnered with UNESCO ...
    Rural Craft Hubs are being developed in ten locations"), every cluster it goes on to name
    is meant: the body the lede puts first is behind them all.
    A body paying a share of a cost (`payers`) funds it; a body the document's `title` names
    ("Jaipur Blue Pottery Cluster (RUDA case study)") acts there; a body listed right after
    an acting one ("spearheaded by X, Madhya Pradesh, and Y") acts as that one does."""
    order = list(dict.fromkeys(c.id for s in sentences for c in s.of("Cluster")))
    only = order[0] if len(order) == 1 else None
    lede = next((i for i, s in enumerate(sentences) if s.of("Cluster")), len(sentences))
    done: set[tuple[str, str]] = set()

    def meant(i: int, s: Sentence) -> tuple[list[str], str]:
        named = {c.id for c in s.of("Cluster")}
        if only:
            return [only], "one cluster"
        if len(named) == 1:
            return list(named), "the sentence's one cluster"
        if i < lede:
            return order, "the lede"  # before any cluster is named: the body behind them all
        return [], ""

    def open_(cid: str, e: Entity) -> bool:
        return (cid, e.id) not in done and frozenset((cid, e.id)) not in linked

    wanted = [
        (i, s)
        for i, s in enumerate(sentences)
        if any(open_(c, e) for c in meant(i, s)[0] for e in s.of("Agency"))
    ]
    for (i, s), doc in zip(wanted, nlp.parse_many([s.clean for _, s in wanted]), strict=True):
        cids, via = meant(i, s)
        paying = payers(s)
        before: tuple[Entity, str] | None = None  # the body named before, and its role
        for e in sorted(s.of("Agency"), key=lambda b: b.start):
            if e.id in paying:
                role = "funding"
            elif s.text == title or _acts(doc, e.start, e.end):
                role = "partner"
            elif before and _CO_LISTED.fullmatch(s.clean[before[0].end : e.start]):
                role = before[1]  # "X, Madhya Pradesh, and Y spearheaded it": Y as X
            else:
                role = ""
            before = (e, role)
            if not role:
                continue
            for cid in cids:
                if open_(cid, e):
                    done.add((cid, e.id))
                    yield (s, cid, "SUPPORTED_BY", e.id, 0.4, {"role": role, "via": via})


# Papers a body issues for a committee it runs: in such a paper the bodies of its letterhead
# administer what it lists
ISSUED_PAPERS = re.compile(r"\b(?:agenda|minutes|proceedings)\b", re.I)


def _letterhead(
    sentences: list[Sentence], context: dict[str, Any], first: dict[str, tuple[Sentence, Entity]]
) -> Iterator[Rel]:
    """In a committee's agenda, minutes or proceedings (`ISSUED_PAPERS`, in the document's
    title), the bodies named before its first cluster ("Government of India, Ministry of X,
    Office of Y ... Agenda for the 40th Meeting of the Steering Committee") issue it and run
    the committee: each administers every cluster the paper lists (a reading of the document:
    confidence 0.45, cited at the letterhead)."""
    if not ISSUED_PAPERS.search(str(context.get("title") or "")) or not first:
        return
    opening = min(s.index for s, _ in first.values())
    for s in sentences:
        if s.index >= opening:
            break
        for body in s.of("Agency"):
            if body.role in FINANCIERS or FINANCIER_NAME.search(body.name):
                continue
            for _, c in first.values():
                src, relation, tgt = role_edge(body, c, ADMINISTERING)
                yield (s, src, relation, tgt, 0.45, {"role": "administering", "via": "letterhead"})


def _cued(clean: str, bodies: list[Entity], lead: re.Pattern[str]) -> list[Entity]:
    """The bodies, in text order, that a cue frames (`lead` ends within the 40 characters
    before the body) or that are coordinated right after one ("set up with funding from X and
    Y", "the expertise of X (Ahmedabad), and Y")."""
    out: list[Entity] = []
    led: Entity | None = None
    for x in sorted(bodies, key=lambda e: e.start):
        if lead.search(clean[max(0, x.start - 40) : x.start]) or (
            led is not None and AND_NEXT.match(clean[led.end : x.start])
        ):
            out.append(x)
            led = x
        else:
            led = None
    return out


# A producers' own group by its kind ("Maa Durga SHG", "Jarok Hills FPO", "Kotwa Milk Producer
# Company"), and the place written with it: after a comma, in brackets or after "of" ("Maa
# Durga SHG, Baripada", "... FPO of Kheti village", "... Producer Company (Hardoi)")
_GROUP_KIND = re.compile(
    rf"\b(?:{'|'.join(GROUP_KINDS)})\b|\bProducers?['’]?\s+(?:Company|Organi[sz]ation)\b"
)
GROUP_PLACE = re.compile(
    r"(?:\s*,\s*|\s*\(\s*|\s+(?:of|from|at|in)\s+)(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
)


def _group_clusters(x: Entity, clean: str, clusters: list[Entity]) -> list[Entity]:
    """The document's clusters a producers' group `x` runs: those named by the place written
    with it (in its name, "Jarok Hills FPO of Kheti", or right after it)."""
    kind = _GROUP_KIND.search(x.name)
    if x.role != "producer group" and kind is None:
        return []
    tail = x.name[kind.end() :] if kind is not None else ""
    m = GROUP_PLACE.match(tail) or GROUP_PLACE.match(clean[x.end :])
    if m is None:
        return []
    place = m.group("place").lower() + " "
    return [c for c in clusters if c.name.lower().startswith(place)]


def _sentence_relations(sentences: list[Sentence], context: dict[str, Any]) -> Iterator[Rel]:
    focal: Entity | None = context.get("cluster_entity")
    group: list[Entity] = context.get("cluster_group") or focal_group(sentences)
    pending: list[tuple[str, str, bool]] = []  # (entity id, relation, entity is source)
    listed: list[tuple[str, str, bool]] = []  # the same, for the list after a colon
    previous: Sentence | None = None
    located: set[str] = set()
    first_seen: dict[str, Sentence] = {}
    doc_schemes = {e.id for s in sentences for e in s.of("Scheme")}
    doc_scheme = main_scheme(sentences)
    # clusters a sentence names together with a scheme other than the document's main one:
    # they keep that one (the main scheme backs the others)
    own_scheme = {c.id for s in sentences for c in s.of("Cluster")
                  if any(sc.id != doc_scheme for sc in s.of("Scheme"))}  # fmt: skip
    every_cluster = list({c.id: c for s in sentences for c in s.of("Cluster")}.values())
    both = [
        s
        for s in sentences
        if s.of("Agency")
        and (
            s.of("Cluster")
            or s.of("Scheme")
            or (focal and _THE_CLUSTER.search(s.clean))
            or (focal and _IMPLEMENTING.search(s.clean))
            or ((focal or group or len(every_cluster) > 1) and _CLUSTERS_AT_LARGE.search(s.clean))
        )
        # a firm and a cluster: the firm may set up or run its project (`anchor_firms`)
        or s.of("Enterprise")
        and (s.of("Cluster") or (focal and _THE_CLUSTER.search(s.clean)))
    ]
    parses = dict(
        zip((s.index for s in both), nlp.parse_many([s.clean for s in both]), strict=True)
    )
    # the businesses sentences name by a role noun ("the buyers are ..."), from their parse
    named_by_role = [s for s in sentences if PARTY_NOUN.search(s.clean)]
    parties = {
        s.index: role_parties(doc)
        for s, doc in zip(named_by_role, nlp.parse_many([s.clean for s in named_by_role], ()),
                          strict=True)
    }  # fmt: skip
    for s in sentences:
        text = _masked(s)
        financiers = [
            e for e in s.of("Agency") if e.role in FINANCIERS or FINANCIER_NAME.search(e.name)
        ]
        agencies = [e for e in s.of("Agency") if e not in financiers]
        schemes = s.of("Scheme")
        enterprises = s.of("Enterprise")
        # in a document naming its clusters equally, "the cluster" right after a sentence
        # naming one of them alone is that one, not each of the list
        just = {c.id: c for c in previous.of("Cluster")} if previous is not None else {}
        near = list(just.values()) if group and len(just) == 1 else None
        targets = _targets(s, focal, near or group)
        loose = s.of("Cluster") or near or group or ([focal] if focal else [])  # "various clusters"
        facilities = facilities_of(s, context, previous)
        money = [q.to_dict() for q in find_quantities(s.text) if q.kind == "money"]
        linked: set[tuple[str, str]] = set()

        def rel(
            src: str,
            r: str,
            tgt: str,
            conf: float,
            attrs: dict[str, Any] | None = None,
            _s: Sentence = s,
            _linked: set[tuple[str, str]] = linked,
        ) -> Rel:
            _linked.add((src, tgt))
            _linked.add((tgt, src))
            return (_s, src, r, tgt, conf, attrs or {})

        def each(actors: list[Entity], r: str, objects: list[Entity], conf: float) -> Iterator[Rel]:
            for x in actors:
                for c in objects:
                    yield rel(x.id, r, c.id, conf)

        def carried(links: list[tuple[str, str, bool]], _s: Sentence = s) -> Iterator[Rel]:
            """Links an earlier sentence said of clusters it did not name, to those this one
            names."""
            for eid, r, is_source in links:
                for c in _s.of("Cluster"):
                    yield rel(eid, r, c.id, 0.6) if is_source else rel(c.id, r, eid, 0.6)

        if THESE.search(text) and s.of("Cluster"):
            yield from carried(pending)
        pending = []
        # "Three Block Level Clusters have been sanctioned in Gujarat under NHDP:" and the rows
        # or items naming them: the list runs on while its lines name clusters or are short
        # (a table's heading, its units), and ends at a sentence of prose or one naming a
        # scheme of its own
        if s.of("Scheme"):
            listed = []
        elif s.of("Cluster"):
            yield from carried(listed)
        elif len(s.clean.split()) >= _PROSE_WORDS:
            listed = []

        for sc in schemes:  # "Agro-Business SFURTi Cluster": the scheme its name is written with
            if sc.attrs.get("in_name"):
                yield rel(sc.attrs["in_name"], "SUPPORTED_BY", sc.id, 0.7, {"via": "name"})
        for c in s.of("Cluster"):
            if c.attrs.get("headline"):
                continue  # a headline's word for the body's cluster (ingest/extract.py)
            first_seen.setdefault(c.id, s)
            for found in _located(s, c, rel):
                located.add(c.id)
                yield found
        if ANCHOR.search(text):  # not a producers' group, which runs its own cluster
            anchors = [e for e in enterprises if not _group_clusters(e, s.clean, every_cluster)]
            yield from each(anchors, "ANCHORS", targets, 0.85)
        for _, start, end, party in parties.get(s.index, []):
            # named by a role noun: "the main buyers are A, B and C", "A is the anchor unit"
            named = [x for x in [*enterprises, *agencies] if x.start < end and start < x.end]
            yield from each(named, PARTY_RELATIONS[party], targets, 0.75)
        for m in BASED.finditer(s.clean):
            at = m.start(1) if m.group(1) else m.start(2)
            place = next((p for p in s.of(*PLACE_TYPES) if p.start == at), None)
            for e in enterprises if place else []:
                yield rel(e.id, "LOCATED_IN", place.id, 0.8)  # type: ignore[union-attr]
        for e in enterprises:
            if e.role == "SPV":
                owned = [c for c in s.of("Cluster") if c.name.lower() in e.name.lower()] or targets
                for c in owned:
                    yield rel(e.id, "IMPLEMENTS", c.id, 0.85)
        for e in [*enterprises, *agencies]:  # a producers' own body runs the cluster it is
            if e.role == "collective":
                for c in targets:
                    yield rel(e.id, "IMPLEMENTS", c.id, 0.7, {"role": "collective"})
        for x in [*enterprises, *agencies]:  # "Maa Durga SHG, Baripada": the group runs the
            for c in _group_clusters(x, s.clean, every_cluster):  # cluster at its place
                yield rel(x.id, "IMPLEMENTS", c.id, 0.6, {"role": "collective"})
        for a in s.of("Agency"):
            if a.role == "district administration" and is_a(a.id, "Agency"):
                place = context.get("district")
                if place and place_slug(place) in a.id:
                    yield rel(a.id, "LOCATED_IN", place, 0.8)

        for e in enterprises:  # "Madurai Coir Cluster (Vaigai Coir Cluster Pvt Ltd)": its SPV
            closed = s.clean[e.end :].lstrip().startswith(")")
            for c in s.of("Cluster"):
                if closed and _IN_BRACKETS.fullmatch(s.clean[c.end : e.start]):
                    yield rel(e.id, "IMPLEMENTS", c.id, 0.7, {"role": SPV_ROLE.role})
        for body, role in role_holders(s, text):
            for c in targets:
                yield rel(*role_edge(body, c, role), 0.8, {"role": role.role})
        if NODAL.search(text):
            yield from each([*agencies, *enterprises], "IMPLEMENTS", targets, 0.8)
        buy = BUY.search(text)
        if buy:
            # "X buys the mats" -> X buys from the cluster; "makers buy oil from X" -> X supplies it
            sellers = [
                e
                for e in enterprises
                if e.start > buy.end() and " from " in s.clean[buy.end() : e.start]
            ]
            buyers = [e for e in enterprises if e not in sellers]
            # a public body after the cue buys too ("sales through CCIC", "orders from NHDC")
            buyers += [a for a in agencies if a.start > buy.start() and a not in financiers]
            yield from each(buyers, "BUYS_FROM", targets, 0.7)
            yield from each(sellers, "SUPPLIES", targets, 0.7)
        supplied = SUPPLIED_FROM.search(text)
        if supplied:  # "the rest comes from the government-owned X": X supplies the cluster
            for x in [*enterprises, *agencies]:
                if x.start >= supplied.end():
                    for c in targets:
                        yield rel(x.id, "SUPPLIES", c.id, 0.6)
        supplies_to = SUPPLIES_TO.search(text)
        if supplies_to:  # "units supply castings to such companies as A and B": they buy
            for x in enterprises:
                if x.start >= supplies_to.end():
                    for c in targets:
                        if (x.id, c.id) not in linked:
                            yield rel(x.id, "BUYS_FROM", c.id, 0.65)
        supply = SUPPLY.search(text)
        if supply:
            for x in [*enterprises, *agencies]:
                if x.end <= supply.start():  # the supplier is the subject
                    for c in targets:
                        yield rel(x.id, "SUPPLIES", c.id, 0.6)
        for x in [*schemes, *agencies]:
            if GIVES_SUPPORT.search(s.clean[x.end :]):
                for c in loose:
                    yield rel(c.id, "SUPPORTED_BY", x.id, 0.7)
        mobilise = MOBILISE.search(text)
        if mobilise and agencies:
            # "the Department engaged JEEViKA to mobilise ...": the one nearest before the verb
            before = [a for a in agencies if a.end <= mobilise.start()]
            a = max(before, key=lambda a: a.end) if before else agencies[0]
            for c in targets:
                yield rel(a.id, "MOBILISES", c.id, 0.8)
        if TRAIN.search(text):
            yield from each(agencies, "TRAINS", targets, 0.7)
        if facilities:
            for f in facilities:
                yield rel(f.cluster, "HAS_FACILITY", f.id, 0.8)
            for x in [*schemes, *agencies]:
                # "through the X", "under X", "sponsorship of X", "scheme of the X": X pays
                lead = text[max(0, x.start - 40) : x.start]
                if not FACILITY_FUND.search(lead):
                    continue
                earlier = [fac for fac in facilities if fac.position < x.start]
                paid = earlier[-1] if earlier else min(facilities, key=lambda fac: fac.position)
                for fac in facilities:  # "CFCs ... under X": each cluster's, at that place
                    if fac.position == paid.position:
                        yield rel(x.id, "FUNDS", fac.id, 0.7, {"amounts": money} if money else None)
                if FUND.search(text):
                    for c in targets:
                        yield rel(x.id, "FUNDS", c.id, 0.6)
        implement = IMPLEMENT.search(s.clean)  # the object is a cluster *name* here
        if implement:
            for a in agencies:
                if a.start < implement.start() + 40:
                    for c in targets:
                        yield rel(a.id, "IMPLEMENTS", c.id, 0.7)
        for sc in schemes:
            # the "under" nearest before the scheme: "... conducted under the soft intervention
            # of the cluster, ... X Cluster being established under SFURTI"
            unders = [m.start() for m in _UNDER.finditer(text, 0, sc.start)]
            if not unders:
                continue
            under = unders[-1]
            # "Under NHDP, one Block Level Cluster ... sanctioned in Kollaylin": a sentence
            # opening with the scheme says it of the clusters its clause names
            fronted = under == 0
            # with a facility in the sentence the scheme pays for the facility (below), not
            # for its cluster; another cluster named there is backed by the scheme
            owners = {f.cluster for f in facilities}
            named = [c for c in s.of("Cluster") if c.end <= under and c.id not in owners]
            later = [c for c in s.of("Cluster") if c.start >= sc.end and c.id not in owners]
            if named and FUND.search(text) and not facilities:
                pass  # "sanctioned under SFURTI": the FUNDS rule below links them
            elif named:  # "set up the X Cluster under MSE-CDP": the scheme backs it
                for c in named:
                    if (c.id, sc.id) not in linked:
                        yield rel(c.id, "SUPPORTED_BY", sc.id, 0.7)
            elif later and len(schemes) == 1 and (fronted or CLUSTER_WORD.search(text[:under])):
                # "a proposal to set up clusters in ... under the Cluster Development
                # Programme, ... adding that clusters have been approved in A, B and C", "the
                # first cluster under AHVY in the name of X Cluster": the clusters the sentence
                # goes on to name are those it spoke of
                for c in later:
                    if (c.id, sc.id) not in linked:
                        yield rel(c.id, "SUPPORTED_BY", sc.id, 0.6)
            elif not facilities:  # "pursuing five clusters under MSE-CDP": the agency runs it
                for a in [a for a in agencies if a.end <= under]:
                    yield rel(a.id, "IMPLEMENTS", sc.id, 0.7)
                # "(for assistance under the Mini Cluster Scheme)", "a review meeting under
                # SFURTI": no cluster named, and the document's one (or main) scheme: its own
                # cluster is the one backed (a document naming several schemes equally says
                # which backs what); a scheme named before the "under" is part of this one
                # ("CDP under NHDP")
                parts = {o.id for o in schemes if o.end <= under}
                # (the main one backs work done under it anywhere in the document: the
                # document's clusters, named or not)
                backs = targets if len(doc_schemes - parts) == 1 else []
                mains = [c for c in loose if c.id not in own_scheme] if sc.id == doc_scheme else []
                for c in backs or mains:
                    if (c.id, sc.id) not in linked:
                        yield rel(c.id, "SUPPORTED_BY", sc.id, 0.6)
        if not facilities:
            if FUND.search(text):
                payers = schemes or [*agencies, *(financiers if not FINANCE.search(text) else [])]
                for x in payers:
                    for c in targets:
                        if (x.id, c.id) not in linked:
                            yield rel(
                                x.id, "FUNDS", c.id, 0.7, {"amounts": money} if money else None
                            )
        if FINANCE.search(text) or (financiers and SUPPORT.search(text) and not FUND.search(text)):
            yield from each(financiers, "FINANCES", loose, 0.75)
        for sc in schemes:
            for a in s.of("Agency"):
                if a.start > sc.end and ADMIN_BETWEEN.match(text[sc.end : a.start]):
                    yield rel(a.id, "ADMINISTERS", sc.id, 0.8)
                elif a.end < sc.start and RUNS_BETWEEN.match(text[a.end : sc.start]):
                    yield rel(a.id, "IMPLEMENTS", sc.id, 0.75)
        bodies = s.of("Agency")
        for a, b in zip(bodies, bodies[1:], strict=False):
            if UNDER_BODY.match(
                s.clean[a.end : b.start]
            ):  # "FFDC, Kannauj, an institute under the Ministry"
                yield rel(a.id, "PART_OF", b.id, 0.75)
        if (
            PART_OF.match(text)
            and previous is not None
            and previous.of("Agency")
            and s.of("Agency")
        ):
            yield rel(previous.of("Agency")[-1].id, "PART_OF", s.of("Agency")[0].id, 0.75)
        like = BODIES_LIKE.search(text)
        if like and (s.of("Cluster") or (focal and _THE_CLUSTER.search(s.clean[: like.start()]))):
            for body in [b for b in s.of("Agency", "Enterprise") if b.start >= like.end()]:
                for c in targets:
                    if (body.id, c.id) not in linked:
                        yield rel(*role_edge(body, c, VERB_PARTNER), 0.6, {"role": "partner"})
        if PARTNER.search(text):
            pos = PARTNER.search(text).start()  # type: ignore[union-attr]
            near = [a for a in s.of("Agency") if a.end <= pos]
            if near:
                partner = max(near, key=lambda a: a.end)
                others = [a for a in s.of("Agency") if a.id != partner.id]
                for o in others or targets:
                    yield rel(partner.id, "PARTNERS_WITH", o.id, 0.75)
        # "set up with funding from X and Y": each pays for the sentence's centre, else its
        # cluster; a business so named (a company's CSR) is the cluster's funding partner
        payees = [(f.id, f.cluster) for f in facilities] or [(c.id, c.id) for c in targets]
        for x in _cued(s.clean, [*schemes, *agencies, *enterprises], FUND_LEAD):
            for what, cluster in payees:
                if x.type == "Enterprise" and (x.id, cluster) not in linked:
                    yield rel(x.id, "PARTNERS_WITH", cluster, 0.6, {"role": "funding"})
                elif x.type != "Enterprise" and (x.id, what) not in linked:
                    amounts = {"amounts": money} if money else None
                    yield rel(x.id, "FUNDS", what, 0.65, amounts)
        # "with the help of X", "the expertise of X (Ahmedabad), and Y": each supports
        for x in _cued(s.clean, [*schemes, *agencies], SUPPORT_LEAD):
            for c in loose:
                if (x.id, c.id) not in linked:
                    yield rel(c.id, "SUPPORTED_BY", x.id, 0.6)
        if s.index in parses:  # "the SLPSC approved X Cluster", "clusters identified by Y"
            # last, so a more specific rule's link stands; with a facility in the sentence a
            # body that is only a verb's object pays for the facility (above), no partner
            for body, c, role in clause_roles(s, parses[s.index], focal):
                if (body.id, c.id) in linked or (facilities and role.role == "partner"):
                    continue
                yield rel(*role_edge(body, c, role), 0.65, {"role": role.role})
            # "a tamarind processing centre will be set up by Kosar Agro Private Limited"
            for firm, c in anchor_firms(s, parses[s.index], focal):
                if (firm.id, c.id) not in linked and not _group_clusters(
                    firm, s.clean, every_cluster
                ):
                    yield rel(firm.id, "ANCHORS", c.id, 0.6, {"role": "anchor"})
        if s.index in parses and not s.of("Cluster", "Scheme"):
            # "The Directorate has been implementing in the State": the document's programme,
            # so its clusters, and its one scheme
            for body, role in objectless_roles(s, parses[s.index]):
                for c in group or ([focal] if focal else []):
                    if (body.id, c.id) not in linked:
                        yield rel(*role_edge(body, c, role), 0.6, {"role": role.role})
                for sid in doc_schemes if len(doc_schemes) == 1 else ():
                    yield rel(body.id, "IMPLEMENTS", sid, 0.6)
        if s.index in parses and not s.of("Cluster"):
            # "The Office of the DC (Handlooms) has selected 20 clusters", "... has started a
            # handloom cluster development programme": the programme the document's clusters are
            # in (a reading of the document: confidence 0.5)
            for body, role in programme_roles(s, parses[s.index]):
                for c in group or ([focal] if focal else []):
                    if (body.id, c.id) not in linked:
                        edge = role_edge(body, c, role)
                        yield rel(*edge, 0.5, {"role": role.role, "via": "document"})
        if s.index in parses and not s.of("Cluster") and len(every_cluster) > 1:
            # "NFDB will hand hold these clusters": the clusters the document has named
            for body, role in collective_roles(s, parses[s.index], len(every_cluster)):
                for c in every_cluster:
                    if (body.id, c.id) not in linked:
                        yield rel(*role_edge(body, c, role), 0.55, {"role": role.role})
        if s.index in parses:  # "the Ministry has modified MSE-CDP": it administers it
            for body, sc, relation in scheme_roles(s, parses[s.index]):
                if (body.id, sc.id) not in linked:
                    yield rel(body.id, relation, sc.id, 0.7)
        for body, sc in scheme_owners(s):  # "IPDS of the Union Ministry of Textiles"
            if (body.id, sc.id) not in linked:
                yield rel(body.id, "ADMINISTERS", sc.id, 0.7)
        if DEVANAGARI.search(s.clean):
            yield from _hindi_relations(s, rel, group or ([focal] if focal else every_cluster))
        if not s.of("Cluster") and PLURAL_CLUSTERS.search(text):
            # "... clusters under SFURTI", "launched the X programme in five clusters": the
            # clusters the next sentence lists ("The five clusters included ...") are its
            said_of = [sc for sc in schemes if _IN_CLUSTERS.match(text[sc.end :])]
            if " under " in text.lower() or said_of:
                pending = [(sc.id, "SUPPORTED_BY", False) for sc in said_of or schemes]
                if text.rstrip().endswith(":"):
                    listed = pending
        previous = s
    # bodies named after a cluster of the document: its association, its SPV
    clusters = {c.id: c for s in sentences for c in s.of("Cluster")}
    done: set[tuple[str, str]] = set()
    for s in sentences:
        for body in s.of("Agency", "Enterprise"):
            for c in clusters.values():
                by_name = named_after(body, c)
                if by_name is not None and (body.id, c.id) not in done:
                    done.add((body.id, c.id))
                    src, tgt = (body.id, c.id) if by_name.forward else (c.id, body.id)
                    yield (s, src, by_name.relation, tgt, 0.7, {"role": by_name.role})
    # a cluster named with no place: the one district of the sentence naming it alone
    # ("Another CFC for Daspur-II Steel Fabrication Cluster is being set up at Nischintapur
    # under Daspur-II Block in Paschim Medinipur"), else the document's district, or else its
    # clear state
    where = context.get("district") or context.get("clear_state")
    for cid, s in first_seen.items():
        if cid in located:
            continue
        districts = {p.id for p in s.of("District")}
        alone = len({c.id for c in s.of("Cluster")}) == 1 and len(districts) == 1
        if alone:
            yield (s, cid, "LOCATED_IN", districts.pop(), 0.6, {})
        elif where:
            yield (s, cid, "LOCATED_IN", where, 0.5, {})


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")


def _hindi_relations(s: Sentence, rel: Any, documents: list[Entity]) -> Iterator[Rel]:
    """A Hindi sentence's clusters: backed by the schemes it names them under ("... योजना के
    तहत"), and run by the bodies it gives a role ("... के निर्माण", "नोडल एजेंसी"). A cluster
    word with no cluster of its own ("क्लस्टर निर्माण के लिए", "सात कामन फैसिलिटी सेंटर") is the
    document's cluster, or its clusters spoken of equally (`documents`)."""
    clusters = s.of("Cluster") or (documents if speaks_of_clusters(s.clean) else [])
    if not clusters:
        return
    if says_under(s.clean):
        for sc in s.of("Scheme"):
            for c in clusters:
                yield rel(c.id, "SUPPORTED_BY", sc.id, 0.6, {"via": "hindi"})
    role = role_of(s.clean)
    if role is not None:
        how = VERB_PARTNER if role == "partner" else next(r for r in AGENCY_ROLES if r.role == role)
        for body in s.of("Agency"):
            for c in clusters:
                yield rel(*role_edge(body, c, how), 0.6, {"role": role, "via": "hindi"})


# "... is situated at", "are located in", "was set up at": where the name before it stands
_SITUATED = re.compile(
    r"\s*,?\s+(?:complex\s+)?(?:is|are|was|were|has been|have been|will be)\s+"
    r"(?:situated|located|based|set up|established|coming up)\s+(?:at|in|near)\b"
)


def _located(s: Sentence, c: Entity, rel: Any) -> Iterator[Rel]:
    """'X Cluster, Dhubri, Assam', 'Muzaffarpur Bag Cluster', 'Iron Cluster in Bhendra'."""
    places = s.of(*PLACE_TYPES)
    if c.places:
        for pid in c.places:
            yield rel(c.id, "LOCATED_IN", pid, 0.8)
        return
    inside = [p for p in places if c.start <= p.start and p.end <= c.end]
    chain = []
    end = c.end
    for p in sorted(places, key=lambda p: p.start):
        # "X Cluster, Dhubri, Assam" and "X Cluster, Boko. Assam" (a town between)
        if p.start >= end and re.fullmatch(
            r"[\s,.]*(?:[A-Z][a-z]+[\s,.]+)?", s.clean[end : p.start]
        ):
            chain.append(p)
            end = p.end
    if not inside and not chain:
        m = re.compile(r"\s+in\s+").match(s.clean, c.end)
        chain = [p for p in places if m and p.start == m.end()]
    if not inside and not chain:
        # a table's row "... UTTAR PRADESH BAREILLY Rice and Rice Bran Cluster ...": the
        # district written right before the name is the cluster's
        chain = [p for p in places if p.type == "District" and p.end < c.start
                 and not s.clean[p.end : c.start].strip()]  # fmt: skip
    if not inside and not chain:
        # "clusters - Baloda, Navagarh and Dabra in Janjgir-Champa district": a place after a
        # list's last cluster is each listed cluster's that names none of its own
        end, starts = c.end, {o.start: o for o in s.of("Cluster")}
        while (sep := _LIST_GAP.match(s.clean, end)) and sep.end() in starts:
            end = starts[sep.end()].end
        m = re.compile(r"\s+in\s+").match(s.clean, end) if end > c.end else None
        chain = [p for p in places if m and p.start == m.end()]
    if not inside and not chain and (m := _SITUATED.match(s.clean, c.end)):
        # "The X Craft Park is situated at Dhordo village in Kutch": the first district or
        # state named in the rest of the clause
        clause = re.split(r"[.;]", s.clean[m.end() :], maxsplit=1)[0]
        chain = sorted((p for p in places if m.end() <= p.start < m.end() + len(clause)),
                       key=lambda p: p.start)[:1]  # fmt: skip
    for p in inside or chain:
        yield rel(c.id, "LOCATED_IN", p.id, 0.8)
