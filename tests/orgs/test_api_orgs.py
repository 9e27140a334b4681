import pytest


@pytest.mark.django_db
def test_orgs_api_lists_every_org_that_takes_requests(client, county, township):
    response = client.get("/api/v1/orgs")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert rows["yishui"] == {"code": "yishui", "name": "沂水县人民政府", "parent": None}
    assert rows["longjiaquan"]["parent"] == "yishui"
