"""The page every mail links to: a person's own mail settings, and no one else's; and the
health check a container or load balancer polls."""

from collections.abc import Callable

from digest_helpers import make_org
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from pacesetter.digest.preferences import Choice, choice_of
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def test_a_person_opts_out_of_the_digest_on_their_page(db: Session, client_for: SignIn) -> None:
    org = make_org(db)
    browser = client_for(org.ann)
    page = browser.get(f"/people/{org.ann.id}/mail")
    assert page.status_code == 200 and 'name="digest" value="true" checked' in page.text
    form = {"csrf_token": browser.csrf_token, "events": "true"}
    saved = browser.post(f"/people/{org.ann.id}/mail", data=form, follow_redirects=False)
    assert saved.status_code == 303
    assert choice_of(db, org.ann.id) == Choice(digest=False, events=True)


def test_a_manager_cannot_see_or_change_a_reps_mail_settings(
    db: Session, client_for: SignIn
) -> None:
    org = make_org(db)
    browser = client_for(org.max)
    assert browser.get(f"/people/{org.ann.id}/mail").status_code == 404
    form = {"csrf_token": browser.csrf_token}
    assert browser.post(f"/people/{org.ann.id}/mail", data=form).status_code == 404
    assert choice_of(db, org.ann.id) == Choice(digest=True, events=True)


def test_a_change_without_the_csrf_token_is_refused(db: Session, client_for: SignIn) -> None:
    org = make_org(db)
    refused = client_for(org.ann).post(f"/people/{org.ann.id}/mail", data={})
    assert refused.status_code == 403
    assert choice_of(db, org.ann.id) == Choice(digest=True, events=True)


def test_the_health_check_answers_without_signing_in(client: TestClient) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok"}
