"""Bodies and clusters that are arguments of one clause, read from the dependency parse.

"The SLPSC approved Dry Fish Cluster at Paradeep, Rice Mill Cluster at Balasore and Coir
Cluster at Teispur for recommendation to DC, MSME", "the 20 handloom clusters, which have been
identified by the Ministry of Textiles", "advised the Directorate to complete DPRs and IDCO to
expedite allotment of land to Engineering Cluster at Angul, ...": the body's nearest verb is
one of the ontology's `VERB_ROLES`, and that verb's clause (climbed through xcomp, advcl, conj
and ccomp to its top) holds the cluster, or the cluster's own verb holds the body. The body
acting (subject, or passive "by" agent) takes the verb's role; a body that is its object or
the object of one of its prepositions is a partner in it. Coordinated lists need no rule of
their own: every conjunct hangs under the same verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ingest.units import Entity, Sentence
from kb.schema import (
    NOMINAL_VERBS,
    PROGRAMME_NOUNS,
    SCHEME_VERBS,
    VERB_PARTNER,
    VERB_ROLES,
    AgencyRole,
)

_VERBAL = {"VERB", "AUX"}
_CLAUSE_LINKS = {"xcomp", "advcl", "conj", "ccomp"}  # verb to verb, inside one clause complex
_ACTING = {"nsubj", "agent", "nsubjpass"}
MAX_CLIMB = 8


def _head_token(doc: Any, e: Entity) -> Any | None:
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _verb_of(tok: Any) -> tuple[Any | None, bool]:
    """The nearest verb governing `tok`, and whether `tok` acts in it (its subject, or the
    object of its passive "by"); appositions and conjuncts share their head's place."""
    acting, t = False, tok
    for _ in range(MAX_CLIMB):
        if t.dep_ in ("appos", "conj", "compound") and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ == "pobj" and t.head.dep_ == "agent":
            acting = True
        elif t.dep_ == "pobj" and t.head.lower_ == "by" and (act := _act_of(t.head.head)):
            return act, True  # "implementation of the programme by IIE"
        elif t.dep_ in _ACTING:
            acting = True
        h = t.head
        if h.i == t.i:
            return None, False
        if h.pos_ in _VERBAL:
            return h, acting
        acting = acting and h.dep_ == "agent"
        t = h
    return None, False


def _nominal_act(tok: Any) -> bool:
    """Whether `tok` is a noun naming the act of a role verb ("implementation", "funding")."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in NOMINAL_VERBS


def _act_of(tok: Any) -> Any | None:
    """The noun naming a role verb's act that `tok` is, or is of: "implementation" itself, or
    the noun "by" hangs on in "implementation of the programme by IIE" (the programme)."""
    for _ in range(3):
        if _nominal_act(tok):
            return tok
        if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ != "of":
            return None
        tok = tok.head.head
    return None


def _lemma(verb: Any) -> str:
    """The verb's lemma with its particle, if any: "set up", "take up"; a noun naming the act
    of a verb, that verb's ("implementation": implement)."""
    if _nominal_act(verb):
        return NOMINAL_VERBS[verb.lemma_.lower()]
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.lemma_.lower(), *particles[:1]])


def _top(verb: Any) -> Any:
    """The top verb of `verb`'s clause complex ("advised" for "... to complete")."""
    for _ in range(MAX_CLIMB):
        if verb.dep_ in _CLAUSE_LINKS and verb.head.pos_ in _VERBAL and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    return verb


def _dominates(top: Any, tok: Any) -> bool:
    return tok.i == top.i or any(a.i == top.i for a in tok.ancestors)


# the nouns by which a document speaks of its own cluster: "the cluster", "the project" (a
# cluster document's project is its cluster's: "The project was sanctioned by the ministry")
_FOCAL_NOUNS = {"cluster", "project"}


def _mentions_of(doc: Any, focal: Entity | None) -> list[tuple[Entity, Any]]:
    """Where a sentence naming no cluster speaks of the document's own: "the cluster", "this
    cluster", "the Varanasi cluster", "the project" (singular, definite or named by a place
    word)."""
    if focal is None:
        return []
    out = []
    for t in doc:
        if t.lower_ not in _FOCAL_NOUNS:
            continue
        left = [c.lower_ for c in t.lefts]
        if {"the", "this", "our", "its"} & set(left) and not {"a", "an", "each", "every"} & set(
            left
        ):
            out.append((focal, t))
    return out


