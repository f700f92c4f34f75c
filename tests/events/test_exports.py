"""The registrations download a teacher opens in Excel: words, columns, local time."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from events import services
from events.models import EventPage, Registration, RegistrationQuestion
from home.translation import translate

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# 10:30:45.123456 UTC on 1 December is 12:30 in Riga (winter time, UTC+2).
REGISTERED_AT = datetime.datetime(2026, 12, 1, 10, 30, 45, 123456, tzinfo=datetime.UTC)


def take(event, name="Anna Bērziņa", email="anna@example.com", **fields):
    registration = services.register(
        event,
        services.RegistrationData(
            name=name, email=email, organisation="Skola", participants=2, **fields
        ),
    )
    Registration.objects.filter(pk=registration.pk).update(created_at=REGISTERED_AT)
    return registration


def download(client, file_format):
    return client.get(reverse("event_registrations:index"), {"export": file_format})


def read_csv(response):
    return list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if value is None else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def as_dicts(rows):
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.fixture
def asked(workshop, django_capture_on_commit_callbacks):
    """The workshop asks two questions and is translated into English with them."""
    RegistrationQuestion.objects.create(
        page=workshop, label="Ēdienu ierobežojumi", kind="text", sort_order=0
    )
    RegistrationQuestion.objects.create(
        page=workshop, label="Vajag stāvvietu", kind="checkbox", sort_order=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        workshop.save_revision().publish()
        translate(
            workshop,
            "en",
            {
                "Radošā darbnīca viesiem": "Creative workshop for guests",
                "radosa-darbnica-viesiem": "creative-workshop-for-guests",
                "Ēdienu ierobežojumi": "Dietary needs",
                "Vajag stāvvietu": "Needs a parking space",
            },
        )
    return EventPage.objects.get(pk=workshop.pk)


@pytest.fixture
def registered(asked):
    take(asked, answers={"Ēdienu ierobežojumi": "Veģetārs", "Vajag stāvvietu": True})
    take(
        asked,
        "John Smith",
        "john@example.com",
        language="en",
        answers={"Dietary needs": "No nuts", "Needs a parking space": False},
    )
    return asked


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_csv_opens_in_latvian_excel_as_columns(editor_client, registered):
    response = download(editor_client, "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="registrations.csv"' in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    assert b"\r\n" in response.content
    assert b"\n" not in response.content.replace(b"\r\n", b"")
    rows = read_csv(response)
    assert rows[0][:8] == [
        "Pasākums",
        "Vārds un uzvārds",
        "E-pasts",
        "Skola vai organizācija",
        "Dalībnieki",
        "Statuss",
        "Piedalījās",
        "Piezīme",
    ]
    assert all(len(row) == len(rows[0]) for row in rows)


def test_codes_become_the_words_editors_see(editor_client, registered):
    services.cancel(Registration.objects.get(email="john@example.com"))
    Registration.objects.filter(email="anna@example.com").update(attended=True)

    anna, john = as_dicts(read_csv(download(editor_client, "csv")))

    assert anna["Statuss"] == "Apstiprināts" and john["Statuss"] == "Atcelts"
    assert anna["Piedalījās"] == "Jā" and john["Piedalījās"] == ""
    assert anna["Valoda"] == "Latviešu" and john["Valoda"] == "Angļu"
    assert "confirmed" not in anna.values() and "{}" not in anna.values()


def test_each_question_is_a_column_with_answers_in_either_language(
    editor_client, registered
):
    anna, john = as_dicts(read_csv(download(editor_client, "csv")))

    assert anna["Ēdienu ierobežojumi"] == "Veģetārs"
    assert john["Ēdienu ierobežojumi"] == "No nuts"
    assert anna["Vajag stāvvietu"] == "Jā" and john["Vajag stāvvietu"] == "Nē"
    assert "Dietary needs" not in anna


def test_an_english_editor_gets_english_headings_and_words(
    editor_client, admin_user, registered
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()

    anna, _john = as_dicts(read_xlsx(download(editor_client, "xlsx")))

    assert anna["Status"] == "Confirmed"
    assert anna["Dietary needs"] == "Veģetārs"
    assert anna["Needs a parking space"] == "Yes"
    assert anna["Name and surname"] == "Anna Bērziņa"


def test_times_are_riga_time_to_the_minute(editor_client, registered):
    csv_rows = as_dicts(read_csv(download(editor_client, "csv")))
    xlsx_rows = as_dicts(read_xlsx(download(editor_client, "xlsx")))

    assert csv_rows[0]["Pieteikšanās laiks"] == "2026-12-01 12:30"
    assert xlsx_rows[0]["Pieteikšanās laiks"] == "2026-12-01 12:30"


def test_xlsx_holds_the_same_table_as_the_csv(editor_client, registered):
    xlsx_rows = read_xlsx(download(editor_client, "xlsx"))
    csv_rows = read_csv(download(editor_client, "csv"))

    assert [[str(value) for value in row] for row in xlsx_rows] == csv_rows


def test_an_answer_to_a_removed_question_keeps_its_column(editor_client, workshop):
    take(workshop, answers={"Izmērs": "M"})

    [anna] = as_dicts(read_csv(download(editor_client, "csv")))

    assert anna["Izmērs"] == "M"


def test_answers_that_look_like_formulas_stay_text(editor_client, registered):
    take(
        registered,
        "Pēteris",
        "peteris@example.com",
        answers={"Ēdienu ierobežojumi": "=cmd|' /C calc'!A0"},
    )

    rows = as_dicts(read_csv(download(editor_client, "csv")))
    sheet = load_workbook(io.BytesIO(download(editor_client, "xlsx").content)).active

    assert rows[-1]["Ēdienu ierobežojumi"] == "'=cmd|' /C calc'!A0"
    [answer] = [c for c in sheet[sheet.max_row] if str(c.value).startswith("'=")]
    assert answer.data_type == "s"


def test_the_listing_shows_labelled_download_buttons(editor_client, registered):
    html = editor_client.get(reverse("event_registrations:index")).content.decode()

    assert "Lejupielādēt XLSX" in html and "Lejupielādēt CSV" in html
    assert "?export=xlsx" in html and "?export=csv" in html
