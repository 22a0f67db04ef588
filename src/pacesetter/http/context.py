"""`ContextDep`: the request's `store.context.Context` (who and when), built once per request
for the pages and the API alike."""

from typing import Annotated

from fastapi import Depends

from pacesetter.http.deps import ScopeDep, SessionDep
from pacesetter.store.context import Context, context_for


def _context(db: SessionDep, scope: ScopeDep) -> Context:
    return context_for(db, scope)


ContextDep = Annotated[Context, Depends(_context)]