def _bodies_in_clauses(s: Sentence, doc: Any) -> Iterator[tuple[Entity, Any, Any, bool]]:
    """(body, its head token, the nearest verb governing it, whether it acts in that verb) for
    each agency of `s` that a verb governs in `doc`, the parse of `s.clean`."""
    for body in s.of("Agency"):
        tok = _head_token(doc, body)
        if tok is None:
            continue
        verb, acting = _verb_of(tok)
        if verb is not None:
            yield body, tok, verb, acting


def clause_roles(
    s: Sentence, doc: Any, focal: Entity | None = None
) -> Iterator[tuple[Entity, Entity, AgencyRole]]:
    """(body, cluster, role) for each agency of `s` that a verb of `VERB_ROLES` ties to a
    cluster named in the same clause, or, where `s` names none, to the document's `focal`
    cluster that "the cluster" refers to; `doc` is the parse of `s.clean`."""
    named = [(c, _head_token(doc, c)) for c in s.of("Cluster")]
    clusters = named or _mentions_of(doc, focal)
    for body, tok, verb, acting in _bodies_in_clauses(s, doc):
        top = _top(verb)
        if acting and _lemma(verb) not in VERB_ROLES:
            verb = _completed(verb)  # "X is going to facilitate the cluster"
        if _lemma(verb) in VERB_ROLES:
            role = VERB_ROLES[_lemma(verb)] if acting else VERB_PARTNER
        elif _lemma(top) in VERB_ROLES:  # "advised X to complete DPRs and IDCO to ..."
            role = VERB_PARTNER
        else:
            continue
        for c, ctok in clusters:
            # a span of this sentence's cluster (the focal one's is another sentence's)
            if ctok is None or (named and body.start < c.end and c.start < body.end):
                continue
            cverb, _ = _verb_of(ctok)
            if _dominates(top, ctok) or (cverb is not None and _dominates(cverb, tok)):
                yield body, c, role


# Verbs whose acting firm builds or runs a cluster's project ("a tamarind processing centre will
# be set up by Kosar Agro Private Limited"): the firm is the cluster's anchor unit
_ANCHOR_VERBS = frozenset(
    {"set up", "establish", "build", "construct", "develop", "run", "operate", "manage", "install"}
)


def anchor_firms(
    s: Sentence, doc: Any, focal: Entity | None = None
) -> Iterator[tuple[Entity, Entity]]:
    """(firm, cluster) for each enterprise of `s` acting (the subject, or the passive's "by")
    in a verb of setting up or running whose argument is a cluster of `s`, or the document's
    `focal` cluster that "the cluster" refers to: the firm that builds or runs a cluster's
    project is its anchor unit."""
    named = [(c, _head_token(doc, c)) for c in s.of("Cluster")]
    clusters = named or _mentions_of(doc, focal)
    for firm in s.of("Enterprise"):
        tok = _head_token(doc, firm)
        verb, acting = _verb_of(tok) if tok is not None else (None, False)
        if verb is None or not acting or _lemma(verb) not in _ANCHOR_VERBS:
            continue
        for c, ctok in clusters:
            if ctok is None or (named and firm.start < c.end and c.start < firm.end):
                continue
            cverb, _ = _verb_of(ctok)
            if cverb is not None and cverb.i == verb.i:
                yield firm, c


def scheme_roles(s: Sentence, doc: Any) -> Iterator[tuple[Entity, Entity, str]]:
    """(body, scheme, relation) for each agency of `s` that acts in a verb of `SCHEME_VERBS`
    whose object holds a scheme of `s` ("the Ministry has modified the MSE-CDP scheme")."""
    for body in s.of("Agency"):
        tok = _head_token(doc, body)
        verb, acting = _verb_of(tok) if tok is not None else (None, False)
        if verb is None or not acting or _lemma(verb).split()[0] not in SCHEME_VERBS:
            continue
        for sc in s.of("Scheme"):
            stok = _head_token(doc, sc)
            sverb, sacting = _verb_of(stok) if stok is not None else (None, False)
            if sverb is not None and sverb.i == verb.i and not sacting:
                yield body, sc, SCHEME_VERBS[_lemma(verb).split()[0]]


