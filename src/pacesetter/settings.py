"""Process-wide configuration, read once from `PACESETTER_*` environment variables."""

from functools import lru_cache
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Only good for a laptop: production refuses to start with it.
DEVELOPMENT_SECRET = "pacesetter-development-secret-change-me"


class Settings(BaseSettings):
    """Configuration; every field can be set as `PACESETTER_<FIELD>` (e.g. `PACESETTER_PORT`)."""

    model_config = SettingsConfigDict(env_prefix="PACESETTER_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    database_url: str = "sqlite:///pacesetter.db"
    secret_key: str = DEVELOPMENT_SECRET
    host: str = "127.0.0.1"
    port: int = 8000
    session_hours: int = 12
    # Sign-in attempts allowed per (email, client address) in a sliding window.
    login_attempts: int = 5
    login_window_seconds: int = 300
    # The largest request body accepted anywhere but the upload routes (which have their own).
    max_body_bytes: int = 1_000_000

    @model_validator(mode="after")
    def _refuse_development_secret_in_production(self) -> "Settings":
        if self.environment == "production" and self.secret_key == DEVELOPMENT_SECRET:
            raise ValueError("PACESETTER_SECRET_KEY must be set to a private value in production")
        return self

    @property
    def secure_cookies(self) -> bool:
        """Cookies carry the Secure flag wherever the app is not a developer's plain-HTTP laptop."""
        return self.environment == "production"


@lru_cache
def get_settings() -> Settings:
    return Settings()
