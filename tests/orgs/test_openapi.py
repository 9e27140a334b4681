import pytest


@pytest.mark.django_db
def test_openapi_document_describes_the_contract_paths(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/orgs", "/api/v1/search", "/api/v1/requests"} <= set(paths)
