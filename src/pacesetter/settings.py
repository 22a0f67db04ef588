"""Process-wide configuration, read once from `PACESETTER_*` environment variables."""

from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import Literal

from pydantic import field_validator, model_validator
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
    session_hours: int = 12  # the absolute timeout: a session ends then, used or not
    # The idle timeout: a session unused this long ends (ASVS 5.0 7.3.1).
    session_idle_minutes: int = 30
    # Failed sign-ins allowed per (email, client address), and per client address whatever
    # the email, in a sliding window.
    login_attempts: int = 5
    login_attempts_per_address: int = 20
    login_window_seconds: int = 300
    # Proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated);
    # none by default, so a client cannot choose the address its attempts are counted under.
    trusted_proxies: str = ""
    # Argon2id checks running at once in a process (64 MiB each).
    password_hashing_concurrency: int = 2
    # The largest request body accepted anywhere but the upload routes (which have their own).
    max_body_bytes: int = 1_000_000
    # Mail (docs/digest.md): the SMTP server, how to reach it, and the sender. TLS is "none",
    # "starttls" (upgrade a plain connection, port 587) or "tls" (TLS from the start, port 465).
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_tls: Literal["none", "starttls", "tls"] = "none"
    smtp_user: str = ""
    smtp_password: str = ""
    mail_from: str = "pacesetter@localhost"
    # Where people reach the app: every link in a mail starts with it.
    public_url: str = "http://127.0.0.1:8000"
    # A goal is "at risk" in the weekly digest when its pace is below this share of expected.
    digest_at_risk_pace: float = 0.9

    @model_validator(mode="after")
    def _refuse_development_secret_in_production(self) -> "Settings":
        if self.environment == "production" and self.secret_key == DEVELOPMENT_SECRET:
            raise ValueError("PACESETTER_SECRET_KEY must be set to a private value in production")
        return self

    @field_validator("trusted_proxies")
    @classmethod
    def _networks_parse(cls, value: str) -> str:
        _networks(value)  # a typo refuses to start rather than trusting nobody, or everybody
        return value

    @property
    def trusted_proxy_networks(self) -> tuple[IPv4Network | IPv6Network, ...]:
        return _networks(self.trusted_proxies)

    @property
    def secure_cookies(self) -> bool:
        """Cookies carry the Secure flag wherever the app is not a developer's plain-HTTP laptop."""
        return self.environment == "production"


def _networks(text: str) -> tuple[IPv4Network | IPv6Network, ...]:
    return tuple(ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


@lru_cache
def get_settings() -> Settings:
    return Settings()
