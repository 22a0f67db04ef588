"""Domain exceptions. Raised anywhere below the edges; mapped once to HTTP statuses (api/, web/)
and exit codes (cli/)."""


class PacesetterError(Exception):
    """Base of every error the product raises on purpose."""


class NotFound(PacesetterError):
    """The object does not exist, or is outside what the asker may see (the two look the same)."""


class Forbidden(PacesetterError):
    """The asker can see the object but may not do this to it."""


class Invalid(PacesetterError):
    """The request breaks a rule; the message says which, in the user's terms."""


class Conflict(PacesetterError):
    """The request clashes with the current state (e.g. a goal that already exists)."""
