"""KnowledgeBase: the one service object that the CLI, the HTTP API and the UI call."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kb import deadline
from kb.config import Settings
from kb.errors import InputError, NotFound
from kb.explore import EntityView, PathView, entity_view, neighborhood, path_view
from kb.ids import document_id, is_a, state_of
from kb.linking import EntityLinker
from kb.memo import Memo, key_of
from kb.models import (
    Answer,
    CitedRecord,
    DocumentInfo,
    DocumentText,
    EntityMatch,
    EntityPage,
    EntityRef,
    Gaps,
    GraphEdge,
    Neighborhood,
    Recommendation,
    Stats,
)
from kb.resolve import Match, Resolver
from kb.schema import NODE_TYPES
from kb.search import MiniLM, Passage, SentenceIndex
from kb.store import open_store
from kb.store.base import Direction, GraphStore, Node

if TYPE_CHECKING:
    from kb.qa import QuestionAnswerer
    from kb.recommend import Recommender


log = logging.getLogger(__name__)

WARM_UP_QUESTION = "Which clusters are in the knowledge base?"
REMADE = 16  # questions and plans most recently served, made again by the rebuild after a write


def _asked(question: str, history: list[Any] | None) -> tuple[str, list[Any]]:
    """The arguments of an answer as its memo keeps them: one form whoever asks (`ask`, the
    memo look-ups, the rebuild's `_made_again`), so equal questions have equal keys."""
    return question, list(history or [])


# The file in CLUSTERKB_HOME saying what the KB was built with (KnowledgeBase.stale)
BUILD_STAMP = "built_with.json"


def build_fingerprint(data: Path) -> str:
    """A digest of what a build reads: the code that extracts and stores (packages ingest and
    kb, the QA weights aside) and the data folder's tables, registry and corpus."""
    import ingest
    import kb

    digest = hashlib.sha256()
    roots = [Path(ingest.__file__).parent, Path(kb.__file__).parent, data]
    for root in roots:
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if not path.is_file() or path.name == "qa_model.json" or path.suffix == ".pyc":
                continue
            if rel.parts[0] == "eval" or "__pycache__" in rel.parts:
                continue
            digest.update(f"{root.name}/{rel.as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _built_from_configured(stamp: dict[str, Any]) -> bool:
    """Whether a build stamp says the KB was built from the configured data, not from a folder
    the user chose: its flag, or its folder being the bundled data of a clusterkb checkout (a
    `data` folder beside `kb` and `ingest`) or of an install (`share/clusterkb/data`), which a
    stamp written before builds kept the flag, or by another checkout, names."""
    data = Path(str(stamp.get("data") or ""))
    checkout = (
        data.name == "data" and (data.parent / "kb").is_dir() and (data.parent / "ingest").is_dir()
    )
    bundled = checkout or data.parts[-3:] == ("share", "clusterkb", "data")
    return bool(stamp.get("configured")) or bundled


class KnowledgeBase:
    """Facade over one store: build, look up, show, find paths (more features join here)."""

    def __init__(
        self,
        settings: Settings,
        store: GraphStore | None = None,
        llm: Any = None,
        embedder: MiniLM | None = None,
    ):
        """`llm`: a LangChain chat model to use instead of the one CLUSTERKB_LLM names;
        `embedder`: a loaded model to share (evaluations build KBs over copies of a graph)."""
        self.settings = settings
        self._store = store
        self._llm = llm
        self._index: SentenceIndex | None = None
        self._qa: QuestionAnswerer | None = None
        self._recommender: Recommender | None = None
        self._embedder = embedder or MiniLM()  # loads the model on first use
        self._linker: EntityLinker | None = None
        # Writes (build, ingest, forget) go one at a time; lazy set-up happens once.
        self.write_lock = threading.RLock()
        self._setup_lock = threading.RLock()
        # the server rebuilds derived state right after a write (see _changed); commands don't
        self.rebuild_after_writes = False
        self._version: int | None = None  # the store's batch number derived state was built at
        self._stale = self._rebuilding = False  # a background rebuild is due / running
        # answers and plans already given, each memo with the answerer/recommender it came from
        self._answers: tuple[object, Memo[Answer]] | None = None
        self._plans: tuple[object, Memo[Recommendation]] | None = None

    @classmethod
    def open(cls, settings: Settings | None = None) -> KnowledgeBase:
        return cls(settings or Settings.from_env())

    @property
    def store(self) -> GraphStore:
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

    @property
    def linker(self) -> EntityLinker:
        """The one entity linker over the store (rebuilt after every write)."""
        self._catch_up()
        with self._setup_lock:
            if self._linker is None:
                cache = self._cache_dir("vectors")
                self._linker = EntityLinker(self.store, self._embedder, cache)
            return self._linker

    @property
    def resolver(self) -> Resolver:
        return self.linker.resolver

    def _cache_dir(self, name: str) -> Path | None:
        """Where vectors are kept between processes (the embedded store's home only)."""
        return self.settings.home / name if self.settings.store == "memory" else None

    def _changed(self) -> None:
        """After a write: what was derived from the graph (linker, sentence index, answerer,
        recommender) is rebuilt on next use — or, with `rebuild_after_writes` (the server), the
        linker is replaced at once (cheap: name lookups see the write in the next request) and
        the rest rebuilt by one background thread, beside the ones in use, and swapped in
        whole: requests arriving meanwhile use the previous ones instead of each waiting for
        (or repeating) the rebuild, and the write answers without waiting for it. Writes
        during a rebuild make it run once more when it ends."""
        self._version = self._store_version()
        if not (self.rebuild_after_writes and (self._qa or self._index or self._recommender)):
            with self._setup_lock:
                self._linker = self._index = self._qa = self._recommender = None
            return
        with self._setup_lock:
            # names are looked up in a new linker at once (its resolver is built on first use,
            # once): whoever wrote a document finds its entities in the next request
            self._linker = EntityLinker(self.store, self._embedder, self._cache_dir("vectors"))
            self._stale = True
            if self._rebuilding:
                return
            self._rebuilding = True
        threading.Thread(target=self._rebuild, name="clusterkb-rebuild", daemon=True).start()

    def _rebuild(self) -> None:
        from kb.qa import QuestionAnswerer
        from kb.recommend import Recommender

        while True:
            with self._setup_lock:
                if not self._stale:
                    self._rebuilding = False
                    return
                self._stale = False
            try:
                linker = self.linker
                index = SentenceIndex.from_store(
                    self.store, self._embedder, self._cache_dir("search")
                )

                def built(i: SentenceIndex = index) -> SentenceIndex:
                    return i

                qa = QuestionAnswerer(
                    self.store, linker, index=built, recommend=self.recommend, llm=self.llm
                )
                recommender = Recommender(self.store, linker, self._embedder)
                qa.ask(WARM_UP_QUESTION)  # loads what the answerer reads lazily
                with self._setup_lock:
                    used = self._recommender is not None and self._recommender.ready
                if used:  # the clusters' facts and index, built here once, not by a request
                    recommender.clusters()
                answers = self._made_again("_answers", qa.ask, REMADE)
                plans = self._made_again("_plans", recommender.recommend, REMADE)
            except Exception:  # noqa: BLE001 - the next use builds lazily instead
                log.warning("rebuild after a write failed", exc_info=True)
                with self._setup_lock:
                    self._linker = self._index = self._qa = self._recommender = None
                continue
            with self._setup_lock:
                self._index, self._qa, self._recommender = index, qa, recommender
                self._answers, self._plans = (qa, answers), (recommender, plans)

    def _store_version(self) -> int | None:
        version = getattr(self.store, "version", None)  # the embedded store's batch number
        return int(version()) if version is not None else None

    def _catch_up(self) -> None:
        """Derived state built before another process (a CLI ingest) wrote to the store is
        rebuilt, as after a write of this process. Skipped while this process writes (its
        write rebuilds it)."""
        if self._version == self._store_version():
            return
        if not self.write_lock.acquire(blocking=False):
            return
        try:
            if self._version != self._store_version():
                self._changed()
        finally:
            self.write_lock.release()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def warm_up(self) -> None:
        """Load the model and build what the first question and the first recommendation for
        a product the ODOP list does not name would otherwise build while a client waits (the
        ODOP rows' vectors are kept by the embedder, so a rebuild after a write reuses them)."""
        from kb.recommend import MinistryModel

        self.ask(WARM_UP_QUESTION)
        self.linker.by_meaning(WARM_UP_QUESTION)  # the names' vectors
        recommender = self.recommender()
        recommender.clusters()  # every cluster's facts and product vector
        for kind in ("schemes", "agencies"):
            recommender.backer_model(kind)  # fitted once on the registry (kb/backers.py)
        cache = self._cache_dir("vectors")
        MinistryModel(self.store, self._embedder, cache=cache).vectors  # noqa: B018 - cached

    def doctor(self) -> dict[str, Any]:
        """Check the embedded store's journal and, if a record in it does not verify, keep
        every record that does (the original journal is copied aside first, nothing is
        deleted); then open the store to check it loads. A report of what was found."""
        from kb.store.journal import DurableFiles

        if self.settings.store != "memory":
            raise InputError("doctor checks the embedded store's files; Neo4j checks its own")
        files = DurableFiles(self.settings.graph_dir)
        try:
            found = files.salvage()
        finally:
            files.close()
        stats = self.store.stats()
        return {
            "journal": str(files.journal_path),
            "records_kept": found.kept,
            "dropped": [{"offset": o, "bytes": n} for o, n in found.dropped],
            "missing_batches": found.missing_seqs,
            "backup": str(found.backup) if found.backup else None,
            "nodes": stats.nodes,
            "edges": stats.edges,
        }

    # -- building ------------------------------------------------------------------------------

    def build(
        self,
        data_dir: Path | None = None,
        docs_dir: Path | None = None,
        progress: Callable[[str], None] | None = None,
        documents: bool = True,
    ) -> Any:
        """(Re)build the KB from the bundled tables, then (unless `documents` is False) ingest
        the corpus (ingest/build.py)."""
        from ingest.build import build_tables

        say = progress or (lambda _: None)
        data = data_dir or self.settings.data_dir
        report = build_tables(self.store, data, say)
        docs = docs_dir or data / "corpus"
        if documents and docs.is_dir():
            say(f"ingesting documents from {docs}")
            report.documents = self.ingest([docs], say)
            report.stats = self.store.stats().to_dict()
        self._changed()
        self._write_stamp(data)
        return report

    def ingest(self, paths: list[Path], progress: Callable[[str], None] | None = None) -> Any:
        """Add or replace documents; unchanged ones are skipped (ingest/pipeline.py)."""
        from ingest.pipeline import ingest_paths

        model = self.llm()
        llm = (model, self.settings.llm or type(model).__name__) if model is not None else None
        with self.write_lock:
            report = ingest_paths(self.store, paths, progress or (lambda _: None), llm=llm)
            self._changed()
        return report

    def preview(self, paths: list[Path]) -> list[dict[str, Any]]:
        """What ingesting `paths` would add — entities and relations per document — without
        writing anything."""
        from ingest.pipeline import preview_paths

        return preview_paths(self.store, paths)

    def forget(self, doc: str) -> tuple[int, int]:
        from ingest.pipeline import forget

        doc_id = document_id(doc)
        with self.write_lock:
            node = self.store.get_node(doc_id)
            removed = forget(self.store, doc)
            self._changed()
            path = Path(str(node.attrs.get("path") or "")) if node is not None else None
            if path is not None and path.parent.resolve() == self.settings.uploads_dir.resolve():
                path.unlink(missing_ok=True)  # an uploaded file goes with its document
        return removed

    def add_files(self, files: list[Path], progress: Callable[[str], None] | None = None) -> Any:
        """Uploaded files: keep a copy under CLUSTERKB_HOME/uploads (a safe name), so their
        citations can be opened later, and ingest them; a copy that cannot be read is not kept."""
        import shutil

        from kb.files import safe_filename

        uploads = self.settings.uploads_dir
        with self.write_lock:
            uploads.mkdir(parents=True, exist_ok=True)
            kept = []
            for f in files:
                final = uploads / safe_filename(f.name)
                if f.resolve() != final.resolve():
                    shutil.copyfile(f, final)
                kept.append(final)
            report = self.ingest(kept, progress)
            for final in kept:
                if any(final.name in msg for msg in report.failed):
                    final.unlink(missing_ok=True)
        return report

    def add_text(self, filename: str, text: str) -> Any:
        """A document given as text, kept and ingested as an uploaded file called `filename`
        (its suffix says how to read it: .txt, .md or .html)."""
        import tempfile

        from kb.files import safe_filename

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (safe_filename(filename) or "document.txt")
            path.write_text(text, encoding="utf-8")
            return self.add_files([path])

    def llm(self) -> Any:
        """The optional LangChain chat model (injected, or named by CLUSTERKB_LLM), else None."""
        if self._llm is None and self.settings.llm:
            from ingest.llm import chat_model

            self._llm = chat_model(self.settings.llm)
        return self._llm

    @contextmanager
    def bounded(self, what: str) -> Iterator[None]:
        """Run the enclosed calls under the request deadline (CLUSTERKB_REQUEST_DEADLINE),
        unless a deadline is already set: the UI's handlers use it, as the API's routes use
        api.deadline. Past it, the core's long loops raise DeadlineExceeded."""
        if deadline.current() is not None:
            yield
            return
        with deadline.within(deadline.Deadline(self.settings.request_deadline, what)):
            yield

    def ask(self, question: str, history: list[Any] | None = None) -> Answer:
        """Answer a question with citations, or say what the KB does not know (kb/qa.py).
        The same question (and history) against the same graph is answered once; callers
        asking it meanwhile wait for that answer (kb.memo)."""
        qa = self.answerer()
        memo = self._memo_of(qa, "_answers")
        args = _asked(question, history)
        answer = memo.compute(key_of(*args), args, qa.ask)
        return answer.model_copy(deep=True)

    def cached_answer(
        self, question: str, history: list[Any] | None = None, catch_up: bool = True
    ) -> Answer | None:
        """The answer `ask` gave to this question and history, if the graph has not changed
        since; None otherwise. Cheap: the server answers from it without a pool slot."""
        if catch_up:
            self._catch_up()
        answer = self._cached(self._qa, "_answers", key_of(*_asked(question, history)))
        return answer.model_copy(deep=True) if answer is not None else None

    def answer_pending(self, question: str, history: list[Any] | None = None) -> bool:
        """Whether this question is being answered now (its answer is worth waiting for)."""
        held = self._answers
        return held is not None and held[1].pending(key_of(*_asked(question, history)))

    def _memo_of(self, owner: object, slot: str) -> Memo[Any]:
        """The memo kept with `owner` (an answerer or a recommender): a new one when the owner
        was replaced after a write."""
        with self._setup_lock:
            held = getattr(self, slot)
            if held is None or held[0] is not owner:
                held = (owner, Memo())
                setattr(self, slot, held)
            return held[1]

    def _cached(self, owner: object, slot: str, key: str) -> Any:
        held = getattr(self, slot)
        if owner is None or held is None or held[0] is not owner:
            return None
        return held[1].get(key)

    def _made_again(self, slot: str, fn: Callable[..., Any], n: int) -> Memo[Any]:
        """A memo for the answerer/recommender about to replace the one in use, holding the
        `n` calls most recently served made again with it (`fn`): after a write the questions
        being asked are answered once, here, not by each request that arrives."""
        memo: Memo[Any] = Memo()
        held = getattr(self, slot)
        for args in held[1].recent(n) if held is not None else []:
            try:
                memo.put(key_of(*args), fn(*args), args)
            except Exception:  # noqa: BLE001 - asked again on demand, where errors are reported
                log.debug("could not make %s again", args, exc_info=True)
        return memo

    def answerer(self) -> QuestionAnswerer:
        """The question answerer over this KB (built on first use, after every write)."""
        from kb.qa import QuestionAnswerer

        self._catch_up()
        with self._setup_lock:
            if self._qa is None:
                self._qa = QuestionAnswerer(
                    self.store,
                    self.linker,
                    index=self.sentence_index,
                    recommend=self.recommend,
                    llm=self.llm,
                )
            return self._qa

    def recommend(
        self, district: str, product: str, state: str | None = None, context: str | None = None
    ) -> Recommendation:
        """Replication partners for a district's product, per kind, with score and why.
        `context`: an existing cluster's name (its value-chain gaps are filled first) or the
        planner's words about the cluster ("women SHGs", "artisans"). The same plan against the
        same graph is made once."""
        recommender = self.recommender()
        memo = self._memo_of(recommender, "_plans")
        args = (district, product, state, context)
        plan = memo.compute(key_of(*args), args, recommender.recommend)
        return plan.model_copy(deep=True)

    def cached_plan(
        self,
        district: str,
        product: str,
        state: str | None = None,
        context: str | None = None,
        catch_up: bool = True,
    ) -> Recommendation | None:
        """The plan `recommend` made for these arguments, if the graph has not changed since."""
        if catch_up:
            self._catch_up()
        plan = self._cached(self._recommender, "_plans", key_of(district, product, state, context))
        return plan.model_copy(deep=True) if plan is not None else None

    def plan_pending(
        self, district: str, product: str, state: str | None = None, context: str | None = None
    ) -> bool:
        """Whether this plan is being made now (it is worth waiting for)."""
        held = self._plans
        return held is not None and held[1].pending(key_of(district, product, state, context))

    def recommend_all(
        self, out: TextIO, top: int = 5, progress: Callable[[int, int], None] | None = None
    ) -> dict[str, int]:
        """Top partners for every ODOP district-product pair, as CSV rows on `out`."""
        return self.recommender().recommend_all(out, top, progress)

    def recommender(self) -> Recommender:
        """The recommender over this KB (built on first use, after every write); `recommend`
        goes through it, keeping the plans it made."""
        from kb.recommend import Recommender

        self._catch_up()
        with self._setup_lock:
            if self._recommender is None:
                self._recommender = Recommender(self.store, self.linker, self._embedder)
            return self._recommender

    def gaps(self, cluster: str) -> Gaps:
        """A cluster's value chain by stage: its actors, and the stages with none (gaps)."""
        from kb.valuechain import value_chain

        name = cluster.strip()
        if not name:
            raise InputError("give a cluster's name or id")
        node = self.store.get_node(name)
        if node is None or node.type != "Cluster":
            matches = self.find(name, "Cluster")
            node = self.store.get_node(matches[0].id) if matches else None
        if node is None or node.type != "Cluster":
            raise NotFound(f"no cluster called {name!r}", self.linker.suggest(name, "Cluster"))
        stages = value_chain(self.store, node)
        return Gaps.model_validate(
            {
                "cluster": {"id": node.id, "name": node.name},
                "gaps": [s.stage for s in stages if s.gap],
                "stages": [s.to_dict() for s in stages],
            }
        )

    def embedder(self) -> MiniLM:
        """The bundled MiniLM model (loaded on first use), shared by search, QA and recommend."""
        return self._embedder

    def sentence_index(self) -> SentenceIndex:
        """Every document sentence, searchable (built on first use, vectors cached on disk)."""
        self._catch_up()
        with self._setup_lock:
            if self._index is None:
                self._index = SentenceIndex.from_store(
                    self.store, self._embedder, self._cache_dir("search")
                )
            return self._index

    def prepare(
        self, say: Callable[[str], None] | None = None, ask: bool = True
    ) -> dict[str, float]:
        """Load what a question needs — the sentence index and its vectors, the entity linker
        and its name vectors and, with `ask`, the question answerer (by answering one) — so
        that the first question is as fast as the second. Vectors missing from the on-disk
        cache are computed and saved there (the `build` and `ingest` commands call this, so
        every later process finds them). Returns seconds per part."""
        import time

        say = say or (lambda _: None)
        took: dict[str, float] = {}

        def step(name: str, fn: Callable[[], object]) -> None:
            t = time.perf_counter()
            fn()
            took[name] = round(time.perf_counter() - t, 2)

        step("sentence index", self.sentence_index)
        index = self.sentence_index()
        if index.encoded:
            say(f"  embedded {index.encoded} new sentences for search")
        step("entity names", lambda: (self.linker.gazetteer, self.linker.name_vectors()))
        step("relation meanings", lambda: self.answerer().analyser.relation("funds"))
        if ask:
            step("question answerer", lambda: self.ask("Which clusters are in the knowledge base?"))
        return took

    def search(self, query: str, k: int = 5) -> list[Passage]:
        """The k sentences that best match `query` (hybrid: MiniLM embeddings + BM25)."""
        return self.sentence_index().search(query, k)

    def is_empty(self) -> bool:
        return self.store.stats().nodes == 0

    # -- what the KB was built with ------------------------------------------------------------

    @property
    def _stamp_path(self) -> Path:
        return self.settings.home / BUILD_STAMP

    def _write_stamp(self, data: Path) -> None:
        stamp = {"fingerprint": build_fingerprint(data), "data": str(data.resolve()),
                 # built from the configured data (the bundled data unless CLUSTERKB_DATA says):
                 # another checkout sharing the home reads its own configured data
                 "configured": data.resolve() == self.settings.data_dir.resolve()}  # fmt: skip
        self.settings.home.mkdir(parents=True, exist_ok=True)
        self._stamp_path.write_text(json.dumps(stamp) + "\n", encoding="utf-8")

    def stamped(self) -> bool:
        """Whether a build of clusterkb stamped this home (see stale)."""
        return self._stamp_path.is_file()

    def stamp_import(self, source: str) -> None:
        """Mark the home as holding a graph copied from elsewhere: never rebuilt by itself."""
        self.settings.home.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"imported": source}) + "\n"
        self._stamp_path.write_text(text, encoding="utf-8")

    def built_by_clusterkb(self) -> bool:
        """Whether the KB holds what `clusterkb build` makes: the bundled corpus, and no
        document of the user's own (a home built before builds were stamped looks so)."""
        documents = list(self.store.nodes("Document"))
        return bool(documents) and not self.own_documents()

    def _stamp(self) -> dict[str, Any] | None:
        """The home's stamp as written (None when there is none or it cannot be read)."""
        try:
            stamp = json.loads(self._stamp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return stamp if isinstance(stamp, dict) else None

    def stale(self) -> str | None:
        """Why the KB may not be what this version of clusterkb would build from the data it
        was built from (its extraction code or bundled data changed since), or None. A KB no
        build stamped (built before builds were stamped) counts as stale; an imported one
        never does."""
        stamp = self._stamp() or {}
        if "imported" in stamp:
            return None  # copied from elsewhere: nothing here to rebuild it from
        if "data" not in stamp or "fingerprint" not in stamp:
            return "no build of this version is recorded"
        fingerprint = str(stamp["fingerprint"])
        data = self.settings.data_dir if _built_from_configured(stamp) else Path(str(stamp["data"]))
        if not data.is_dir():
            return f"the data it was built from ({data}) is gone"
        if build_fingerprint(data) != fingerprint:
            return "the extraction code or the bundled data changed since it was built"
        return None

    def own_documents(self) -> list[tuple[str, Path]]:
        """The documents the KB holds beyond the bundled corpus (ingested or uploaded), each
        with the file it was read from."""
        corpus = self.settings.data_dir / "corpus"
        out = []
        for node in self.store.nodes("Document"):
            path = Path(str(node.attrs.get("path") or ""))
            # by its file name: a clone elsewhere bundles the same corpus under another path
            if path.parent.name != "corpus" or not (corpus / path.name).is_file():
                out.append((node.name, path))
        return out

    def rebuild(
        self,
        data_dir: Path | None = None,
        docs_dir: Path | None = None,
        progress: Callable[[str], None] | None = None,
        documents: bool = True,
    ) -> tuple[Any, list[str]]:
        """Build anew from the data the KB was built from, every fact withdrawn first (a build
        alone keeps an unchanged document's facts as an earlier extraction found them), then
        read the user's own documents again from their files. Returns the build's report and
        the names of the documents whose files are gone (they are not in the new KB). The
        arguments are build's; the data defaults to the folder the KB was built from."""
        say = progress or (lambda _: None)
        own = self.own_documents()
        data = data_dir or self.stamped_data()
        with self.write_lock:
            with self.store.batch():
                self.store.remove_sources(list(self.store.sources()))
            self._changed()
            report = self.build(data, docs_dir, progress=say, documents=documents)
            files = [path for _, path in own if path.is_file()]
            if files:
                say(f"reading {len(files)} document(s) of your own again")
                self.ingest(files, say)
        return report, [name for name, path in own if not path.is_file()]

    def stamped_data(self) -> Path:
        """The data folder the KB was built from (the configured one if no build says). A KB
        built from the configured data (the bundled data, unless CLUSTERKB_DATA says) reads the
        data this process is configured with: a home two checkouts share is rebuilt from the
        bundled data of the one that serves it, not from the other's folder."""
        stamp = self._stamp() or {}
        if _built_from_configured(stamp):
            return self.settings.data_dir
        data = stamp.get("data")
        return Path(str(data)) if data and Path(str(data)).is_dir() else self.settings.data_dir

    # -- reading -------------------------------------------------------------------------------

    def stats(self) -> Stats:
        return Stats.model_validate(self.store.stats().to_dict())

    def find(self, name: str, type_: str | None = None) -> list[Match]:
        """Entities matching a name or id, best first."""
        return self.linker.find(name, type_)

    def entity(self, name: str) -> EntityView:
        """An entity (by name, alias or id) with its relations and their sources."""
        node, others = self.linker.one(name)
        return entity_view(self.store, node, others)

    def neighborhood(
        self,
        node_id: str,
        relation: str | None = None,
        direction: Direction = "both",
        depth: int = 1,
        limit: int = 200,
    ) -> Neighborhood:
        """The entities within `depth` hops of `node_id` and the relations among them."""
        center = self.store.get_node(node_id)
        if center is None:
            raise NotFound(f"no entity with id {node_id!r}", self.linker.suggest(node_id))
        return neighborhood(self.store, center, relation, direction, depth, limit)

    def path(self, a: str, b: str, max_hops: int = 6, avoid: tuple[str, ...] = ()) -> PathView:
        """The shortest linkage path between two entities, hop by hop with sources; through no
        entity of the types in `avoid` (such as the hubs Sector and State) when given."""
        unknown = [t for t in avoid if t not in NODE_TYPES]
        if unknown:
            raise InputError(f"unknown entity type(s) to avoid: {', '.join(unknown)}")
        source, _ = self.linker.one(a)
        target, _ = self.linker.one(b)
        return path_view(self.store, source, target, max_hops, avoid)

    def entities(
        self, query: str | None = None, type_: str | None = None, limit: int = 20, offset: int = 0
    ) -> tuple[int, list[Match]]:
        """One page of entities: matching `query` (exact, alias or fuzzy; best first) or, with
        no query, all of a type in id order. Returns (total, page)."""
        if query and query.strip():
            node = self.store.get_node(query.strip())
            matches = self.resolver.search(query, type_)
            if node is not None and (type_ is None or node.type == type_):
                matches = [Match(node.id, node.type, node.name, 100.0)] + [
                    m for m in matches if m.id != node.id
                ]
        else:
            matches = [Match(n.id, n.type, n.name, 100.0) for n in self.store.nodes(type_)]
            matches.sort(key=lambda m: m.id)
        return len(matches), matches[offset : offset + limit]

    def documents(self) -> list[DocumentInfo]:
        """The ingested documents: id, title, file, size and how many facts cite each."""
        counts = self.store.sources()
        data = self.settings.data_dir.resolve()
        out = [
            DocumentInfo(
                id=n.id,
                title=n.name,
                path=n.attrs.get("path"),
                sentences=len(n.attrs.get("sentences") or []),
                sha256=n.attrs.get("sha256"),
                facts=counts.get(n.id, 0),
                bundled=Path(str(n.attrs.get("path") or "/")).resolve().is_relative_to(data),
            )
            for n in self.store.nodes("Document")
        ]
        return sorted(out, key=lambda d: d.id)

    def document_text(self, doc_id: str, offset: int = 0, limit: int | None = None) -> DocumentText:
        """A document's sentences as the KB stores them (what citations point into): all of
        them, or `limit` from `offset` on (the API serves a long document in pages)."""
        node = self.store.get_node(doc_id)
        if node is None or node.type != "Document":
            raise NotFound(f"no document {doc_id!r}", [d.id for d in self.documents()][:5])
        sentences = list(node.attrs.get("sentences") or [])
        end = len(sentences) if limit is None else offset + limit
        return DocumentText(
            id=node.id,
            title=node.name,
            sentences=sentences[offset:end],
            offset=offset,
            total=len(sentences),
            source_url=node.attrs.get("source_url") or None,
            date=node.attrs.get("date") or None,
            path=node.attrs.get("path") or None,
        )

    def entity_page(
        self, query: str | None = None, type_: str | None = None, limit: int = 20, offset: int = 0
    ) -> EntityPage:
        """`entities` as one page with its total and the offset of the next page."""
        total, page = self.entities(
            query if query and query.strip() else None, type_, limit, offset
        )
        return EntityPage(
            total=total,
            limit=limit,
            offset=offset,
            next_offset=offset + limit if offset + limit < total else None,
            items=[EntityMatch(id=x.id, name=x.name, type=x.type, score=x.score) for x in page],
        )

    def cited(self, document: str, locator: str) -> CitedRecord:
        """A citation opened: the text at `locator` in `document` (a table's 'row 195', a
        document's 'sentence 15') and the entities and relations that cite it."""
        import difflib
        import re

        place = (document, locator)
        facts = self.store.facts_from(document)
        nodes = [
            n for n in facts.nodes if any((p.source, p.locator) == place for p in n.provenance)
        ]
        edges = [
            e for e in facts.edges if any((p.source, p.locator) == place for p in e.provenance)
        ]
        texts = [p.text for x in nodes for p in x.provenance if (p.source, p.locator) == place]
        texts += [p.text for x in edges for p in x.provenance if (p.source, p.locator) == place]
        doc = self.store.get_node(document) if is_a(document, "Document") else None
        sentences = list(doc.attrs.get("sentences") or []) if doc is not None else []
        number = re.fullmatch(r"sentence (\d+)", locator)
        if number and 1 <= int(number.group(1)) <= len(sentences):
            texts.insert(0, sentences[int(number.group(1)) - 1])  # cited by an answer, not a fact
        if not texts:
            known = list(self.store.sources())
            if document not in known and doc is None:
                raise NotFound(
                    f"no source {document!r}", difflib.get_close_matches(document, known, 5, 0.3)
                )
            raise NotFound(f"{document} has no {locator!r} that the knowledge base cites")
        return CitedRecord(
            document=document,
            locator=locator,
            text=texts[0] if number else max(texts, key=len),  # a row's fullest rendering
            entities=[EntityRef(id=n.id, name=n.name, type=n.type) for n in nodes],
            relations=[
                GraphEdge(source=e.source, relation=e.relation, target=e.target) for e in edges
            ],
        )

    def export(self, fmt: str) -> bytes:
        """The whole graph as GraphML ('graphml') or as node or edge CSV ('nodes', 'edges')."""
        import csv
        import io

        if fmt == "graphml":
            import networkx as nx

            g = nx.MultiDiGraph()
            for n in self.store.nodes():
                g.add_node(n.id, name=n.name, type=n.type, aliases="; ".join(n.aliases))
            for e in self.store.edges():
                g.add_edge(
                    e.source,
                    e.target,
                    key=e.relation,
                    relation=e.relation,
                    sources="; ".join(sorted({p.source for p in e.provenance})),
                )
            buf = io.BytesIO()
            nx.write_graphml(g, buf)
            return buf.getvalue()
        text = io.StringIO()
        w = csv.writer(text)
        if fmt == "nodes":
            w.writerow(["id", "type", "name", "aliases", "sources"])
            for n in self.store.nodes():
                srcs = "; ".join(sorted({p.source for p in n.provenance}))
                w.writerow([n.id, n.type, n.name, "; ".join(n.aliases), srcs])
        elif fmt == "edges":
            w.writerow(["source", "relation", "target", "sources"])
            for e in self.store.edges():
                srcs = "; ".join(sorted({p.source for p in e.provenance}))
                w.writerow([e.source, e.relation, e.target, srcs])
        else:
            raise InputError(f"unknown export format {fmt!r}; use graphml, nodes or edges")
        return text.getvalue().encode("utf-8")

    # -- lookups for the front ends ------------------------------------------------------------

    def node(self, node_id: str) -> Node | None:
        """The entity with exactly this id, or None (no name matching, unlike `find`)."""
        return self.store.get_node(node_id)

    def aliases(self, node_id: str) -> list[str]:
        """An entity's other names: its own aliases and the public ones of a national scheme
        or agency (JEEViKA, MSE-CDP); [] for an unknown id."""
        node = self.store.get_node(node_id)
        if node is None:
            return []
        public = (
            self.resolver.public_aliases(node.type, node.name)
            if node.type in ("Agency", "Scheme")
            else []
        )
        return list(dict.fromkeys(a for a in [*node.aliases, *public] if a != node.name))

    def suggest(self, name: str, type_: str | None = None) -> list[str]:
        """Known names closest to `name`, for 'did you mean' messages."""
        return self.linker.suggest(name, type_)

    def did_you_mean(self, question: str, limit: int = 5) -> list[tuple[str, str]]:
        """(words as typed, known name) for runs of one to three words of `question` that are
        not a known name but are spelled almost like one ('muzafarpur' → 'Muzaffarpur'):
        choices to offer when an answer found nothing. Best match first."""
        from spacy.lang.en.stop_words import STOP_WORDS

        words = re.findall(r"[^\W\d_][\w&'-]*", question)
        resolver = self.linker.resolver
        best: dict[str, tuple[float, str]] = {}
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                run = words[i : i + n]
                gram = " ".join(run)
                if {run[0].lower(), run[-1].lower()} & STOP_WORDS or len(gram) < 4:
                    continue  # 'What' is not a misspelt 'Wheat'
                if resolver.exact(gram):
                    continue
                for m in resolver.fuzzy(gram, None, limit=3, cutoff=85.0):
                    if m.score > best.get(m.name, (0.0, ""))[0]:
                        best[m.name] = (m.score, gram)
        ranked = sorted(best, key=lambda name: (-best[name][0], name))[:limit]
        return [(best[name][1], name) for name in ranked]

    def writes_enabled(self) -> bool:
        """Whether documents may be added or removed at all (CLUSTERKB_API_KEY is set)."""
        return bool(self.settings.api_key)

    def accepts_key(self, key: str | None) -> bool:
        """Whether `key` is the API key that changes documents (Settings.accepts_key)."""
        return self.settings.accepts_key(key)

    def odop_choices(self) -> dict[str, dict[str, list[str]]]:
        """The ODOP list as state name -> district name -> products, for pickers that narrow
        a state to a district to a product."""
        from kb.recommend import odop_pairs

        states = {n.id: n.name for n in self.store.nodes("State")}
        out: dict[str, dict[str, list[str]]] = {}
        for district_id, district, product in odop_pairs(self.store):
            state = states.get(state_of(district_id), "?")
            out.setdefault(state, {}).setdefault(district, []).append(product)
        return out

    def district_map(self) -> list[dict[str, Any]]:
        """One point per district with coordinates: id, name, state, lat, lon, its (first) ODOP
        product and that product's sector, how many clusters it has and how many of them come
        from the cluster registry."""
        store = self.store
        states = {n.id: n.name for n in store.nodes("State")}
        odop: dict[str, tuple[str, str]] = {}
        for e in store.edges("ODOP_PRODUCT"):
            if e.source not in odop:
                made = store.get_node(e.target)
                odop[e.source] = (made.name if made else "", e.attrs.get("sector") or "none")
        clusters: dict[str, int] = {}
        registry: dict[str, int] = {}
        for e in store.edges("LOCATED_IN"):
            if is_a(e.source, "Cluster"):
                clusters[e.target] = clusters.get(e.target, 0) + 1
                node = store.get_node(e.source)
                if node is not None and node.attrs.get("registry"):
                    registry[e.target] = registry.get(e.target, 0) + 1
        points = []
        for d in store.nodes("District"):
            try:
                lat, lon = float(d.attrs["lat"]), float(d.attrs["lon"])
            except (KeyError, TypeError, ValueError):
                continue
            product, sector = odop.get(d.id, ("", "none"))
            points.append({"id": d.id, "name": d.name, "state": states.get(state_of(d.id), ""),
                           "lat": lat, "lon": lon, "product": product,
                           "sector": sector.strip().title() or "none",
                           "clusters": clusters.get(d.id, 0),
                           "registry": registry.get(d.id, 0)})  # fmt: skip
        return points
