import pytest
from wagtail.models import Page, WorkflowState

from home.models import ContentPage

pytestmark = pytest.mark.django_db(transaction=True)


def test_lit_editor_submits_a_page_and_is_refused_on_a_liepaja_page(
    page, live_server, network, make_member, admin_login, screenshot
):
    make_member("lit-redaktore", "lit editors")
    lvt_page = network["lvt"].add_child(
        instance=ContentPage(title="LVT ekokodekss", slug="ekokodekss")
    )
    admin_login("lit-redaktore", "parole-123")

    page.goto(
        f"{live_server.url}/admin/pages/add/home/contentpage/{network['lit'].pk}/"
    )
    page.fill("#id_title", "Ūdens taupīšanas nedēļa")
    page.locator("[role=tab]").nth(1).click()  # the promote tab, whatever its label
    page.fill("#id_slug", "udens-taupisanas-nedela")
    page.click("footer .w-dropdown-button .w-dropdown__toggle")
    submit = page.locator("button[name='action-submit']")
    submit.wait_for(state="visible")
    with page.expect_navigation():
        submit.click()
    screenshot("school-editor-after-submit")
    assert page.url.endswith(f"/admin/pages/{network['lit'].pk}/")
    screenshot("school-editor-submitted")

    created = Page.objects.get(title="Ūdens taupīšanas nedēļa")
    assert created.get_parent().pk == network["lit"].pk
    assert not created.live
    state = WorkflowState.objects.get(object_id=str(created.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    page.goto(f"{live_server.url}/admin/pages/{lvt_page.pk}/edit/")
    screenshot("school-editor-refused")
    assert "/edit/" not in page.url
    assert page.get_by_text("Atvainojiet, jums nav piekļuves tiesību").is_visible()
    assert page.locator("#id_title").count() == 0
    assert "LVT ekokodekss" not in page.content()
