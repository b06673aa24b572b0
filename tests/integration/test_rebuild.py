"""A KB built by another version of clusterkb is rebuilt, the user's documents read again.

A build stamps the home with a digest of the code and data it read (clusterkb.service
build_fingerprint); `clusterkb serve` rebuilds a home whose stamp differs, because an
unchanged document is otherwise never extracted again (ingest skips it by its content hash).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clusterkb import cli
from clusterkb.service import BUILD_STAMP, KnowledgeBase, build_fingerprint
from kb.config import REPO_DATA, Settings
from kb.ids import file_document_id
from kb.store.base import Node, Provenance

NOTE = (
    "The Kota Doria handloom cluster in Kota district of Rajasthan is implemented by the "
    "Rajasthan Handloom Development Corporation."
)


def _outdate(kb: KnowledgeBase) -> None:
    """Make the home's stamp say another version built it, and leave a fact only an earlier
    extraction of a bundled document found."""
    stamp = kb.settings.home / BUILD_STAMP
    data = json.loads(stamp.read_text(encoding="utf-8"))
    stamp.write_text(json.dumps({**data, "fingerprint": "0" * 16}), encoding="utf-8")
    source = file_document_id("muzaffarpur-bag-cluster")
    old = Provenance(source, "sentence 3", "an earlier reading", "test")
    kb.store.upsert_nodes([Node("enterprise:leftover-traders", "Enterprise", "Leftover Traders",
                                {}, [], [old])])  # fmt: skip


def _own_document(kb: KnowledgeBase, folder: Path) -> Path:
    path = folder / "kota-doria-note.txt"
    path.write_text(NOTE, encoding="utf-8")
    report = kb.ingest([path])
    assert report.added, report
    return path


def test_a_build_is_stamped_with_what_it_read(scratch_kb: KnowledgeBase) -> None:
    assert scratch_kb.stale() is None
    assert scratch_kb.own_documents() == []
    stamp = scratch_kb.settings.home / BUILD_STAMP
    data = json.loads(stamp.read_text(encoding="utf-8"))
    stamp.write_text(json.dumps({**data, "fingerprint": "0" * 16}), encoding="utf-8")
    assert "changed" in (scratch_kb.stale() or "")
    stamp.unlink()
    assert "no build" in (scratch_kb.stale() or "")


def test_a_kb_built_before_stamps_is_rebuilt_and_an_imported_one_kept(
    scratch_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    """No stamp but only the bundled corpus: a build of an earlier version, rebuilt. A home
    `clusterkb import` wrote is the user's copy of another graph: kept, and said current."""
    _outdate(scratch_kb)
    stamp = scratch_kb.settings.home / BUILD_STAMP
    stamp.unlink()
    assert scratch_kb.built_by_clusterkb()
    cli._rebuild_if_stale(scratch_kb)
    assert "rebuilding the knowledge base" in capsys.readouterr().err
    assert scratch_kb.store.get_node("enterprise:leftover-traders") is None
    _outdate(scratch_kb)
    scratch_kb.stamp_import("bolt://127.0.0.1:7687")
    assert scratch_kb.stale() is None
    cli._rebuild_if_stale(scratch_kb)
    assert scratch_kb.store.get_node("enterprise:leftover-traders") is not None