# Between a scheme and the body it belongs to: "IPDS of the Union Ministry of Textiles", "SFURTI,
# a scheme of the Ministry of MSME", "the programme is a scheme of the Ministry"; and between a
# body and its scheme: "the Ministry of MSME's SFURTI"
_SCHEME_OF = re.compile(
    r"\s*(?:\([^()]{1,20}\)\s*)?(?:,\s*)?(?:(?:is|was)\s+)?(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:scheme|programme|program|initiative|mission|yojana)\s+)?of\s+(?:the\s+)?"
    r"(?:(?:union|central|state)\s+)?",
    re.I,
)
_BODYS = re.compile(r"['’]s\s+(?:(?:flagship|own|new|central|national)\s+)?", re.I)


def scheme_owners(s: Sentence) -> Iterator[tuple[Entity, Entity]]:
    """(body, scheme) for each scheme the sentence says is a body's: "<scheme> of the
    <body>", "<scheme>, a scheme of <body>", "<body>'s <scheme>" (the body administers it)."""
    schemes, bodies = s.of("Scheme"), s.of("Agency")
    for sc in schemes:
        for body in bodies:
            if body.start >= sc.end and _SCHEME_OF.fullmatch(s.clean, sc.end, body.start):
                yield body, sc
            elif sc.start >= body.end and _BODYS.fullmatch(s.clean, body.end, sc.start):
                yield body, sc


_OBJECTS = {"dobj", "obj", "dative", "attr", "ccomp", "xcomp", "nsubjpass", "csubjpass"}


def objectless_roles(s: Sentence, doc: Any) -> Iterator[tuple[Entity, AgencyRole]]:
    """(body, role) for each agency of `s` acting in an implementing verb of `VERB_ROLES` that
    has no object ("The Directorate of Textiles has been implementing in the State"): what it
    implements is left to the document (its scheme and its clusters; the caller decides)."""
    for body in s.of("Agency"):
        tok = _head_token(doc, body)
        verb, acting = _verb_of(tok) if tok is not None else (None, False)
        role = VERB_ROLES.get(_lemma(verb)) if verb is not None else None
        if tok is None or verb is None or not acting or role is None:
            continue
        if role.relation != "IMPLEMENTS":
            continue
        if any(c.dep_ in _OBJECTS for c in verb.children) or tok.dep_ != "nsubj":
            continue  # "X implements the scheme", "... is implemented by X"
        yield body, role


ADMINISTERING = AgencyRole("administering", "SUPPORTED_BY", (), forward=False)


def _about_clusters(tok: Any) -> bool:
    """Whether a verb's object speaks of clusters in general: "20 clusters", "handloom cluster
    development programme" (a programme noun with "cluster" among its words)."""
    if tok.lower_ == "clusters":
        return True
    return tok.lemma_.lower() in PROGRAMME_NOUNS and any(
        t.lower_ in ("cluster", "clusters") for t in tok.subtree if t.i < tok.i
    )


def _completed(verb: Any) -> Any:
    """The verb a verb of intent is completed by, its subject acting in both: "plans to set up
    clusters", "has decided to develop", "is going to facilitate" (the `xcomp` chain), or the
    purpose of what a verb of obtaining gets ("obtained approval for setting up a cluster");
    at most two steps; else the verb itself."""
    for _ in range(2):
        lemma = verb.lemma_.lower()
        nxt = []
        if lemma in _INTENT_VERBS:
            nxt = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if not nxt and lemma in _OBTAINING_VERBS:
            holders = [verb, *[o for o in verb.children if o.dep_ == "dobj"]]
            nxt = [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "for"
                   for g in p.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]  # fmt: skip
        if not nxt:
            break
        verb = nxt[0]
    return verb


# Verbs whose subject is the subject of the verb completing them ("the Ministry plans to set up")
_INTENT_VERBS = frozenset(
    "plan propose decide seek aim intend want agree prepare move try go".split()
)
# Verbs of obtaining whose subject acts in the purpose it obtains for ("got sanction for setting
# up")
_OBTAINING_VERBS = frozenset("obtain get receive secure seek apply".split())


