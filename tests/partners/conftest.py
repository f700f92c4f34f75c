import pytest


@pytest.fixture
def lit(school):
    return school
