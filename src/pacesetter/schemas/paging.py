"""Where a page of a long list sits in it, as every paged API answer says beside its rows
(`http.queries.Paged.as_dict`)."""

from pydantic import BaseModel, Field


class PageOut(BaseModel):
    total: int = Field(description="Rows in the whole list, on every page")
    page: int = Field(description="This page's number, from 1 (a page past the end: the last)")
    per_page: int = Field(description="Rows a page")
    pages: int = Field(description="Pages the list fills (1 when it is empty)")
    first: int = Field(
        description="The place of this page's first row in the list, from 1 (0: none)"
    )
    last: int = Field(description="The place of this page's last row in the list (0: none)")
