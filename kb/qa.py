"""Question answering with citations, offline: link entities, detect what is asked, answer from
graph facts (each citing its sentence or table row), else from the best matching sentence,
else say honestly what the KB does not know.

First version: relation questions (who anchors / funds / mobilised / trained / implements /
finances / partners / buys / supplies / where), ODOP questions (a district's products, the
districts of a product, counts per state), quantities attached to clusters, linkage paths,
and follow-ups that reuse the previous turn's entities.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kb.errors import InputError, NotFound
from kb.explore import entity_view, path_view
from kb.linking import EntityLinker
from kb.models import Answer, Citation, EntityRef, Recommendation
from kb.resolve import normalize
from kb.schema import ACTOR_TYPES, PLACE_TYPES, QUESTION_CUES
from kb.search import Passage
from kb.store.base import Edge, GraphStore, Node

# What is asked -> (relations, direction seen from the asked-about entity), most specific first
INTENTS: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = [
    (re.compile(cue.pattern, re.I), list(cue.asks)) for cue in QUESTION_CUES
]
ACTOR_QUESTION = re.compile(
    r"^\s*(?:who|which (?:department|agency|bank|scheme|ministry|organi[sz]ation|body))\b", re.I
)
FACILITY_WORD = re.compile(r"\b(cfc|common facility|rearing shed|work ?shed|shed|plug)", re.I)
ODOP = re.compile(r"\bodop\b|one district one product", re.I)
HOW_MUCH = re.compile(
    r"\bhow (?:much|many|long)\b|\bvalue\b|\bamount\b|\bcost\b|\bturnover\b|\bshare\b|\bper ?cent",
    re.I,
)
PATH = re.compile(r"\bconnected\b|\blink(?:ed)? between\b|\brelated to\b|\bpath\b", re.I)
FOLLOW_UP = re.compile(
    r"^(?:and|also|what about|how about)\b|\b(?:they|them|their|it|its|this cluster|that cluster)\b",
    re.I,
)
UNKNOWN_PLACE = re.compile(
    r"\b(?!(?:Which|What|The|This|That|Each|Every|Its|Their)\b)([A-Z][a-z]+)\s+(?:district|state|cluster)\b"
)
PARTNER_Q = re.compile(
    r"\b(?:who (?:could|can|should) help|help (?:me )?(?:start|set up)|start(?:ing)? an? |set(?:ting)? up an? |"
    r"replicat|partners? for)\b.*\bcluster\b|\bwhich schemes (?:fit|suit|apply|are available)\b.*\bcluster\b",
    re.I,
)
COMPARE = re.compile(r"\b(?:more|fewer|less|compare|compared|larger|bigger)\b", re.I)
NEW_PRODUCT = re.compile(r"\b(?:an?|new)\s+(?P<product>[\w&/ -]+?)\s+cluster\b", re.I)
YES_NO = re.compile(r"^\s*(?:is|are|does|do|did|has|have|was|were)\b", re.I)


def _reply(
    question: str,
    text: str,
    answered: bool,
    citations: list[dict[str, str]] | list[Citation],
    entities: list[dict[str, str]] | list[EntityRef],
    facts: list[Any],
) -> Answer:
    return Answer.model_validate(
        {"question": question, "answer": text, "answered": answered,
         "citations": citations, "entities": entities, "facts": facts}
    )  # fmt: skip


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class QuestionAnswerer:
    """Answers questions from the store, through the entity linker and the sentence search;
    partner questions go to the recommender, wording to the optional LLM."""

    def __init__(
        self,
        store: GraphStore,
        linker: EntityLinker,
        search: Callable[[str, int], list[Passage]],
        recommend: Callable[[str, str], Recommendation],
        llm: Callable[[], Any] = lambda: None,
    ):
        self.store = store
        self.linker = linker
        self.search = search
        self.recommend = recommend
        self.llm = llm  # returns a LangChain chat model, or None

    # -- linking ------------------------------------------------------------------------------

    def link(self, question: str) -> list[Node]:
        """Entities named in the question: exact names and aliases, then close misspellings."""
        found: list[Node] = []
        text = question
        for m in self.linker.in_text(text):
            for i in m.ids[:1] if m.type != "District" else m.ids:
                node = self.store.get_node(i)
                if node is not None and node.id not in {f.id for f in found}:
                    found.append(node)
        phrase = re.search(r"\b((?:[A-Za-z-]+\s+){1,3})clusters?\b", question, re.I)
        if phrase and not any(n.type == "Cluster" for n in found):  # "the bag cluster in Bihar"
            stop = {"the", "a", "an", "of", "which", "what", "this", "that", "new"}
            words = [w for w in phrase.group(1).split() if w.lower() not in stop]
            candidates = [" ".join([*words[-k:], "cluster"]) for k in (1, 2) if len(words) >= k]
            best: list[Node] = []
            for text in candidates:
                best = best or [n for n in self._link_by_meaning(text, 0.75) if n.type == "Cluster"]
            found += best
        if not found:
            found = self._link_by_meaning(question)
        if not found:
            for word in re.findall(r"[A-Z][A-Za-z]{3,}(?:\s+[A-Z][A-Za-z]+)*", question):
                for match in self.linker.resolver.fuzzy(word, cutoff=90.0)[:1]:
                    node = self.store.get_node(match.id)
                    if node is not None and node.type not in ("GeographicalIndication", "Product"):
                        found.append(node)
        return found

    def _link_by_meaning(self, question: str, cutoff: float = 0.7) -> list[Node]:
        """The cluster, scheme, agency or firm whose name means what the question names
        ('the bag cluster in Bihar'), by MiniLM similarity; only when names found nothing."""
        return self.linker.by_meaning(question, cutoff)

    # -- answering ----------------------------------------------------------------------------

    def ask(self, question: str, history: list[Any] | None = None) -> Answer:
        question = " ".join((question or "").split())
        if not question:
            raise InputError(
                "the question is empty; ask about a cluster, district, scheme or agency"
            )
        entities = self.link(question)
        if history and FOLLOW_UP.search(question):
            previous = history[-1]
            prev = previous.to_dict() if isinstance(previous, Answer) else previous
            prev_entities = prev.get("entities", []) if isinstance(prev, dict) else []
            carried = [self.store.get_node(e["id"]) for e in prev_entities]
            entities = [n for n in carried if n is not None] + [
                e for e in entities if e.id not in {c.id for c in carried if c}
            ]
        unknown = [w for w in UNKNOWN_PLACE.findall(question) if not self.linker.resolver.lookup(w)]
        if unknown:
            return self._abstain(
                question, entities, f"Nothing on {_join(unknown)} in the knowledge base"
            )
        answer = (
            self._compare(question, entities)
            or self._partners(question, entities)
            or self._yes_no(question, entities)
            or self._odop(question, entities)
            or self._clusters_by_word(question)
            or self._clusters_of(question, entities)
            or self._path(question, entities)
            or self._quantity(question, entities)
            or self._relation(question, entities)
            or self._passage(question, entities)
        )
        if answer is None:
            return self._abstain(question, entities, "The knowledge base does not say")
        return self._phrase(answer)

    def _phrase(self, answer: Answer) -> Answer:
        """Let the optional LLM word the answer from the same evidence; keep ours if it fails.

        Its citations are limited to the evidence it was given, by number; an answer citing
        nothing valid is not used.
        """
        model = self.llm()
        if model is None or not answer.citations:
            return answer
        evidence = "\n".join(f"[{i}] {c.text}" for i, c in enumerate(answer.citations, start=1))
        messages = [
            ("system", "Answer in one or two sentences, leading with the fact asked for, using only the "
                       "numbered evidence. Cite evidence numbers like [1]. If the evidence does not "
                       "answer the question, reply exactly: NOT IN EVIDENCE."),
            ("human", f"Question: {answer.question}\nFacts found: {answer.answer}\nEvidence:\n{evidence}"),
        ]  # fmt: skip
        try:
            text = str(getattr(model.invoke(messages), "content", "")).strip()
        except Exception:  # noqa: BLE001 - any provider failure: the offline answer stands
            return answer
        cited = sorted(
            {int(n) for n in re.findall(r"\[(\d+)\]", text) if 1 <= int(n) <= len(answer.citations)}
        )
        if not text or "NOT IN EVIDENCE" in text or not cited:
            return answer
        return _reply(
            answer.question,
            text,
            True,
            [answer.citations[i - 1] for i in cited],
            answer.entities,
            answer.facts,
        )

    def _entities(self, nodes: list[Node]) -> list[dict[str, str]]:
        return [{"id": n.id, "name": n.name, "type": n.type} for n in nodes]

    def _answer(self, question: str, text: str, entities: list[Node], edges: list[Edge]) -> Answer:
        citations = []
        for e in edges:
            for p in e.provenance[:1]:
                if p.citation() not in citations:
                    citations.append(p.citation())
        facts = [{"source": e.source, "relation": e.relation, "target": e.target} for e in edges]
        return _reply(question, text, True, citations[:8], self._entities(entities), facts)

    def _abstain(self, question: str, entities: list[Node], lead: str) -> Answer:
        near = ", ".join(f"{n.name} ({n.type})" for n in entities[:4])
        text = f"{lead}; the KB has {near}." if near else f"{lead}."
        return _reply(question, text, False, [], self._entities(entities), [])

    @staticmethod
    def _masked(question: str, entities: list[Node]) -> str:
        """The question with entity names blanked, so 'Scheme' in a scheme's name is no cue."""
        out = question
        for n in entities:
            for name in sorted({n.name, *n.aliases}, key=len, reverse=True):
                if len(name) > 3:
                    out = re.sub(re.escape(name), "_" * len(name), out, flags=re.I)
        return out

    def _relation(self, question: str, entities: list[Node]) -> Answer | None:
        if not entities:
            return None
        cue = self._masked(question, entities)
        actor = ACTOR_QUESTION.search(cue)
        subjects = sorted(entities, key=lambda n: n.type != "Cluster")
        facility = FACILITY_WORD.search(question)
        if facility and actor:  # "who provided the rearing sheds of X": ask about X's facility
            word = facility.group(1).lower().replace("workshed", "work shed")
            for c in [n for n in entities if n.type == "Cluster"]:
                for nb in self.store.neighbors(c.id, "HAS_FACILITY"):
                    if word.rstrip("s") in nb.node.name.lower():
                        subjects.insert(0, nb.node)
        intents = INTENTS
        if re.match(r"\s*where\b", question, re.I):  # "where is the anchor unit X based?"
            intents = [i for i in INTENTS if ("LOCATED_IN", "out") in i[1]] + INTENTS
        for rx, wanted in intents:
            if not rx.search(cue):
                continue
            if actor and wanted == [("HAS_FACILITY", "out")]:
                continue
            for subject in subjects:
                view = entity_view(self.store, subject)
                hits = [
                    r for rel, direction in wanted for r in view.relations
                    if r.relation == rel and r.direction == direction
                ]  # fmt: skip
                if actor:
                    hits = [r for r in hits if r.node.type in ACTOR_TYPES]
                if re.search(r"\bschemes?\b|\bprogramm", cue, re.I):
                    hits = [r for r in hits if r.node.type == "Scheme"] or hits
                if re.search(r"\bclusters\b", cue, re.I) and wanted == [("LOCATED_IN", "in")]:
                    hits = [r for r in hits if r.node.type == "Cluster"]
                if hits:
                    names = [r.node.name for r in hits]
                    rel_words = hits[0].relation.lower().replace("_", " ")
                    if hits[0].direction == "out":  # subject -> names: "X — located in Y."
                        text = f"{subject.name} — {rel_words} {_join(names)}."
                    else:  # names -> subject: "Y (anchors X)."
                        text = f"{_join(names)} ({rel_words} {subject.name})."
                    return self._answer(
                        question, text, [subject, *[r.node for r in hits]], [r.edge for r in hits]
                    )
            return None  # the asked relation is not in the KB: do not guess from another
        return None

    def _compare(self, question: str, entities: list[Node]) -> Answer | None:
        """'Which has more ODOP products, Bihar or Kerala?'"""
        places = [n for n in entities if n.type in PLACE_TYPES]
        if not COMPARE.search(question) or not ODOP.search(question) or len(places) < 2:
            return None
        store = self.store
        counts, edges = {}, []
        for p in places[:2]:
            districts = (
                [p.id]
                if p.type == "District"
                else [nb.node.id for nb in store.neighbors(p.id, "LOCATED_IN", "in")]
            )
            rows = [nb.edge for d in districts for nb in store.neighbors(d, "ODOP_PRODUCT")]
            counts[p.name] = len({e.target for e in rows})
            edges += rows[:2]
        (a, na), (b, nb_) = counts.items()
        lead = (
            f"{a} has more"
            if na > nb_
            else f"{b} has more"
            if nb_ > na
            else "They have the same number"
        )
        return self._answer(
            question, f"{lead}: {a} {na} ODOP products, {b} {nb_}.", places[:2], edges
        )

    def _partners(self, question: str, entities: list[Node]) -> Answer | None:
        """'Who could help start a makhana cluster in Darbhanga?': the recommendation engine."""
        if not PARTNER_Q.search(question):
            return None
        m = NEW_PRODUCT.search(question)
        product = m.group("product").strip() if m else ""
        districts = [n for n in entities if n.type == "District"]
        states = [n for n in entities if n.type == "State"]
        if not districts and states:  # "a bamboo craft cluster in Tripura": its matching district
            candidates = [nb.node for nb in self.store.neighbors(states[0].id, "LOCATED_IN", "in")]

            def fits(d: Node) -> bool:
                return any(
                    normalize(product).split(" ")[0] in normalize(nb.node.name)
                    for nb in self.store.neighbors(d.id, "ODOP_PRODUCT")
                )

            districts = sorted(candidates, key=lambda d: (not fits(d), d.name))[:1]
        if not districts or not product:
            return None
        d = districts[0]
        result = self.recommend(d.id, product).to_dict()
        kinds = (
            ["schemes"]
            if re.search(r"\bschemes?\b", question, re.I)
            else ["model_clusters", "anchors", "agencies", "schemes"]
        )
        parts, citations = [], []
        for kind in kinds:
            items = result[kind][: 3 if len(kinds) == 1 else 2]
            if items:
                label = kind.replace("_", " ")
                parts.append(f"{label}: " + "; ".join(f"{i['name']} ({i['why']})" for i in items))
                citations += [c for i in items for c in i.get("evidence", [])]
        if not parts:
            return None
        text = (
            f"For {result['product']} in {result['district']['name']} — " + " | ".join(parts) + "."
        )
        unique = [c for k, c in enumerate(citations) if c not in citations[:k]][:6]
        return _reply(question, text, True, unique, self._entities([d, *states]), [])

    def _yes_no(self, question: str, entities: list[Node]) -> Answer | None:
        """'Is Muzaffarpur in Bihar?', 'Does Shahi Litchi have a GI tag?'."""
        if not YES_NO.search(question) or not entities:
            return None
        store = self.store
        if re.search(r"\bgi\b|geographical indication", question, re.I):
            for p in [n for n in entities if n.type == "Product"]:
                gis = store.neighbors(p.id, "HAS_GI")
                if gis:
                    return self._answer(
                        question,
                        f"Yes: {p.name} is registered as {_join([g.node.name for g in gis])}.",
                        [p],
                        [g.edge for g in gis],
                    )
            return None
        places = [
            n
            for n in entities
            if n.type in ("District", "State", "Cluster", "Enterprise", "Agency")
        ]
        if len(places) >= 2 and re.search(r"\bin\b", question, re.I):
            inner, outer = places[0], places[1]
            chain, frontier = [], [inner.id]
            for _ in range(3):
                step = [nb for f in frontier for nb in store.neighbors(f, "LOCATED_IN")]
                if not step:
                    break
                chain += [nb.edge for nb in step]
                if any(nb.node.id == outer.id for nb in step):
                    return self._answer(
                        question, f"Yes, {inner.name} is in {outer.name}.", [inner, outer], chain
                    )
                frontier = [nb.node.id for nb in step]
            if chain:
                where = store.get_node(chain[0].target)
                return self._answer(
                    question,
                    f"No, {inner.name} is in {where.name if where else chain[0].target}.",
                    [inner, outer],
                    chain[:1],
                )
        return None

    def _clusters_of(self, question: str, entities: list[Node]) -> Answer | None:
        """'Which clusters does SFURTI support?': clusters linked to a scheme, agency or firm."""
        if not re.search(r"\bwhich clusters\b", question, re.I):
            return None
        for e in [n for n in entities if n.type in ACTOR_TYPES]:
            hits = [
                nb for nb in self.store.neighbors(e.id, direction="both")
                if nb.node.type == "Cluster" and nb.edge.relation != "MENTIONED_IN"
            ]  # fmt: skip
            if hits:
                names = [nb.node.name for nb in hits]
                return self._answer(
                    question,
                    f"{_join(sorted(set(names)))}.",
                    [e, *[nb.node for nb in hits]],
                    [nb.edge for nb in hits],
                )
        return None

    def _clusters_by_word(self, question: str) -> Answer | None:
        """'Which states have Eri clusters?': the places of clusters whose name has the word."""
        m = re.search(
            r"\bwhich (states|districts) (?:have|has)\s+(\w+(?:\s\w+)?)\s+clusters?\b",
            question,
            re.I,
        )
        if not m:
            return None
        kind, word = ("State" if m.group(1).lower() == "states" else "District"), m.group(2).lower()
        edges = []
        for c in self.store.nodes("Cluster"):
            if re.search(rf"\b{re.escape(word)}\b", c.name.lower()):
                for nb in self.store.neighbors(c.id, "LOCATED_IN"):
                    if nb.node.type == kind:
                        edges.append(nb.edge)
        if not edges:
            return None
        names = sorted({self.store.get_node(e.target).name for e in edges})  # type: ignore[union-attr]
        return self._answer(question, f"{_join(names)}.", [], edges)

    def _odop(self, question: str, entities: list[Node]) -> Answer | None:
        if not ODOP.search(question):
            return None
        store = self.store
        products = [n for n in entities if n.type == "Product"]
        districts = [n for n in entities if n.type == "District"]
        states = [n for n in entities if n.type == "State"]
        if products:
            edges = [
                nb.edge for p in products for nb in store.neighbors(p.id, "ODOP_PRODUCT", "in")
            ]
            if states:
                in_state = {
                    nb.node.id for s in states for nb in store.neighbors(s.id, "LOCATED_IN", "in")
                }
                edges = [e for e in edges if e.source in in_state]
            if not edges:
                return None
            names = [store.get_node(e.source).name for e in edges]  # type: ignore[union-attr]
            text = f"{_join(sorted(names))} ({len(names)} district{'s' if len(names) > 1 else ''})."
            return self._answer(question, text, products + states, edges)
        if districts:
            edges = [
                nb.edge for d in districts for nb in store.neighbors(d.id, "ODOP_PRODUCT", "out")
            ]
            if not edges:
                return None
            names = [store.get_node(e.target).name for e in edges]  # type: ignore[union-attr]
            return self._answer(question, f"{_join(names)}.", districts, edges)
        if states:
            district_ids = [
                nb.node.id for s in states for nb in store.neighbors(s.id, "LOCATED_IN", "in")
            ]
            edges = [
                nb.edge for d in district_ids for nb in store.neighbors(d, "ODOP_PRODUCT", "out")
            ]
            if not edges:
                return None
            products_n = len({e.target for e in edges})
            text = f"{products_n} ODOP products across {len({e.source for e in edges})} districts of {_join([s.name for s in states])}."
            return self._answer(question, text, states, edges[:8])
        return None

    def _path(self, question: str, entities: list[Node]) -> Answer | None:
        if not PATH.search(question) or len(entities) < 2:
            return None
        try:
            view = path_view(self.store, entities[0], entities[1])
        except NotFound:
            return None
        hops = "; ".join(
            f"{view.names[e.source]} {e.relation.lower().replace('_', ' ')} {view.names[e.target]}"
            for e in view.edges
        )
        return self._answer(question, f"{hops}.", entities[:2], view.edges)

    def _quantity(self, question: str, entities: list[Node]) -> Answer | None:
        if not HOW_MUCH.search(question):
            return None
        from kb.search import tokens

        asked = set(tokens(question))
        if re.search(r"\bhow much\b|\bamount\b|\bcost\b|\bvalue\b|\bturnover\b", question, re.I):
            kinds = {"money"}
        elif re.search(r"\bshare\b|\bper ?cent", question, re.I):
            kinds = {"percent"}
        elif re.search(r"\bhow long\b|\bdays\b|\bmonths\b", question, re.I):
            kinds = {"duration"}
        else:
            kinds = {"count"}
        best: tuple[float, dict[str, Any], Node] | None = None
        clusters = [n for n in entities if n.type == "Cluster"]
        docs: set[str] = set()
        for n in entities:
            for nb in self.store.neighbors(n.id, direction="both"):
                if nb.node.type == "Cluster" and nb.node.id not in {c.id for c in clusters}:
                    clusters.append(nb.node)
                if nb.edge.relation == "MENTIONED_IN":
                    docs.add(nb.node.id)
        if docs and not any(n.type == "Cluster" for n in entities):
            # asked about a scheme or agency: the numbers of the documents that mention it
            for c in self.store.nodes("Cluster"):
                if c.id not in {x.id for x in clusters} and any(
                    f"quantities@{d}" in c.attrs for d in docs
                ):
                    clusters.append(c)
        for c in clusters:
            for key, items in c.attrs.items():
                if not key.startswith("quantities@"):
                    continue
                for q in items:
                    if q["kind"] not in kinds:
                        continue
                    if q["kind"] == "count" and not asked & set(tokens(q["unit"])):
                        continue  # "how many looms": a count of artisans does not answer it
                    words = set(tokens(q.get("sentence_text", "")))
                    overlap = len(asked & words) + 2 * len(
                        asked & set(tokens(q["unit"] + " " + q["text"]))
                    )
                    score = overlap + 1
                    if best is None or score > best[0]:
                        best = (score, {**q, "document": key.split("@", 1)[1]}, c)
        if best is None or best[0] < 2:
            return None
        _, q, cluster = best
        citation = {
            "document": q["document"],
            "locator": f"sentence {q['sentence']}",
            "text": q["sentence_text"],
        }
        return _reply(
            question,
            f"{q['text']} ({cluster.name}).",
            True,
            [citation],
            self._entities([cluster]),
            [],
        )

    def _passage(self, question: str, entities: list[Node]) -> Answer | None:
        """The best sentence — only for questions no relation rule covers, and only if it names
        an entity of the question and shares other content words with it."""
        from kb.search import tokens

        # A question a relation rule was meant for (who/where/how much …) but could not answer,
        # or one that names no entity, needs a closer sentence: more meaning, more shared words.
        strict = not entities or any(rx.search(question) for rx, _ in INTENTS)
        min_dense, min_shared = (0.6, 2) if strict else (0.5, 1)
        # an entity is named when all the words of its name or of an alias are in the sentence
        keys = [set(tokens(a)) for n in entities for a in [n.name, *n.aliases] if len(a) > 3]
        keys = [k for k in keys if k]
        entity_words = {t for n in entities for t in tokens(" ".join([n.name, *n.aliases]))}
        content = set(tokens(question)) - entity_words
        min_shared = min(min_shared, len(content)) if content else min_shared
        for p in self.search(question, 5):
            if p.text.rstrip().endswith(("?", ":")) or len(p.text.split()) < 6:
                continue  # a heading, a question or a list's lead-in is not an answer
            words = set(tokens(p.text))
            names_one = any(k <= words for k in keys) if keys else True
            shared = len(content & words)
            if p.dense >= min_dense and names_one and shared >= min_shared:
                citation = {
                    "document": p.document,
                    "locator": f"sentence {p.sentence}",
                    "text": p.text,
                }
                return _reply(question, p.text, True, [citation], self._entities(entities), [])
        return None