def programme_roles(s: Sentence, doc: Any) -> Iterator[tuple[Entity, AgencyRole]]:
    """(body, role) for each agency of `s` acting in a verb of `VERB_ROLES` or `SCHEME_VERBS`
    whose object is clusters in general or a cluster programme ("the Office of the Development
    Commissioner has selected 20 clusters", "the Ministry has started a handloom cluster
    development programme"): the programme a document's clusters are in, so the caller links
    the body to them; a body of a scheme verb administers it."""
    for body in s.of("Agency"):
        tok = _head_token(doc, body)
        verb, acting = _verb_of(tok) if tok is not None else (None, False)
        if verb is None or not acting:
            continue
        verb = _completed(verb)
        lemma = _lemma(verb)
        role = VERB_ROLES.get(lemma)
        if role is None and lemma.split()[0] in SCHEME_VERBS:
            role = ADMINISTERING
        if role is None:
            continue
        schemes = [(sc.start, sc.end) for sc in s.of("Scheme")]
        for c in verb.children:
            if any(a <= c.idx < b for a, b in schemes):
                continue  # a named scheme ("implements the Cluster Development Programme"):
                # what the body does with it is the scheme rules' (`scheme_roles`)
            if c.dep_ in _OBJECTS and _about_clusters(c):
                yield body, role
                break


# A plural that points back to the clusters a document has named: "these clusters", "the
# clusters", "all such clusters" (the determiner or adjective before the noun)
_POINTING = frozenset({"these", "those", "the", "such", "all", "said"})
# Verbs whose subject only reports what the clause under them says ("NABARD said these clusters
# will ..."), or only goes to see ("visited these clusters"): it plays no part in them
_REPORTING = frozenset(
    "say tell state add inform note mention claim announce observe visit".split()
    # asking another to act is not acting: "the Board urged NITI Aayog to ... these clusters"
    + "urge request ask appeal demand".split()
)


def _collective(doc: Any, count: int = 0) -> list[Any]:
    """The tokens of `doc` that speak of the document's clusters together: "clusters" with a
    pointing word before it ("will hand hold these clusters", "support to all the clusters"),
    or counted as many as the document names (`count`: "to identify the challenges facing five
    sectoral clusters" in a page naming five)."""
    return [
        t for t in doc
        if t.lower_ == "clusters" and (
            {c.lower_ for c in t.lefts} & _POINTING
            or (count > 1 and any(c.dep_ == "nummod" and _number(c) == count for c in t.lefts))
        )
    ]  # fmt: skip


_NUMBERS = "one two three four five six seven eight nine ten eleven twelve".split()


def _number(tok: Any) -> int | None:
    """The whole number a token writes in figures or as a word up to twelve, or None."""
    if tok.text.isdigit():
        return int(tok.text)
    return _NUMBERS.index(tok.lower_) + 1 if tok.lower_ in _NUMBERS else None


def _controlled(verb: Any, tok: Any) -> Any | None:
    """The verb an object acts in by object control: "directed the Department to ensure ...",
    "asked NABARD to support ..." (`tok` the object of `verb`, the returned verb its `to`
    complement)."""
    if tok.dep_ != "dobj" or tok.head.i != verb.i:
        return None
    for c in verb.children:
        if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and c.i > tok.i:
            if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return c
    return None


def collective_roles(s: Sentence, doc: Any, count: int = 0) -> Iterator[tuple[Entity, AgencyRole]]:
    """(body, role) for each agency of `s` that acts in a clause whose object, or a phrase under
    it, is the document's clusters spoken of together ("NFDB will hand hold these clusters",
    "MCCIA provides administrative support to these clusters", "directed the Industries
    Department to ensure that proposals for infrastructure in these clusters be sent"): the
    caller links the body to each cluster the document names. The role is the verb's if it is
    one of `VERB_ROLES`, else a partner's; a body that only reports ("said") has none."""
    together = _collective(doc, count)
    if not together:
        return
    for body, tok, verb, acting in _bodies_in_clauses(s, doc):
        if not acting:
            verb = _controlled(verb, tok)
            if verb is None:
                continue
        verb = _completed(verb)
        if verb.lemma_.lower() in _REPORTING:
            continue
        if any(_dominates(verb, t) and t.i != tok.i for t in together):
            yield body, VERB_ROLES.get(_lemma(verb), VERB_PARTNER)