def test_a_kb_no_build_made_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A store written by other means (no stamp, no documents) is never rebuilt by itself."""
    kb = KnowledgeBase(Settings(home=tmp_path / "home", data_dir=REPO_DATA))
    node = Node("enterprise:hand-made", "Enterprise", "Hand Made", {}, [],
                [Provenance("doc:elsewhere", "s1", "a sentence", "test")])  # fmt: skip
    kb.store.upsert_nodes([node])
    try:
        assert not kb.built_by_clusterkb()
        cli._rebuild_if_stale(kb)
        said = capsys.readouterr().err
        assert "not rebuilt by itself" in said and "build --fresh" in said
        assert kb.store.get_node("enterprise:hand-made") is not None
    finally:
        kb.close()


def test_the_fingerprint_follows_code_and_data_but_not_the_eval_sets(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "tables").mkdir(parents=True)
    (data / "eval").mkdir()
    (data / "tables" / "odop.csv").write_text("district,product\nKota,Kota Doria\n")
    first = build_fingerprint(data)
    (data / "eval" / "questions.jsonl").write_text("{}\n")
    assert build_fingerprint(data) == first
    (data / "tables" / "odop.csv").write_text("district,product\nKota,Kota Stone\n")
    assert build_fingerprint(data) != first


def test_serve_rebuilds_an_outdated_kb_and_keeps_the_users_documents(
    scratch_kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _own_document(scratch_kb, tmp_path)
    doc_id = file_document_id(path.stem)
    _outdate(scratch_kb)
    assert scratch_kb.store.get_node("enterprise:leftover-traders") is not None
    cli._rebuild_if_stale(scratch_kb)
    assert "rebuilding the knowledge base" in capsys.readouterr().err
    assert scratch_kb.store.get_node("enterprise:leftover-traders") is None
    assert scratch_kb.store.get_node(doc_id) is not None  # read again from its file
    assert [name for name, _ in scratch_kb.own_documents()] == [
        scratch_kb.store.get_node(doc_id).name  # type: ignore[union-attr]
    ]
    assert scratch_kb.stale() is None


def test_a_kb_whose_document_file_is_gone_is_kept_until_a_fresh_build(
    scratch_kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _own_document(scratch_kb, tmp_path)
    doc_id = file_document_id(path.stem)
    path.unlink()
    _outdate(scratch_kb)
    cli._rebuild_if_stale(scratch_kb)
    said = capsys.readouterr().err
    assert "not rebuilt by itself" in said and "build --fresh" in said
    assert scratch_kb.store.get_node("enterprise:leftover-traders") is not None  # unchanged
    _, gone = scratch_kb.rebuild()
    assert len(gone) == 1
    assert scratch_kb.store.get_node(doc_id) is None
    assert scratch_kb.store.get_node("enterprise:leftover-traders") is None
    assert scratch_kb.stale() is None


def test_a_home_shared_by_two_checkouts_is_rebuilt_from_the_serving_ones_data(
    scratch_kb: KnowledgeBase, tmp_path: Path
) -> None:
    """A home built from another checkout's bundled data (its stamp names that folder) is
    stale for this checkout when the two differ, and rebuilds from this one's data; a build
    from a folder the user chose keeps that folder."""
    other = tmp_path / "other-checkout" / "data"
    (other / "tables").mkdir(parents=True)
    for table in (REPO_DATA / "tables").iterdir():  # the other checkout's tables: one changed
        if table.is_file():
            (other / "tables" / table.name).write_bytes(table.read_bytes())
    (other / "tables" / "odop.csv").write_text("district,product\nKota,Kota Stone\n")
    stamp = scratch_kb.settings.home / BUILD_STAMP
    data = json.loads(stamp.read_text(encoding="utf-8"))
    assert data["configured"] is True
    shared = {"fingerprint": build_fingerprint(other), "data": str(other), "configured": True}
    stamp.write_text(json.dumps(shared), encoding="utf-8")
    assert scratch_kb.stamped_data() == scratch_kb.settings.data_dir
    assert "changed" in (scratch_kb.stale() or "")
    chosen = {**shared, "configured": False}
    stamp.write_text(json.dumps(chosen), encoding="utf-8")
    assert scratch_kb.stamped_data() == other
    assert scratch_kb.stale() is None
    # a stamp from before builds said so, or one another checkout wrote: that checkout's bundled
    # data is known by its place beside its code; any other folder is one the user chose
    for legacy in ({"fingerprint": shared["fingerprint"], "data": str(other)}, chosen):
        stamp.write_text(json.dumps(legacy), encoding="utf-8")
        assert scratch_kb.stamped_data() == other  # no code beside it: a folder of the user's
    (other.parent / "kb").mkdir()
    (other.parent / "ingest").mkdir()
    assert scratch_kb.stamped_data() == scratch_kb.settings.data_dir
    assert "changed" in (scratch_kb.stale() or "")
