"""ASVS 5.0 13.3.1: outside development, the settings refuse the development secret."""

import pytest
from pydantic import ValidationError

from pacesetter.settings import DEVELOPMENT_SECRET, Settings


def test_production_refuses_to_start_with_the_development_secret() -> None:
    with pytest.raises(ValidationError, match="PACESETTER_SECRET_KEY"):
        Settings(_env_file=None, environment="production", secret_key=DEVELOPMENT_SECRET)  # type: ignore[call-arg]


def test_production_starts_with_a_secret_of_its_own() -> None:
    secret = "x" * 48
    settings = Settings(_env_file=None, environment="production", secret_key=secret)  # type: ignore[call-arg]
    assert settings.secret_key == secret
