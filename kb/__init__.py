"""clusterkb's core: the ontology, model types, ids, the store protocol and its backends,
entity linking, search, question answering and recommendation. Imports none of the project's
other packages (`ingest`, `clusterkb`, `api`, `ui`); `lint-imports` checks it."""

__version__ = "0.3.0"
