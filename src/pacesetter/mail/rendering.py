"""Mail templates: one per format (`NAME.txt`, `NAME.html`) over the same plain data."""

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pacesetter.domain import formatting

TEMPLATES = Path(__file__).parent / "templates"

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_environment.globals["fmt"] = formatting


def render_both(name: str, context: dict[str, Any]) -> tuple[str, str]:
    """(plain text, HTML) of template `name`, both from the same `context`."""
    text = _environment.get_template(f"{name}.txt").render(context)
    html = _environment.get_template(f"{name}.html").render(context)
    return text, html
