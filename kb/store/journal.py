"""Crash-safe files for the memory backend: an atomic snapshot plus a write-ahead journal.

Layout under the store directory:

    snapshot.json   the whole graph at sequence number `seq` (replaced by write + rename)
    journal.log     one line per committed batch after the snapshot: "<crc32> <json>\\n"
    lock            flock(2) target: writers hold it exclusively, readers shared

A batch is committed when its journal line is fsynced. A torn last line (a writer killed
mid-write) fails its checksum or lacks its newline and is ignored, then cut off by the next
writer. A line that does not verify with more records after it is corruption, not a torn
write: opening stops with JournalCorrupt naming its offset and nothing is cut;
`DurableFiles.salvage` (`clusterkb doctor`) keeps every line that verifies, the original copied
aside. Half-written snapshots of a writer killed while compacting are deleted on open. Compaction writes a new snapshot and then empties the journal; lines whose seq is
not above the snapshot's are skipped, so a crash between those two steps is harmless.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.errors import StoreError

SNAPSHOT = "snapshot.json"
JOURNAL = "journal.log"
LOCK = "lock"
FORMAT = 1


@dataclass
class Record:
    seq: int
    ops: list[Any]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def encode_record(record: Record) -> bytes:
    payload = json.dumps({"seq": record.seq, "ops": record.ops}, separators=(",", ":"))
    data = payload.encode("utf-8")
    return b"%08x " % zlib.crc32(data) + data + b"\n"


class JournalCorrupt(StoreError):
    """A record in the middle of the journal does not verify: replay stops, nothing is cut."""

    def __init__(self, path: Path, offset: int, after: int):
        self.offset = offset
        super().__init__(
            f"{path}: the record at byte {offset} does not verify (bad checksum or format) and "
            f"{after} bytes of later records follow it; nothing was changed or cut. Run "
            "`clusterkb doctor` to keep every record that verifies (the journal is copied "
            "aside first)"
        )


def _decode_line(line: bytes) -> Record | None:
    """The record of one journal line (without its newline), or None if it does not verify."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if zlib.crc32(body) != int(line[:8], 16):
            return None
        obj = json.loads(body)
        return Record(int(obj["seq"]), obj["ops"])
    except (ValueError, KeyError, TypeError):
        return None


def decode_lines(buf: bytes, path: Path = Path(JOURNAL), base: int = 0) -> tuple[list[Record], int]:
    """Records in `buf` up to a torn tail, and the bytes they span. A torn tail is the last line
    (a writer killed mid-write: no newline, or nothing but zeros and blanks after it); a bad
    line with more after it is corruption, raised as JournalCorrupt with its offset
    (`base` + its position in `buf`)."""
    records: list[Record] = []
    pos = 0
    while True:
        nl = buf.find(b"\n", pos)
        if nl < 0:
            break
        record = _decode_line(buf[pos:nl])
        if record is None:
            rest = buf[nl + 1 :]
            if rest.strip(b"\x00 \n"):
                raise JournalCorrupt(path, base + pos, len(rest))
            break
        records.append(record)
        pos = nl + 1
    return records, pos


@dataclass
class Salvage:
    """What `salvage` kept of a journal: records that verify, the byte ranges it dropped and
    where the original went."""

    kept: int
    dropped: list[tuple[int, int]]  # (offset, length) of each line that did not verify
    missing_seqs: list[int]  # batch numbers absent between the ones kept
    backup: Path | None


class FileState:
    """What a process last read: which snapshot file, and how far into the journal."""

    def __init__(self) -> None:
        self.snapshot_id: tuple[int, int, int] | None = None
        self.journal_offset = 0
        self.seq = 0


