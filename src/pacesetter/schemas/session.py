"""Signing in and out through the API, and who is signed in."""

from pydantic import BaseModel

from pacesetter.http.validation import UtcDateTime
from pacesetter.schemas.people import PersonOut


class SignInRequest(BaseModel):
    email: str
    password: str


class Me(BaseModel):
    person: PersonOut
    csrf_token: str  # send back as the X-CSRF-Token header on POST, PUT, PATCH and DELETE
    session_expires_at: UtcDateTime
