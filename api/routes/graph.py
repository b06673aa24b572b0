"""The whole graph as a file."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import KB

router = APIRouter(prefix="/graph", tags=["graph"])


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {"application/xml": {}, "text/csv": {}}}},
)
def export(kb: KB, format: Literal["graphml", "nodes", "edges"] = "graphml") -> Response:
    """The whole graph: GraphML, or node or edge CSV."""
    data = kb.export(format)
    kind = "application/xml" if format == "graphml" else "text/csv"
    ext = "graphml" if format == "graphml" else f"{format}.csv"
    return Response(
        data,
        media_type=kind,
        headers={"Content-Disposition": f'attachment; filename="clusterkb.{ext}"'},
    )
