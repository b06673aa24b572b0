"""Make the vectors shipped with the data (data/vectors/): the ODOP rows' MiniLM vectors that
kb.recommend.MinistryModel reads, so that a new KB does not embed ~1,200 product descriptions
(a minute of CPU on two cores) before its first plan for a product the ODOP list lacks.

    python -m clusterkb.seed

Run it after the ODOP table changes; a row whose text is not in the file is embedded as before,
and a file made by another model is not read (kb.search.cached_vectors).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kb.config import bundled_data


def main() -> int:
    from clusterkb.service import KnowledgeBase
    from kb.config import Settings
    from kb.recommend import ODOP_SEED, MinistryModel
    from kb.search import write_seed

    with tempfile.TemporaryDirectory() as home:
        kb = KnowledgeBase(Settings(home=Path(home), data_dir=bundled_data()))
        kb.build(documents=False)
        embedder = kb.embedder()
        texts = MinistryModel(kb.store, embedder).texts
        n = write_seed(ODOP_SEED, embedder, texts, embedder.model_id)
        kb.close()
    print(f"wrote {n} vectors to {ODOP_SEED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
