"""`pacesetter serve`: run the web app and API with uvicorn.

Several worker processes by default: a page that builds a large organisation's numbers keeps
one process busy, and one process tops out near 30 requests/s even on cheap pages. The state
the workers share lives in the database (sessions, sign-in attempts) or in one folder on the
machine (uploads staged between preview and import), so any worker can answer any request.
"""

import os

import typer
import uvicorn

from pacesetter.settings import get_settings

MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """One worker per CPU, at most `MAX_DEFAULT_WORKERS`."""
    return max(1, min(MAX_DEFAULT_WORKERS, os.cpu_count() or 1))


def serve(
    host: str | None = typer.Option(None, help="Address to listen on [default: PACESETTER_HOST]."),
    port: int | None = typer.Option(None, help="Port to listen on [default: PACESETTER_PORT]."),
    workers: int | None = typer.Option(
        None,
        min=1,
        help=f"Worker processes (default: one per CPU, at most {MAX_DEFAULT_WORKERS}; "
        "1 with --reload).",
    ),
    reload: bool = typer.Option(False, help="Restart when the code changes (development)."),
) -> None:
    """Serve the pages and the API (docs at /api/docs) on the configured database."""
    settings = get_settings()
    uvicorn.run(
        "pacesetter.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        reload=reload,
        workers=1 if reload else workers or default_workers(),
        # The app decides which proxies to believe (PACESETTER_TRUSTED_PROXIES); uvicorn's own
        # default would believe any X-Forwarded-For sent from 127.0.0.1.
        proxy_headers=False,
    )
