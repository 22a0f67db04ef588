"""Why a sign-in or a signed-in request was refused; mapped to HTTP statuses in `app.py`."""

from pacesetter.domain.errors import PacesetterError


class SignInRefused(PacesetterError):
    """Wrong email, wrong password, no password or employment ended: one message for all, so
    the answer never tells an attacker which emails exist."""

    def __init__(self) -> None:
        super().__init__("Email or password is not correct.")


class TooManyAttempts(PacesetterError):
    """Too many failed sign-ins for this email from this address within the window."""

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, -(-retry_after_seconds // 60))
        super().__init__(
            f"Too many sign-in attempts. Wait {minutes} minute{'s' if minutes > 1 else ''} "
            "and try again."
        )
        self.retry_after_seconds = retry_after_seconds


class NotSignedIn(PacesetterError):
    """The request carries no valid session: pages redirect to /login, the API answers 401."""

    def __init__(self) -> None:
        super().__init__("Sign in first.")
