"""What the import endpoints and the import page share at the HTTP edge (only admins reach
them: `http.deps.AdminDep`): an upload route that caps its own body at
`MAX_UPLOAD_BYTES` (`UploadRoute`; the page overrides how it refuses), and the recent runs.
"""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive

from pacesetter.imports import uploads as service
from pacesetter.schemas.imports import ImportRunOut, ImportRunsPage
from pacesetter.schemas.people import PersonRef

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class UploadTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413, service.too_large_message())


class UploadRoute(APIRoute):
    """A route whose request body may not exceed `MAX_UPLOAD_BYTES`; `refuse` answers one that
    does (the API: 413 with the reason; the page overrides it)."""

    caps_own_body = True  # the app-wide body cap (web.security.GuardBodies) leaves it alone

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def capped(request: Request) -> Response:
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > service.MAX_UPLOAD_BYTES:
                return await self.refuse(request)
            try:
                return await handler(Request(request.scope, _capped(request.receive)))
            except UploadTooLarge:
                return await self.refuse(request)

        return capped

    async def refuse(self, request: Request) -> Response:
        return JSONResponse({"detail": service.too_large_message()}, status_code=413)


def _capped(receive: Receive) -> Receive:
    """`receive` that raises `UploadTooLarge` once the body passes the limit (a body sent
    without a Content-Length, in chunks)."""
    received = 0

    async def capped() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > service.MAX_UPLOAD_BYTES:
            raise UploadTooLarge()
        return message

    return capped


def runs_page(db: Session, limit: int, offset: int = 0) -> ImportRunsPage:
    total, rows = service.recent_runs(db, limit, offset)
    items = [
        ImportRunOut(
            id=row.run.id,
            kind=row.run.kind,
            file=row.run.file_name,
            status=row.run.status,
            rows=row.run.rows,
            added=row.run.added,
            updated=row.run.updated,
            unchanged=row.run.unchanged,
            started_at=row.run.started_at,
            finished_at=row.run.finished_at,
            actor=PersonRef(id=row.actor_id, name=row.actor_name) if row.actor_id else None,
        )
        for row in rows
    ]
    return ImportRunsPage(total=total, limit=limit, offset=offset, items=items)
