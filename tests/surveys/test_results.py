import pytest
from django.utils import translation

from surveys.models import RespondentGroup
from surveys.results import survey_results

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# audience: [(dripping_taps, tap_water_trust, rainwater_use)]
ANSWERS = {
    "students": [
        ("yes", 5, ["1", "2"]),
        ("yes", 4, ["1"]),
        ("yes", 4, ["1"]),
        ("yes", 3, ["2"]),
        ("no", 2, ["3"]),
        ("no", 2, ["1", "2"]),
    ],
    "teachers": [
        ("yes", 1, ["1"]),
        ("no", 2, ["1"]),
        ("no", 3, ["2"]),
        ("no", 4, ["2"]),
        ("no", 5, ["3"]),
    ],
    "administration": [("yes", 5, ["1"]), ("yes", 5, ["1"])],
}


@pytest.fixture
def answered(survey, answer):
    for audience, rows in ANSWERS.items():
        for taps, trust, rain in rows:
            answer(
                survey,
                audience,
                dripping_taps=taps,
                drinking_water="1",
                rainwater_use=rain,
                tap_water_trust=trust,
                ideas=f"ieteikums no {audience}"
                if audience == "administration"
                else "",
            )
    return survey


def row(result, value):
    return next(r for r in result.rows if r.value == value)


def test_editors_see_counts_and_percentages_of_every_group(answered):
    taps = survey_results(answered, public=False).question("dripping_taps")

    yes = row(taps, "yes")
    assert [(g.audience, g.hidden) for g in taps.groups] == [
        ("students", False),
        ("teachers", False),
        ("administration", False),
    ]
    assert {a: (c.count, c.percent) for a, c in yes.cells.items()} == {
        "students": (4, 66.7),
        "teachers": (1, 20.0),
        "administration": (2, 100.0),
    }
    assert (yes.total.count, yes.total.base, yes.total.percent) == (7, 13, 53.8)


def test_published_results_hide_small_groups_and_leave_them_out_of_totals(answered):
    results = survey_results(answered, public=True)
    taps = results.question("dripping_taps")

    assert [g.audience for g in results.hidden_groups] == ["administration"]
    assert set(row(taps, "yes").cells) == {"students", "teachers"}
    assert (row(taps, "yes").total.count, row(taps, "yes").total.base) == (5, 11)
    assert row(taps, "yes").total.percent == 45.5
    assert row(taps, "no").total.percent == 54.5
    assert results.respondents == 11


def test_a_group_exactly_at_the_threshold_is_shown(answered):
    # Teachers have exactly 5 respondents, the default threshold.
    results = survey_results(answered, public=True)

    assert "teachers" in [g.audience for g in results.visible_groups]


def test_threshold_is_set_per_survey(answered):
    answered.min_group_size = 2

    results = survey_results(answered, public=True)

    assert results.hidden_groups == []


def test_scale_averages_per_group_and_overall(answered):
    editors = survey_results(answered, public=False).question("tap_water_trust")
    public = survey_results(answered, public=True).question("tap_water_trust")

    assert editors.averages == {
        "students": 3.33,
        "teachers": 3.0,
        "administration": 5.0,
    }
    assert editors.total_average == round(45 / 13, 2)
    assert public.total_average == round(35 / 11, 2)
    assert row(public, "4").total.count == 3


def test_multiple_choice_percentages_are_of_respondents_not_of_ticks(answered):
    rain = survey_results(answered, public=False).question("rainwater_use")

    students = {r.value: r.cells["students"].percent for r in rain.rows}
    assert students == {"1": 66.7, "2": 50.0, "3": 16.7}


def test_free_text_is_for_editors_only(answered):
    editors = survey_results(answered, public=False).question("ideas")
    public = survey_results(answered, public=True).question("ideas")

    assert [text for _group, text in editors.texts] == [
        "ieteikums no administration",
        "ieteikums no administration",
    ]
    assert public.texts == []


def test_same_question_is_compared_with_the_previous_year(
    make_survey, answered, answer
):
    earlier = make_survey(slug="aptauja-2024", school_year="2024/2025")
    for taps in ["yes"] * 3 + ["no"] * 3:
        answer(
            earlier,
            "students",
            dripping_taps=taps,
            drinking_water="2",
            rainwater_use=["1"],
            tap_water_trust=2,
        )

    results = survey_results(answered, public=True)
    taps = results.question("dripping_taps")

    assert results.previous_survey.pk == earlier.pk
    assert taps.previous_year == "2024/2025"
    assert (row(taps, "yes").previous.count, row(taps, "yes").previous.percent) == (
        3,
        50.0,
    )
    assert results.question("tap_water_trust").previous_average == 2.0


def test_a_question_asked_only_this_year_has_no_comparison(make_survey, answered):
    make_survey(
        slug="aptauja-2024",
        school_year="2024/2025",
        questions=[("dripping_taps", "yes_no", "Vai redzējāt pilošu krānu?", "")],
    )

    results = survey_results(answered, public=False)

    assert results.question("drinking_water").has_previous is False


def test_public_results_page_shows_tables_but_no_free_text(client, answered):
    answered.results_published = True
    answered.save_revision().publish()
    path = answered.url.replace("http://lit.localhost", "") + "results/"

    html = client.get(path, HTTP_HOST="lit.localhost").content.decode()

    assert "<caption" in html
    assert '<th scope="col">' in html and '<th scope="row">' in html
    assert "ieteikums no administration" not in html
    with translation.override("lv"):
        administration = str(RespondentGroup.ADMINISTRATION.label)
        students = str(RespondentGroup.STUDENTS.label)
    assert f'<th scope="col">{students} <span' in html
    assert f'<th scope="col">{administration} <span' not in html


def test_results_page_is_not_found_until_published(client, answered):
    path = answered.url.replace("http://lit.localhost", "") + "results/"

    response = client.get(path, HTTP_HOST="lit.localhost")

    assert response.status_code == 404


def test_editors_see_results_with_free_text_in_the_admin(
    client, answered, school_editor
):
    client.force_login(school_editor)

    response = client.get(f"/admin/surveys/{answered.pk}/results/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "ieteikums no administration" in html
    assert "<svg" in html
