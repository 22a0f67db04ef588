"""`pacesetter serve`: run the web app and API with uvicorn."""

import typer
import uvicorn

from pacesetter.settings import get_settings


def serve(
    host: str | None = typer.Option(None, help="Address to listen on [default: PACESETTER_HOST]."),
    port: int | None = typer.Option(None, help="Port to listen on [default: PACESETTER_PORT]."),
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
        # The app decides which proxies to believe (PACESETTER_TRUSTED_PROXIES); uvicorn's own
        # default would believe any X-Forwarded-For sent from 127.0.0.1.
        proxy_headers=False,
    )
