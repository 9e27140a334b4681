import pytest


@pytest.fixture(scope="session")
def template_installation(tmp_path_factory):
    from tests.installation import cleanup, make_template

    install = make_template(tmp_path_factory.mktemp("template"))
    yield install
    cleanup(install)


@pytest.fixture
def new_installation(template_installation, tmp_path):
    """Factory: a migrated installation, or (empty=True) one whose database has no tables yet."""
    from tests.installation import cleanup, copy_of

    made = []

    def make(name: str, *, empty: bool = False):
        install = copy_of(template_installation, tmp_path / name, empty=empty)
        made.append(install)
        return install

    yield make
    for install in made:
        cleanup(install)


@pytest.fixture
def db_engine(settings):
    from gongkai.jobs.config import tasks_settings

    settings.TASKS = tasks_settings({"GONGKAI_TASKS_ENGINE": "db"})
