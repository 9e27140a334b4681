"""A rejected application form must still show the citizen a question they can answer."""

import re

import pytest


@pytest.mark.django_db
def test_reshown_form_keeps_the_arithmetic_question(client, township):
    response = client.post("/foi/apply/", {"org": township.code})
    page = response.content.decode()
    assert response.status_code in (200, 400, 422)
    label = re.search(r'<label for="id_answer"[^>]*>(.*?)</label>', page, re.S).group(1)
    assert re.search(r"\d+\s*\+\s*\d+", label), label
