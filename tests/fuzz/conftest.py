from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)
from web.org import org  # noqa: F401  (fixture)
