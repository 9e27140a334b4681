"""The 我要咨询 page promises the answer time the office configured, not a fixed one."""

import pytest


@pytest.mark.django_db
def test_ask_page_states_the_configured_answer_limit(client, settings, township):
    settings.GONGKAI_MESSAGE_ANSWER_WORKDAYS = 3
    page = client.get("/ask/").content.decode()
    assert "3个工作日内答复" in page and "5个工作日内答复" not in page
