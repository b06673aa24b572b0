"""The memory backend's files: a crash at any instant loses no committed write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.errors import StoreError
from kb.store.base import Edge, Node, Provenance
from kb.store.journal import JOURNAL, SNAPSHOT, DurableFiles, JournalCorrupt, Record
from kb.store.memory import MemoryStore
from tests.conftest import REPO, prov, tiny_graph
from tests.writer import COUNTER, product

KILLS = 25


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.writer", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _check_consistent(home: Path) -> int:
    """The invariant of tests/writer.py's crash mode; returns the counter."""
    store = MemoryStore(home)
    try:
        counter = store.get_node(COUNTER)
        assert counter is not None
        m = counter.attrs["n"]
        products = sorted(int(n.id.rsplit("-", 1)[1]) for n in store.nodes("Product"))
        assert products == list(range(max(0, m - 2), m + 1)), f"counter {m}, products {products}"
        for i in products:
            e = store.get_edge(product(i), "IN_SECTOR", COUNTER)
            assert e is not None and e.attrs == {"step": i}
        return int(m)
    finally:
        store.close()


def test_kill_9_at_random_points_loses_no_committed_write(tmp_path: Path) -> None:
    home = tmp_path / "graph"
    rng = random.Random(20261123)
    last_committed = -1
    for _ in range(KILLS):
        proc = _spawn("crash", str(home))
        assert proc.stdout is not None
        # Wait for a first commit, so each kill lands in the steady write loop.
        first = proc.stdout.readline()
        assert first.strip(), proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        printed = [int(x) for x in (first + out).split()]
        m = _check_consistent(home)
        # a kill during compaction leaves a half-written snapshot; opening the store deletes it
        assert not list(home.glob(".snapshot.json.*.tmp"))
        # Every step the writer reported is there; at most one more (committed, not yet printed).
        assert printed[-1] <= m <= printed[-1] + 1
        assert m > last_committed
        last_committed = m
    assert (home / SNAPSHOT).exists(), "the writer never compacted; the test lost half its reach"


def test_two_writer_processes_do_not_corrupt_the_store(tmp_path: Path) -> None:
    home = tmp_path / "graph"
    n = 150
    procs = [_spawn("concurrent", str(home), tag, str(n)) for tag in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    store = MemoryStore(home)
    names = {x.id for x in store.nodes("Product")}
    assert names == {f"product:{t}-{i}" for t in ("a", "b") for i in range(n)}
    total = store.get_node("sector:total")
    assert total is not None and total.attrs["count"] == 2 * n  # no lost read-modify-write


def test_a_second_process_sees_committed_writes(tmp_path: Path) -> None:
    home = tmp_path / "graph"
    reader = MemoryStore(home)
    assert reader.stats().nodes == 0
    proc = _spawn("concurrent", str(home), "c", "5")
    proc.communicate(timeout=60)
    assert reader.stats().nodes_by_type == {"Product": 5, "Sector": 1}


def test_reopen_gives_the_same_graph(tmp_path: Path) -> None:
    s = MemoryStore(tmp_path / "g")
    tiny_graph(s)
    before = [n.to_dict() for n in s.nodes()], [e.to_dict() for e in s.edges()]
    s.close()
    again = MemoryStore(tmp_path / "g")
    assert ([n.to_dict() for n in again.nodes()], [e.to_dict() for e in again.edges()]) == before
    again.compact()
    third = MemoryStore(tmp_path / "g")
    assert ([n.to_dict() for n in third.nodes()], [e.to_dict() for e in third.edges()]) == before


def test_torn_journal_tail_is_ignored_and_cut(tmp_path: Path) -> None:
    s = MemoryStore(tmp_path / "g")
    tiny_graph(s)
    s.close()
    journal = tmp_path / "g" / JOURNAL
    good = journal.stat().st_size
    with open(journal, "ab") as f:
        f.write(b'0badc0de {"seq": 2, "ops": [["n", "state:x"')  # a write cut short
    s = MemoryStore(tmp_path / "g")
    assert s.stats().nodes == 7
    s.delete_node("agency:jeevika")  # the next commit cuts the torn tail first
    assert journal.stat().st_size > good
    s.close()
    assert MemoryStore(tmp_path / "g").stats().nodes == 6


def test_corrupt_record_stops_replay_there(tmp_path: Path) -> None:
    s = MemoryStore(tmp_path / "g")
    tiny_graph(s)
    s.delete_node("agency:jeevika")
    s.close()
    journal = tmp_path / "g" / JOURNAL
    lines = journal.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b"jeevika", b"jeevikb")  # checksum no longer matches
    journal.write_bytes(b"\n".join(lines))
    s = MemoryStore(tmp_path / "g")
    assert s.get_node("agency:jeevika") is not None  # the corrupt delete is not applied


def test_crash_between_snapshot_and_journal_truncation(tmp_path: Path) -> None:
    """Compaction renames the snapshot, then empties the journal; die in between."""
    s = MemoryStore(tmp_path / "g")
    tiny_graph(s)
    s.delete_node("scheme:mmuy")
    expected = [n.to_dict() for n in s.nodes()]
    journal = (tmp_path / "g" / JOURNAL).read_bytes()
    s.compact()
    s.close()
    (tmp_path / "g" / JOURNAL).write_bytes(journal)  # as if truncation never happened
    again = MemoryStore(tmp_path / "g")
    assert [n.to_dict() for n in again.nodes()] == expected
    again.upsert_node(again.get_node("state:bihar"))  # type: ignore[arg-type]
    assert MemoryStore(tmp_path / "g").stats().nodes == len(expected)


