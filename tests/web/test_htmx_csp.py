"""htmx under the strict CSP: the <style> htmx would inject for its request indicators is
refused by `style-src 'self'` (a console error on every page that loads htmx), so the pages turn
it off and the app's own stylesheet carries those rules instead."""

import json
import re
from collections.abc import Callable

from pacesetter.store.models import Person
from pacesetter.web.templating import STATIC_DIR
from web.client import TestClient, UserClient
from web.org import Org

CONFIG = re.compile(r"""<meta name="htmx-config" content='([^']+)'>""")


def _htmx_config(page: str) -> dict[str, object]:
    found = CONFIG.search(page)
    assert found, "a page that loads htmx without its configuration"
    return json.loads(found.group(1))


def test_pages_tell_htmx_not_to_inject_its_indicator_styles(
    org: Org, client: TestClient, client_for: Callable[[Person], UserClient]
) -> None:
    admin = client_for(org.ada)
    for answer in (client.get("/login"), admin.get("/imports"), admin.get("/")):
        assert "/static/vendor/htmx.min.js" in answer.text
        assert _htmx_config(answer.text)["includeIndicatorStyles"] is False
        policy = answer.headers["content-security-policy"]
        assert "style-src 'self';" in policy  # no 'unsafe-inline' to let an injected <style> in


def test_the_vendored_htmx_honours_the_setting_it_is_given() -> None:
    # An htmx upgrade that renamed the setting would quietly start injecting <style> again.
    htmx = (STATIC_DIR / "vendor" / "htmx.min.js").read_text(encoding="utf-8")
    assert "includeIndicatorStyles!==false" in htmx


def test_the_apps_stylesheet_carries_the_indicator_rules() -> None:
    css = (STATIC_DIR / "app.css").read_text(encoding="utf-8")
    assert ".htmx-indicator { opacity: 0; visibility: hidden; }" in css
    assert ".htmx-request .htmx-indicator, .htmx-request.htmx-indicator { opacity: 1;" in css
