"""Documents: list, read, upload, preview what an upload would add, remove — all but the reads
need the key, checked before the body is read (api.deps.KeyFirstRoute). Uploads are checked here
while read; the middleware checks Content-Length first."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.concurrency import run_in_threadpool

from api import models as m
from api.deps import KB, EntityId, HeavyDep, HeavyWork, KeyFirstRoute, SettingsDep, WriteKeyDep
from api.errors import APIError
from kb.config import Settings
from kb.errors import NotFound
from kb.files import SUFFIXES, safe_filename
from kb.ids import is_a

MAX_FILES = 20
PAGE = 1000  # sentences of a document per GET (a 100,000-sentence report is 100 pages)
Files = Annotated[list[UploadFile], File(description="text, markdown, HTML or PDF")]

router = APIRouter(prefix="/documents", tags=["documents"], route_class=KeyFirstRoute)


def safe_name(name: str | None) -> str:
    """The upload's file name made safe (kb.files.safe_filename), of an allowed type."""
    base = safe_filename(name or "")
    if not base or Path(base).suffix.lower() not in SUFFIXES:
        raise APIError(
            400,
            f"file {name!r}: upload one of the types {', '.join(sorted(SUFFIXES))}",
            {"allowed": sorted(SUFFIXES)},
        )
    return base


async def save(files: list[UploadFile], folder: Path, settings: Settings) -> list[Path]:
    """Write the uploaded files into `folder`: at most MAX_FILES, CLUSTERKB_MAX_UPLOAD_MB in
    all, none empty, each under a safe name of an allowed type."""
    if not files:
        raise APIError(400, "send one or more files in the multipart field 'files'")
    if len(files) > MAX_FILES:
        raise APIError(413, f"at most {MAX_FILES} files per upload")
    max_upload = int(settings.max_upload_mb * 1024 * 1024)
    saved, total = [], 0
    for f in files:
        name = safe_name(f.filename)
        data = await f.read(max_upload + 1)
        total += len(data)
        if total > max_upload:
            raise APIError(
                413,
                f"the upload is larger than {settings.max_upload_mb:g} MB (CLUSTERKB_MAX_UPLOAD_MB)",
            )
        if not data.strip():
            raise APIError(400, f"file {name!r} is empty")
        path = folder / name
        path.write_bytes(data)
        saved.append(path)
    return saved


@router.get("", response_model=list[m.DocumentInfo])
def documents(kb: KB) -> list[m.DocumentInfo]:
    return kb.documents()


@router.get("/{doc_id}", response_model=m.DocumentText)
def document(
    doc_id: EntityId,
    kb: KB,
    offset: Annotated[int, Query(ge=0, description="sentences to skip")] = 0,
    limit: Annotated[int, Query(ge=1, le=PAGE, description="sentences to give")] = PAGE,
) -> m.DocumentText:
    """A document's sentences, a page at a time (`offset` and `total` say where it is)."""
    return kb.document_text(doc_id, offset, limit)


@router.post(
    "",
    response_model=m.UploadResult,
    status_code=201,
    dependencies=[WriteKeyDep, HeavyDep],
)
async def upload(files: Files, kb: KB, settings: SettingsDep) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        staged = await save(files, Path(tmp), settings)
        report = await run_in_threadpool(kb.add_files, staged)
    if report.failed and not (report.added or report.replaced or report.unchanged):
        raise APIError(400, "no document could be read: " + "; ".join(report.failed),
                       {"failed": report.failed})  # fmt: skip
    result: dict[str, Any] = report.to_dict()
    return result


@router.post("/preview", response_model=list[m.Preview], dependencies=[WriteKeyDep])
async def preview(
    files: Files, kb: KB, settings: SettingsDep, work: HeavyWork
) -> list[dict[str, Any]]:
    """What an upload would add (entities, relations with their sentences); writes nothing, but
    reading a document is the costly part of a write, so it needs the key too."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = await save(files, Path(tmp), settings)
        result: list[dict[str, Any]] = await work(kb.preview, paths)
    return result


@router.delete("/{doc_id}", response_model=m.Removed, dependencies=[WriteKeyDep])
def delete(doc_id: EntityId, kb: KB) -> dict[str, Any]:
    if not is_a(doc_id, "Document") or kb.node(doc_id) is None:
        raise NotFound(
            f"no document {doc_id!r}; GET /api/v1/documents lists them",
            [d.id for d in kb.documents()][:5],
        )
    nodes, edges = kb.forget(doc_id)
    return {"id": doc_id, "removed_nodes": nodes, "removed_edges": edges}
