import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Collection, Page, Site

from home.models import ContentPage, SchoolPage

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def run_create_school(*args):
    out = io.StringIO()
    call_command("create_school", *args, stdout=out)
    return out.getvalue()


def test_create_school_sets_up_pages_site_collection_groups_and_workflow(network):
    output = run_create_school(
        "--name",
        "Rīgas 45. vidusskola",
        "--slug",
        "r45",
        "--hostname",
        "r45.ekoskolas.lv",
        "--city",
        "Rīga",
    )

    school = SchoolPage.objects.get(slug="r45", locale__language_code="lv")
    english = school.get_translation(
        school.locale.__class__.objects.get(language_code="en")
    )
    site = Site.objects.get(hostname="r45.ekoskolas.lv")
    assert "Rīgas 45. vidusskola is ready" in output
    assert school.live and english.live
    assert school.city == "Rīga"
    assert site.root_page.specific == school
    assert Collection.objects.filter(name="Rīgas 45. vidusskola").exists()
    editors = Group.objects.get(name="r45 editors")
    moderators = Group.objects.get(name="r45 moderators")
    assert {p.permission.codename for p in editors.page_permissions.all()} == {
        "add_page",
        "change_page",
    }
    assert "publish_page" in {
        p.permission.codename for p in moderators.page_permissions.all()
    }
    assert {p.page_id for p in editors.page_permissions.all()} == {
        school.pk,
        english.pk,
    }
    assert school.get_workflow().name == "Rīgas 45. vidusskola: moderācija"


def test_create_school_twice_changes_nothing(network):
    args = (
        "--name",
        "Rīgas 45. vidusskola",
        "--slug",
        "r45",
        "--hostname",
        "r45.lv",
        "--city",
        "Rīga",
    )
    run_create_school(*args)
    counts = (
        Page.objects.count(),
        Site.objects.count(),
        Collection.objects.count(),
        Group.objects.count(),
        sum(g.page_permissions.count() for g in Group.objects.all()),
    )

    run_create_school(*args)

    assert (
        Page.objects.count(),
        Site.objects.count(),
        Collection.objects.count(),
        Group.objects.count(),
        sum(g.page_permissions.count() for g in Group.objects.all()),
    ) == counts


def test_create_school_without_hostname_lives_under_the_hub_only(network, client):
    run_create_school(
        "--name",
        "Ventspils Valsts 1. ģimnāzija",
        "--slug",
        "vv1g",
        "--city",
        "Ventspils",
    )

    assert not Site.objects.filter(root_page__slug="vv1g").exists()
    assert client.get("/vv1g/").status_code == 200


def test_create_school_refuses_a_hostname_of_another_school(network):
    with pytest.raises(CommandError, match="jau ir vietnes"):
        run_create_school(
            "--name",
            "Cita skola",
            "--slug",
            "cita",
            "--hostname",
            "lit.localhost",
            "--city",
            "Rēzekne",
        )
    assert not SchoolPage.objects.filter(slug="cita").exists()


def test_create_school_refuses_a_slug_taken_by_another_page_type(network):
    hub = network["lit"].get_parent()
    hub.add_child(instance=ContentPage(title="Par programmu", slug="par"))

    with pytest.raises(CommandError, match="jau izmanto cita lapa"):
        run_create_school("--name", "Par skola", "--slug", "par", "--city", "Cēsis")


def test_create_school_reports_a_missing_city_by_its_field(network):
    with pytest.raises(
        CommandError, match="the following arguments are required: --city"
    ):
        run_create_school("--name", "Skola", "--slug", "skola")


def test_create_school_needs_the_network_home_page(db):
    with pytest.raises(CommandError, match="Tīkla sākumlapa vēl nav izveidota"):
        run_create_school("--name", "Skola", "--slug", "skola", "--city", "Cēsis")


def test_school_answers_on_its_own_hostname(network, client):
    response = client.get("/", HTTP_HOST="lit.localhost")

    assert response.status_code == 200
    assert "<h1>Latgales Industriālais tehnikums</h1>" in response.content.decode()


def test_hub_lists_member_schools_with_city_and_status(network, client):
    lit = network["lit"]
    lit.eco_status, lit.green_flag_year = SchoolPage.EcoStatus.GREEN_FLAG, 2025
    lit.save_revision().publish()

    html = client.get("/").content.decode()

    assert "Latgales Industriālais tehnikums" in html
    assert "Daugavpils" in html
    assert "Zaļais karogs 2025" in html
    assert "Liepājas Valsts tehnikums" in html


def test_school_pages_show_the_schools_contacts_from_its_site_settings(network, client):
    settings = network["lit"].site_settings
    settings.email, settings.phone = "ekopadome@lit.lv", "+371 65 400 000"
    settings.address, settings.brand_colour = (
        "Varšavas iela 24/26, Daugavpils",
        "#0b4f6c",
    )
    settings.save()

    html = client.get("/", HTTP_HOST="lit.localhost").content.decode()
    site_id = network["lit"].get_site().pk
    colours = client.get(f"/school-colours/{site_id}.css?v=0b4f6c")

    assert 'href="mailto:ekopadome@lit.lv"' in html
    assert "Varšavas iela 24/26, Daugavpils" in html
    assert f'href="/school-colours/{site_id}.css?v=0b4f6c"' in html
    assert ".site-header { background: #0b4f6c; }" in colours.content.decode()


def test_every_page_has_a_language_switcher_to_its_translation(network, client):
    html = client.get("/en/", HTTP_HOST="lit.localhost").content.decode()

    assert '<nav class="language-switcher"' in html
    assert 'href="/" hreflang="lv" lang="lv">Latviešu</a>' in html
    assert 'aria-current="true">English</a>' in html


def test_dates_are_in_latvian_format_and_riga_time(network, client):
    with time_machine.travel(datetime(2025, 10, 21, 22, 30, tzinfo=UTC), tick=False):
        network["lit"].save_revision().publish()

    latvian = client.get("/", HTTP_HOST="lit.localhost").content.decode()
    english = client.get("/en/", HTTP_HOST="lit.localhost").content.decode()

    # 22:30 UTC is already the next day in Riga.
    assert "2025. gada 22. oktobris" in latvian
    assert 'datetime="2025-10-22T01:30:00+03:00"' in latvian
    assert "Page updated" in english


def test_admin_speaks_latvian_by_default(network, make_member, client):
    client.force_login(make_member("lit-redaktore", "lit editors"))

    html = client.get("/admin/").content.decode()

    assert '<html lang="lv"' in html
    assert "Informācijas panelis" in html


def test_sitemaps_list_every_page_in_both_languages_with_alternates(network, client):
    hub = client.get("/sitemap.xml").content.decode()
    lit = client.get("/sitemap.xml", HTTP_HOST="lit.localhost").content.decode()

    # The hub's site is localhost:8000 in the demo network; a school with its own
    # site is listed there, under its own host name.
    for path in ("/", "/en/"):
        assert f"<loc>http://localhost:8000{path}</loc>" in hub
        assert f"<loc>http://lit.localhost{path}</loc>" in lit
    assert "/lit/" not in hub
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="http://lit.localhost/en/"/>'
        in lit
    )
