"""Which API route is each page's JSON twin: the one place that pairs them (Datasette's "one
view, two formats"). `base.html` links a page's twin in its head and visibly, and
tests/web/test_json_twins.py walks the route table so that every page is classified here.

A page's path parameters name the same objects in its twin (`person_id` is `person_id`), and
its query string (period, as-of, team) is handed on as is.
"""

import re

from fastapi import Request

# Page route -> API route answering the same numbers as JSON.
JSON_TWINS: dict[str, str] = {
    "/": "/api/v1/org/tree",
    "/people/{person_id}": "/api/v1/people/{person_id}",
    "/goals/{goal_id}": "/api/v1/goals/{goal_id}",
    "/goals/team/{manager_id}": "/api/v1/goals/team/{manager_id}",
    "/goals/proposals": "/api/v1/goals/proposals",
    "/goals/people/{person_id}": "/api/v1/goals/people/{person_id}",
    "/goals/suggest": "/api/v1/goals/suggestions",
    "/coaching/people/{person_id}": "/api/v1/coaching/people/{person_id}",
    "/coaching": "/api/v1/coaching",
    "/coaching/lists": "/api/v1/coaching/lists",
    "/coaching/{record_id}": "/api/v1/coaching/{record_id}",
    "/imports": "/api/v1/imports",
    "/quadrant": "/api/v1/quadrant",
    "/quadrant/people/{person_id}": "/api/v1/quadrant/people/{person_id}",
    "/managers": "/api/v1/managers",
    "/managers/{manager_id}/what-if": "/api/v1/managers/{manager_id}/what-if",
    "/plans": "/api/v1/plans",
    "/plans/people/{person_id}": "/api/v1/plans/people/{person_id}",
    "/scorecard": "/api/v1/scorecard",
    "/explain": "/api/v1/explain",
    "/leaderboard": "/api/v1/leaderboard",
    "/admin/audit": "/api/v1/audit",
    # Public like its page: a TV link's key (`?key=`, handed on) is the permission.
    "/tv": "/api/v1/tv",
    "/incentives/people/{person_id}": "/api/v1/incentives/people/{person_id}",
    "/incentives/team/{manager_id}": "/api/v1/incentives/team/{manager_id}",
    "/incentives/what-if": "/api/v1/incentives/what-if",
    "/review/team/{manager_id}": "/api/v1/incentives/reviews/{manager_id}",
    "/incentives/rules": "/api/v1/incentives/rules",
    "/incentives/rules/{rule_id}": "/api/v1/incentives/rules/{rule_id}",
}

# Pages without figures of their own (sign-in, forms, links), each with why.
NO_NUMBERS: dict[str, str] = {
    "/login": "the sign-in form",
    "/goals": "sends the viewer on to their own goals",
    "/coaching/new": "a form",
    "/coaching/{record_id}/edit": "a form",
    "/leaderboard/tv-links": "a list of TV links",
    "/people/{person_id}/mail": "mail settings, a form",
    "/healthz": "a probe for the load balancer",
    "/api/docs": "the API's own documentation",
    "/incentives/rules/new": "a form",
}

# Pages with numbers still waiting for their twin: known debt, named so it cannot grow quietly.
AWAITING_TWIN: dict[str, str] = {}

_PARAM = re.compile(r"\{(\w+)\}")
_PATTERNS = [
    (re.compile("^" + _PARAM.sub(lambda name: rf"(?P<{name[1]}>\d+)", page) + "$"), api)
    for page, api in JSON_TWINS.items()
]


def twin_href(request: Request) -> str | None:
    """The JSON twin of the page `request` asks for, with the page's query; None if none."""
    for pattern, api in _PATTERNS:
        found = pattern.match(request.url.path)
        if found:
            href = api.format(**found.groupdict())
            return f"{href}?{request.url.query}" if request.url.query else href
    return None
