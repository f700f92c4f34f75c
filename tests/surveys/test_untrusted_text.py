"""A free-text answer cannot carry script into the editor's results or the exports."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'


@pytest.fixture
def hostile_answer(survey, answer):
    answer(
        survey,
        "students",
        dripping_taps="yes",
        drinking_water="3",
        rainwater_use=["1"],
        tap_water_trust=4,
        ideas=f"Krāni {SCRIPT}",
    )
    return survey


def test_editors_results_show_the_answer_escaped(client, school_editor, hostile_answer):
    client.force_login(school_editor)

    html = client.get(f"/admin/surveys/{hostile_answer.pk}/results/").content.decode()

    assert "Krāni &lt;script&gt;" in html
    assert SCRIPT not in html


def test_public_results_never_show_free_text(client, hostile_answer):
    hostile_answer.results_published = True
    hostile_answer.save_revision().publish()

    html = client.get(hostile_answer.url + "results/").content.decode()

    assert "Krāni" not in html
    assert SCRIPT not in html


def test_the_export_keeps_the_answer_as_plain_text(
    client, school_editor, hostile_answer
):
    client.force_login(school_editor)

    response = client.get(f"/admin/surveys/{hostile_answer.pk}/export.csv")

    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][-1] == f"Krāni {SCRIPT}"
