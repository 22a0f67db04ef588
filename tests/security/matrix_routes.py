"""The app's own route table, read for the permission matrix: which parameters of each route
name an object (a person, a goal...), and a request that fills every parameter sensibly.

A new route is covered as soon as it is registered. A parameter that looks like an object's id
(`*_id`, or any path parameter) but is not in `OBJECT_PARAMS` is reported, so that a new kind of
object cannot slip past the matrix unnoticed.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from itertools import product
from types import NoneType, UnionType
from typing import Any, Literal, Union, get_args, get_origin

from fastapi import FastAPI, UploadFile, params
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from matrix_org import ADMINS, AS_OF, PERIOD, MatrixOrg, Obj
from pydantic import BaseModel
from starlette.routing import Route

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
PATH_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")
TEXT = "Matrix check"
# Parameters that say what a request is about rather than which object: sensible values.
NAMED_VALUES: dict[str, Any] = {
    "period": PERIOD,
    "as_of": AS_OF.isoformat(),
    "metric": "revenue_won",
    "target": 60_000,
    "team_target": 100_000,
    "reason": TEXT,
    "note": TEXT,
    "notes": TEXT,
    "rationale": TEXT,
    "type": "one_on_one",  # a coaching record's type
}


@dataclass(frozen=True)
class Target:
    """One relation to the viewer: a person in it and a team lead in it (None: nobody)."""

    person: str | None
    lead: str | None


@dataclass(frozen=True)
class ObjectKind:
    """What a parameter names: `kind` of objects (matrix_org) owned by the relation's
    "person" or "lead" (`owner`); every one of them is requested."""

    kind: str
    owner: str

    def objects(self, org: MatrixOrg, target: Target) -> list[Obj]:
        return org.objects_of(self.kind, getattr(target, self.owner))


@dataclass(frozen=True)
class SettingKind:
    """An organisation-wide setting named by its key: the same in every relation (but none,
    a key that does not exist), and only admins may change it."""

    key: str

    def objects(self, org: MatrixOrg, target: Target) -> list[Obj]:
        return [Obj(self.key, ADMINS) if target.person else Obj("no_such_key", frozenset())]


# The matrix map: a route with an object parameter not named here fails the matrix.
OBJECT_PARAMS: dict[str, ObjectKind | SettingKind] = {
    "person_id": ObjectKind("person", "person"),
    "manager_id": ObjectKind("person", "lead"),
    "goal_id": ObjectKind("goal", "person"),
    "record_id": ObjectKind("record", "person"),  # a 1:1 about them, their upward feedback
    "account_id": ObjectKind("account", "person"),
    "deal_id": ObjectKind("deal", "person"),
    "proposal_id": ObjectKind("proposal", "person"),  # a change to their activity plan
    "rule_id": ObjectKind("rule", "lead"),  # a reward rule on their team
    "team_manager_id": ObjectKind("person", "lead"),  # the team a reward rule is for
    "name": SettingKind("skills"),  # a coaching list: skills, pre_brief, debrief, awards
}


@dataclass(frozen=True)
class Param:
    name: str
    annotation: Any
    required: bool
    where: str  # "path", "query", "json" or "form"

    @property
    def names_object(self) -> bool:
        return self.where == "path" or self.name.endswith("_id")

    @property
    def addresses(self) -> bool:
        """The object the route is about (not a filter of a list): out of scope means 404."""
        return self.names_object and (self.where == "path" or self.required)


SKIP = object()
Named = list[tuple[Param, Obj]]


@dataclass(frozen=True)
class RouteCase:
    method: str
    path: str
    params: tuple[Param, ...]

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def is_write(self) -> bool:
        return self.method in WRITES

    @property
    def objects(self) -> list[Param]:
        return [param for param in self.params if param.names_object]

    def unknown_objects(self) -> list[str]:
        return [param.name for param in self.objects if param.name not in OBJECT_PARAMS]

    def requests(self, org: MatrixOrg, target: Target) -> Iterator[tuple[dict[str, Any], Named]]:
        """httpx keyword arguments for each combination of the relation's objects, and which
        object each parameter names."""
        slots = [OBJECT_PARAMS[param.name].objects(org, target) for param in self.objects]
        for chosen in product(*slots):
            named = list(zip(self.objects, chosen, strict=True))
            yield self._request({param.name: obj.id for param, obj in named}), named

    @property
    def is_list(self) -> bool:
        """A read about no object in particular (its object parameters, if any, filter)."""
        return not self.is_write and not any(param.addresses for param in self.objects)

    def unfiltered_request(self) -> dict[str, Any]:
        """The list itself: optional object parameters left out (a required one fails)."""
        return self._request({})

    def _request(self, ids: dict[str, int]) -> dict[str, Any]:
        parts: dict[str, dict[str, Any]] = {"path": {}, "query": {}, "json": {}, "form": {}}
        for param in self.params:
            value = ids[param.name] if param.name in ids else value_for(param)
            if value is not SKIP:
                parts[param.where][param.name] = value
        url = PATH_PARAM.sub(lambda m: str(parts["path"][m.group(1)]), self.path)
        request: dict[str, Any] = {"method": self.method, "url": url, "params": parts["query"]}
        if parts["json"]:
            request["json"] = parts["json"]
        if parts["form"]:
            request["data"] = {k: str(v) for k, v in parts["form"].items()}
        return request


def value_for(param: Param) -> Any:
    """A sensible value: by name when the name says what it is, else by type; optional
    parameters are left out unless named (a period, an as-of date, a reason...)."""
    if param.name in NAMED_VALUES:
        return NAMED_VALUES[param.name]
    if not param.required:
        return SKIP
    return sample(param.annotation)


def sample(annotation: Any) -> Any:
    options = [a for a in get_args(annotation) if a is not NoneType]
    if get_origin(annotation) in (Union, UnionType):
        return sample(options[0])
    if get_origin(annotation) is Literal:
        return options[0]
    if get_origin(annotation) is list:
        return [sample(options[0])]
    if isinstance(annotation, type):
        return _sample_type(annotation)
    return TEXT


def _sample_type(kind: type) -> Any:
    if issubclass(kind, Enum):
        return next(iter(kind)).value
    if issubclass(kind, BaseModel):
        fields = kind.model_fields.items()
        return {name: sample(field.annotation) for name, field in fields if field.is_required()}
    if issubclass(kind, UploadFile):
        return SKIP
    typed: dict[type, Any] = {bool: False, int: 1, float: 1000, Decimal: 1000, date: AS_OF}
    value = next((v for t, v in typed.items() if issubclass(kind, t)), TEXT)
    return value.isoformat() if isinstance(value, date) else value


# Writes about no object: signing in and out.
SESSION_WRITES = {"POST /api/v1/session", "DELETE /api/v1/session", "POST /login", "POST /logout"}
# Organisation-wide writes that only an admin makes: imports, all the coaching lists at once.
ADMIN_WRITES = {
    "POST /api/v1/imports",
    "POST /imports/preview",
    "POST /imports/run",
    "POST /coaching/lists",
    "POST /leaderboard/tv-links",
    "POST /leaderboard/tv-links/revoke",
}
# Forms a route reads by hand (its fields depend on what is posted), so the route table does
# not list them: the fields that matter here.
HAND_READ_FORMS: dict[str, tuple[Param, ...]] = {
    "POST /coaching/new": (
        Param("type", str, True, "form"),
        Param("occurred_on", date, True, "form"),
        Param("person_id", int, True, "form"),
        Param("notes", str, False, "form"),
    ),
}


def app_routes(app: FastAPI) -> list[RouteCase]:
    """Every route of the app but static files, one case per method."""
    cases = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, Route):
            continue
        path = str(context.path_format)
        for method in sorted(set(context.methods or ()) - {"HEAD"}):
            by_hand = HAND_READ_FORMS.get(f"{method} {path}", ())
            cases.append(RouteCase(method, path, (*_params(route, path), *by_hand)))
    return cases


def _params(route: Route, path: str) -> Iterator[Param]:
    for match in PATH_PARAM.finditer(path):
        yield Param(match.group(1), int, True, "path")
    if isinstance(route, APIRoute):
        # A dependency shared by several others (the session, the report date) is listed once.
        unique = {(p.name, p.where): p for p in _dependant_params(route.dependant)}
        yield from unique.values()


def _dependant_params(dependant: Dependant) -> Iterator[Param]:
    for field in dependant.query_params:
        info = field.field_info
        yield Param(field.alias, info.annotation, info.is_required(), "query")
    for field in dependant.body_params:
        yield from _body_params(field.alias, field.field_info)
    for sub in dependant.dependencies:
        yield from _dependant_params(sub)


def _body_params(name: str, info: Any) -> Iterator[Param]:
    """A JSON body model's own fields, or one form field."""
    if isinstance(info, params.Form):  # File is a Form too
        yield Param(name, info.annotation, info.is_required(), "form")
        return
    model = info.annotation
    if isinstance(model, type) and issubclass(model, BaseModel):
        for field_name, field in model.model_fields.items():
            yield Param(field.alias or field_name, field.annotation, field.is_required(), "json")
    else:
        yield Param(name, model, info.is_required(), "json")
