"""What the API promises in its OpenAPI document is what it sends (issue 9, fix 6): moments
with a UTC offset (OpenAPI `date-time`), 422 refusals in the documented shape, 400 and 409
documented, and no signed-in answer left in a cache.

The checks walk the app's own schemas and spec, so new models and operations are covered.
"""

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, get_args

from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy.orm import Session

import pacesetter.schemas
from factories import make_person
from pacesetter.domain.goal_lint import PERSON, ScopeKey
from pacesetter.goals import service
from pacesetter.goals.actor import Actor, Channel
from pacesetter.http.validation import UtcDateTime
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
# RFC 3339 date-time: the offset is required.
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def _schema_models() -> list[type[BaseModel]]:
    found = []
    for module in pkgutil.iter_modules(pacesetter.schemas.__path__):
        loaded = importlib.import_module(f"pacesetter.schemas.{module.name}")
        found += [
            value
            for value in vars(loaded).values()
            if inspect.isclass(value) and issubclass(value, BaseModel) and value is not BaseModel
        ]
    return found


def _naive_moment_fields(model: type[BaseModel]) -> list[str]:
    """Fields holding a datetime that is not a `UtcDateTime`."""
    naive = []
    for name, field in model.model_fields.items():
        plain = field.annotation is datetime and not any(
            marker in field.metadata for marker in get_args(UtcDateTime)[1:]
        )
        if plain or datetime in get_args(field.annotation):
            naive.append(f"{model.__name__}.{name}")
    return naive


def test_every_moment_in_the_api_carries_its_utc_offset() -> None:
    models = _schema_models()
    assert len(models) >= 20
    assert [name for model in models for name in _naive_moment_fields(model)] == []


def test_moments_are_sent_as_rfc_3339_date_times(db: Session, client_for: SignIn) -> None:
    director = make_person(db, role="director")
    rep = make_person(db, manager=director)
    data = service.GoalInput(ScopeKey(PERSON, rep.id), "revenue_won", "2026-Q1", 1000.0)
    actor = Actor.of(director, Channel.API)
    goal = service.create_goal(db, actor, data, today=date(2026, 1, 5)).goal
    browser = client_for(director)
    me = browser.get("/api/v1/me").json()
    decided = browser.get(f"/api/v1/goals/{goal.id}").json()
    assert RFC3339.match(me["session_expires_at"]), me["session_expires_at"]
    assert RFC3339.match(decided["decided_at"]), decided["decided_at"]
    assert datetime.fromisoformat(me["session_expires_at"]).utcoffset() is not None


def _spec(client: TestClient) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").json()


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    ]


def _schema(response: dict[str, Any]) -> dict[str, Any]:
    return response["content"]["application/json"]["schema"]


def _refs(schema: dict[str, Any]) -> set[str]:
    options = schema.get("anyOf", [schema])
    return {option.get("$ref", "").rsplit("/", 1)[-1] for option in options}


def test_every_operation_documents_both_shapes_of_422(client: TestClient) -> None:
    for path, method, operation in _operations(_spec(client)):
        refusal = _schema(operation["responses"]["422"])
        assert {"Error", "HTTPValidationError"} <= _refs(refusal), (method, path)


def test_every_write_documents_400_403_409_and_413(client: TestClient) -> None:
    for path, method, operation in _operations(_spec(client)):
        if method != "get":
            documented = set(operation["responses"])
            assert {"400", "403", "409", "413"} <= documented, (method, path)


def _matches_error(body: object) -> bool:
    return isinstance(body, dict) and isinstance(body.get("detail"), str)


def _matches_validation_error(body: object) -> bool:
    entries = body.get("detail") if isinstance(body, dict) else None
    return isinstance(entries, list) and all(
        isinstance(entry, dict) and {"loc", "msg", "type"} <= set(entry) for entry in entries
    )


def test_both_422_shapes_are_what_is_sent(db: Session, client_for: SignIn) -> None:
    browser = client_for(make_person(db, role="manager"))
    headers = {"X-CSRF-Token": browser.csrf_token}
    body = {"person_id": browser.person.id, "metric": "no_such_metric", "period": "2026-Q1"}
    refused = browser.post("/api/v1/goals", json=body | {"target": 5}, headers=headers)
    malformed = browser.post("/api/v1/goals", json=body | {"target": "five"}, headers=headers)
    assert (refused.status_code, malformed.status_code) == (422, 422)
    assert _matches_error(refused.json()) and not _matches_validation_error(refused.json())
    assert _matches_validation_error(malformed.json())


def test_signed_in_answers_are_never_cached(db: Session, client_for: SignIn) -> None:
    browser = client_for(make_person(db))
    for url in ("/", "/api/v1/me", "/api/v1/people"):
        assert browser.get(url).headers["cache-control"] == "no-store", url
    assert "no-store" not in browser.get("/static/app.css").headers.get("cache-control", "")
