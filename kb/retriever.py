"""clusterkb's hybrid sentence search as a LangChain retriever, for people building agents.

>>> from kb.retriever import ClusterKBRetriever          # doctest: +SKIP
>>> retriever = ClusterKBRetriever(kb=KnowledgeBase.open(), k=3)
>>> retriever.invoke("Which scheme funded the CFC in Umden Eri?")[0].metadata["document"]
'doc:iie-strategy-for-implementation-of-clusters'
"""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from kb.search import Searcher


class ClusterKBRetriever(BaseRetriever):
    """Returns cited sentences: page_content is the sentence, metadata its provenance."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    kb: Searcher  # the KnowledgeBase service, or any sentence searcher
    k: int = 5

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [
            Document(
                page_content=p.text,
                metadata={
                    "document": p.document,
                    "title": p.title,
                    "locator": f"sentence {p.sentence}",
                    "score": p.score,
                    "dense": p.dense,
                    "lexical": p.lexical,
                },
            )
            for p in self.kb.search(query, self.k)
        ]
