
import pytest

from gongkai.orgs.models import Role

from .factories import ROLE_USERS


@pytest.fixture
def staff(make_user, township, officer):
    """Users for every role of the township (the conftest's ``officer`` is reused)."""
    users = {Role.OFFICER: officer}
    for role, name in ROLE_USERS.items():
        if role != Role.OFFICER:
            users[role] = make_user(name, township, role)
    return users
