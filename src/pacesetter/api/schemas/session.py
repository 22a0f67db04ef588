"""Signing in and out through the API, and who is signed in."""

from pydantic import BaseModel

from pacesetter.api.schemas.people import PersonOut
from pacesetter.api.validation import UtcDateTime


class SignInRequest(BaseModel):
    email: str
    password: str


class Me(BaseModel):
    person: PersonOut
    csrf_token: str  # send back as the X-CSRF-Token header on POST, PUT, PATCH and DELETE
    session_expires_at: UtcDateTime
