"""A month's plan as a form holds it: line -> planned, checked by the one rule of
`domain.plan_lines`. A page posts `lines.<line>` text fields (blank: no such line); the API a
`{line: planned}` object."""

from collections.abc import Mapping

from pacesetter.domain.plan_lines import LINES, planned_problem

Problems = dict[str, str]
Lines = dict[str, float]
# A change to one line: the new planned value, or None to drop the line.
Changes = dict[str, float | None]
FIELD_PREFIX = "lines."


def read_fields(fields: Mapping[str, str]) -> tuple[Lines, Problems]:
    """The plan the posted fields describe, and the fields that are not numbers."""
    lines: Lines = {}
    problems: Problems = {}
    for line in LINES:
        raw = (fields.get(FIELD_PREFIX + line) or "").strip()
        if not raw:
            continue
        try:
            lines[line] = float(raw)
        except ValueError:
            problems[FIELD_PREFIX + line] = "Write a number."
    return lines, problems


def check(lines: Mapping[str, float]) -> Problems:
    """Every line the plan refuses, keyed by its form field, with the reason."""
    problems: Problems = {}
    for line, planned in lines.items():
        reason = planned_problem(line, float(planned))
        if reason:
            problems[FIELD_PREFIX + line] = reason[0].upper() + reason[1:] + "."
    return problems


def changes(current: Mapping[str, float], wanted: Mapping[str, float]) -> Changes:
    """What turns the `current` plan into the `wanted` one: new or changed lines with their
    value, dropped lines with None; lines left as they are do not appear."""
    found: Changes = {
        line: float(planned) for line, planned in wanted.items() if current.get(line) != planned
    }
    found |= {line: None for line in current if line not in wanted}
    return found


def applied(current: Mapping[str, float], change: Mapping[str, float | None]) -> Lines:
    """The plan once `change` is applied to `current`."""
    result = dict(current)
    for line, planned in change.items():
        if planned is None:
            result.pop(line, None)
        else:
            result[line] = float(planned)
    return result