class DurableFiles:
    """Snapshot, journal and lock of one store directory."""

    def __init__(self, directory: Path):
        self.dir = directory
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._lock_fd = os.open(self.dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise StoreError(f"cannot open the knowledge base at {self.dir}: {e}") from e
        self._lock_depth = 0
        self._lock_mode = 0
        self.remove_stale_snapshots()

    def remove_stale_snapshots(self) -> list[Path]:
        """Delete half-written snapshots (`.snapshot.json.<pid>.tmp`) that a writer killed
        during compaction left; only when no writer holds the lock (one compacting holds it)."""
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return []  # a writer is at work; the next open cleans up
        try:
            stale = list(self.dir.glob(f".{SNAPSHOT}.*.tmp"))
            for tmp in stale:
                tmp.unlink(missing_ok=True)
            return stale
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    @property
    def snapshot_path(self) -> Path:
        return self.dir / SNAPSHOT

    @property
    def journal_path(self) -> Path:
        return self.dir / JOURNAL

    # -- locking -------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self, exclusive: bool) -> Iterator[None]:
        """Hold the directory lock; re-entrant, and a held exclusive lock covers shared use."""
        want = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        if self._lock_depth and (self._lock_mode == fcntl.LOCK_EX or want == fcntl.LOCK_SH):
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        if self._lock_depth:
            raise StoreError("cannot upgrade a shared store lock to an exclusive one")
        fcntl.flock(self._lock_fd, want)
        self._lock_depth, self._lock_mode = 1, want
        try:
            yield
        finally:
            self._lock_depth, self._lock_mode = 0, 0
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    # -- reading -------------------------------------------------------------------------

    def snapshot_id(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.snapshot_path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def journal_size(self) -> int:
        try:
            return os.stat(self.journal_path).st_size
        except FileNotFoundError:
            return 0

    def is_stale(self, state: FileState) -> bool:
        """Cheap check (two stats) whether another process has committed since `state`."""
        return (
            self.snapshot_id() != state.snapshot_id or self.journal_size() != state.journal_offset
        )

    def read_snapshot(self) -> tuple[int, dict[str, Any] | None]:
        try:
            raw = self.snapshot_path.read_bytes()
        except FileNotFoundError:
            return 0, None
        try:
            obj = json.loads(raw)
        except ValueError as e:
            raise StoreError(
                f"{self.snapshot_path} is not valid JSON ({e}); restore a backup"
            ) from e
        if obj.get("format") != FORMAT:
            raise StoreError(
                f"{self.snapshot_path} has format {obj.get('format')!r}, want {FORMAT}"
            )
        return int(obj["seq"]), obj["graph"]

    def read_journal(self, offset: int) -> tuple[list[Record], int]:
        """Committed records from `offset` on, and the offset after the last good one."""
        try:
            with open(self.journal_path, "rb") as f:
                f.seek(offset)
                buf = f.read()
        except FileNotFoundError:
            return [], 0
        records, used = decode_lines(buf, self.journal_path, offset)
        return records, offset + used

    # -- writing (caller holds the exclusive lock) -----------------------------------------

    def append(self, record: Record, valid_end: int) -> int:
        """Append one record after cutting any torn tail at `valid_end`; fsync. New end."""
        data = encode_record(record)
        fd = os.open(self.journal_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if os.fstat(fd).st_size != valid_end:
                os.ftruncate(fd, valid_end)
            os.lseek(fd, valid_end, os.SEEK_SET)
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if valid_end == 0:
            _fsync_dir(self.dir)
        return valid_end + len(data)

    def write_snapshot(self, seq: int, graph: dict[str, Any]) -> None:
        """Atomically replace the snapshot, then empty the journal it absorbed."""
        tmp = self.dir / f".{SNAPSHOT}.{os.getpid()}.tmp"
        data = json.dumps({"format": FORMAT, "seq": seq, "graph": graph}, separators=(",", ":"))
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.snapshot_path)
        _fsync_dir(self.dir)
        fd = os.open(self.journal_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            os.ftruncate(fd, 0)
            os.fsync(fd)
        finally:
            os.close(fd)

    def salvage(self) -> Salvage:
        """Rewrite the journal with every line that verifies, in order, after copying the
        original aside (`journal.log.corrupt-<unix time>`); nothing is deleted. Holds the
        exclusive lock."""
        with self.locked(exclusive=True):
            try:
                raw = self.journal_path.read_bytes()
            except FileNotFoundError:
                return Salvage(0, [], [], None)
            kept: list[bytes] = []
            seqs: list[int] = []
            dropped: list[tuple[int, int]] = []
            pos = 0
            for line in raw.split(b"\n"):
                end = pos + len(line) + 1
                record = _decode_line(line)
                if record is not None:
                    kept.append(line + b"\n")
                    seqs.append(record.seq)
                elif line.strip(b"\x00 "):
                    dropped.append((pos, min(end, len(raw)) - pos))
                pos = end
            if not dropped:
                return Salvage(len(kept), [], [], None)
            backup = self.dir / f"{JOURNAL}.corrupt-{int(time.time())}"
            with open(backup, "wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
            tmp = self.dir / f".{JOURNAL}.{os.getpid()}.tmp"
            with open(tmp, "wb") as f:
                f.write(b"".join(kept))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.journal_path)
            _fsync_dir(self.dir)
            snapshot_seq = self.read_snapshot()[0]
            expected = range(snapshot_seq + 1, max(seqs, default=snapshot_seq) + 1)
            missing = sorted(set(expected) - set(seqs))
            return Salvage(len(kept), dropped, missing, backup)

    def close(self) -> None:
        if self._lock_fd >= 0:
            os.close(self._lock_fd)
            self._lock_fd = -1
