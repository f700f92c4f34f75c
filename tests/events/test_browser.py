"""A visitor registers for a workshop in a real browser, then cancels by the link."""

import pytest

from events.models import EventPage, Registration

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_register_see_confirmation_cancel_and_the_seat_comes_back(
    live_server, workshop_en, page
):
    workshop = workshop_en
    page.goto(live_server.url + workshop.url)
    assert page.locator(".seats").inner_text().startswith("20")

    page.get_by_label("Name and surname").fill("Anna Bērziņa")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("#id_email").fill("anna@example.com")
    page.locator("#id_organisation").fill("Daugavpils Saskaņas pamatskola")
    page.locator("#id_participants").fill("2")
    page.locator("#id_consent").check()
    page.locator("form.form button[type=submit]").click()

    page.wait_for_selector(".personal-link")
    assert Registration.objects.get().status == "confirmed"
    assert EventPage.objects.get(pk=workshop.pk).seats_left == 18
    personal_link = page.locator(".personal-link").inner_text()

    page.goto(personal_link)
    page.locator("input[name=action][value=cancel] + button").click()
    page.wait_for_selector(".registration-status")

    assert Registration.objects.get().status == "cancelled"
    page.goto(live_server.url + workshop.url)
    assert page.locator(".seats").inner_text().startswith("20")
