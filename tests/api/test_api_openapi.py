"""The OpenAPI document: valid enough for generators, listing every endpoint, and its docs page
served from this server."""

from typing import Any

from web.client import TestClient

ENDPOINTS = {
    "/api/v1/session": {"post", "delete"},
    "/api/v1/me": {"get"},
    "/api/v1/people": {"get"},
    "/api/v1/people/{person_id}": {"get"},
    "/api/v1/people/{person_id}/team": {"get"},
    "/api/v1/org/tree": {"get"},
}


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        own = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return own.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(value) for value in node))
    return set()


def test_the_spec_lists_the_api_endpoints_and_no_page(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    listed = {path: set(operations) for path, operations in spec["paths"].items()}
    assert spec["openapi"].startswith("3.")
    assert {path: listed.get(path) for path in ENDPOINTS} == ENDPOINTS
    assert all(path.startswith("/api/v1/") for path in listed)


def test_every_operation_documents_its_answers_and_every_reference_resolves(
    client: TestClient,
) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for operations in spec["paths"].values():
        for operation in operations.values():
            assert operation["responses"] and operation.get("summary")
    schemas = spec["components"]["schemas"]
    missing = {
        ref for ref in _refs(spec) if ref.removeprefix("#/components/schemas/") not in schemas
    }
    assert missing == set()


def test_scoped_reads_document_their_404(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "404" in paths["/api/v1/people/{person_id}"]["get"]["responses"]
    assert "429" in paths["/api/v1/session"]["post"]["responses"]


def test_the_docs_page_loads_swagger_from_this_server(client: TestClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui-bundle.js" in page.text
    assert "/static/vendor/swagger-ui.css" in page.text
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert client.get(f"/static/vendor/{asset}").status_code == 200