def test_unreadable_snapshot_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / SNAPSHOT).write_text("{not json")
    with pytest.raises(StoreError) as err:
        MemoryStore(tmp_path / "g")
    assert "snapshot.json is not valid JSON" in str(err.value)


def test_failed_append_rolls_back_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = MemoryStore(tmp_path / "g")
    tiny_graph(s)

    def disk_full(self: DurableFiles, record: Record, valid_end: int) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(DurableFiles, "append", disk_full)
    with pytest.raises(OSError):
        s.delete_node("agency:jeevika")
    assert s.get_node("agency:jeevika") is not None


def test_a_reopened_store_shares_repeated_ids_and_citations(tmp_path: Path) -> None:
    """The snapshot is decoded compactly (kb.store.memory.Decoder): one string per id however
    many edges name it, one Provenance per citation however many facts cite it; the facts
    themselves are what was written."""
    store = MemoryStore(tmp_path / "graph")
    row = Provenance("tables/udyam.csv", "row 7", "UDYAM-BR-0000007 | Kosi Bags", "test")
    with store.batch():
        store.upsert_node(Node("district:bihar:saharsa", "District", "Saharsa", {}, [], [row]))
        store.upsert_node(Node("product:bags", "Product", "Bags", {}, [], [row]))
        for i in range(3):
            store.upsert_node(
                Node(f"enterprise:kosi-{i}", "Enterprise", f"Kosi {i}", {}, [], [row])
            )
            store.upsert_edge(Edge(f"enterprise:kosi-{i}", "LOCATED_IN", "district:bihar:saharsa",
                                   {"i": i}, [row]))  # fmt: skip
            store.upsert_edge(Edge(f"enterprise:kosi-{i}", "PRODUCES", "product:bags", {}, [row]))
    written = ([n.to_dict() for n in store.nodes()], [e.to_dict() for e in store.edges()])
    store.compact()
    store.close()
    again = MemoryStore(tmp_path / "graph")
    try:
        assert (
            [n.to_dict() for n in again.nodes()],
            [e.to_dict() for e in again.edges()],
        ) == written
        located = [nb.edge for nb in again.neighbors("district:bihar:saharsa", direction="in")]
        assert len(located) == 3
        assert len({id(e.target) for e in located}) == 1
        internal = [again._g.edges[e.source, e.target, e.relation]["obj"] for e in located]  # noqa: SLF001
        assert len({id(p) for e in internal for p in e.provenance}) == 1
    finally:
        again.close()


def test_a_corrupt_record_in_the_middle_stops_with_its_offset_and_cuts_nothing(
    tmp_path: Path,
) -> None:
    """A flipped byte in one batch used to drop it and every batch after it, and the next
    write cut the journal there. Now opening stops with the offset, and `clusterkb doctor`
    keeps every batch that verifies, the original copied aside."""
    home = tmp_path / "graph"  # CLUSTERKB_HOME/graph: the CLI finds it
    s = MemoryStore(home)
    tiny_graph(s)
    for i in range(10):
        s.upsert_node(Node(f"product:p{i}", "Product", f"P {i}", {}, [], [prov(f"s{i}")]))
    s.close()
    journal = home / JOURNAL
    raw = journal.read_bytes()
    lines = raw.split(b"\n")
    offset = sum(len(line) + 1 for line in lines[:3])  # the fourth batch: product p2
    assert b"product:p2" in lines[3]
    flipped = bytearray(raw)
    flipped[offset + 30] ^= 0x01
    journal.write_bytes(bytes(flipped))
    with pytest.raises(JournalCorrupt) as err:
        MemoryStore(home)
    assert err.value.offset == offset and f"byte {offset}" in str(err.value)
    assert "clusterkb doctor" in str(err.value)
    assert journal.read_bytes() == bytes(flipped)  # every byte kept
    # the command a user runs, in its own process
    env = {**os.environ, "CLUSTERKB_HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    stats = subprocess.run([sys.executable, "-m", "clusterkb.cli", "stats"], env=env,
                           cwd=REPO, capture_output=True, text=True)  # fmt: skip
    assert stats.returncode == 1 and f"byte {offset}" in stats.stderr, stats.stderr
    doctor = subprocess.run([sys.executable, "-m", "clusterkb.cli", "doctor"], env=env,
                            cwd=REPO, capture_output=True, text=True)  # fmt: skip
    assert doctor.returncode == 0, doctor.stderr
    print(doctor.stdout)
    assert f"offset {offset}" in doctor.stdout
    backups = list(home.glob(f"{JOURNAL}.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == bytes(flipped)
    again = MemoryStore(home)
    products = {n.id for n in again.nodes("Product") if n.id.startswith("product:p")}
    assert products == {f"product:p{i}" for i in range(10) if i != 2}  # the nine intact ones
    again.upsert_node(Node("product:after", "Product", "After", {}, [], [prov("x")]))
    again.close()
    assert len(journal.read_bytes()) > len(raw) - len(lines[3])  # nothing was cut
    assert MemoryStore(home).get_node("product:p9") is not None


def test_half_written_snapshots_are_deleted_on_open(tmp_path: Path) -> None:
    s = MemoryStore(tmp_path / "g")
    tiny_graph(s)
    s.close()
    stale = tmp_path / "g" / ".snapshot.json.99999999.tmp"
    stale.write_text('{"format": 1, "seq": 3, "graph": {"nod')
    MemoryStore(tmp_path / "g").close()
    assert not stale.exists()
    assert MemoryStore(tmp_path / "g").stats().nodes == 7
