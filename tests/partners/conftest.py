import pytest

from tests.network import build_hub, build_school


@pytest.fixture
def lit(db, django_capture_on_commit_callbacks):
    build_hub(django_capture_on_commit_callbacks)
    return build_school(
        django_capture_on_commit_callbacks, "Latgales Industriālais tehnikums", "lit"
    )
