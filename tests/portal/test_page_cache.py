"""Anonymous visitors get pages from the cache until something is published."""

import pytest
from django.test import override_settings

from events.models import EventIndexPage
from home.models import EcoTheme, HomePage
from stories.models import GoodPracticeLibraryPage
from tests.factories import EventPageFactory, section
from tests.processes import clean_environment, run_python

pytestmark = [pytest.mark.django_db]

# LIT has a site of its own; its pages are served on that host.
LIT = {"HTTP_HOST": "lit.localhost"}


@pytest.fixture
def publish_event(network):
    def publish(title, **fields):
        fields.setdefault("registration_enabled", False)
        return EventPageFactory(
            parent=section(network["lit"], EventIndexPage), title=title, **fields
        )

    return publish


def test_a_second_anonymous_visit_is_served_from_the_cache(
    client, network, django_assert_num_queries
):
    first = client.get("/", **LIT)
    with django_assert_num_queries(0):
        second = client.get("/", **LIT)

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_each_language_and_host_has_its_own_copy(client, network):
    client.get("/")  # the hub's home page, at the same path on another host

    english = client.get("/en/", **LIT)
    own_site = client.get("/", **LIT)

    assert english["X-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()
    assert own_site["X-Cache"] == "miss"


def test_a_published_change_shows_on_the_next_visit(client, network):
    lit = network["lit"]
    client.get("/", **LIT)

    lit.intro = "<p>Mēs šķirojam atkritumus kopš 2010. gada.</p>"
    lit.save_revision().publish()
    response = client.get("/", **LIT)

    assert response["X-Cache"] == "miss"
    assert "Mēs šķirojam atkritumus kopš 2010. gada." in response.content.decode()


def test_a_published_event_appears_on_the_hub_and_leaves_it_when_unpublished(
    client, network, publish_event
):
    assert "Upcoming events" not in client.get("/en/").content.decode()
    client.get("/")

    event = publish_event("Ūdens diena skolā")
    shown = client.get("/").content.decode()
    event.unpublish()
    after = client.get("/").content.decode()

    assert "Ūdens diena skolā" in shown
    assert "Ūdens diena skolā" not in after


def test_saved_school_settings_show_on_cached_pages(client, network):
    client.get("/", HTTP_HOST="lit.localhost")
    settings = network["lit"].site_settings
    settings.address = "Varšavas iela 24/26, Daugavpils"
    settings.save()

    html = client.get("/", HTTP_HOST="lit.localhost").content.decode()

    assert "Varšavas iela 24/26, Daugavpils" in html


def test_a_new_theme_appears_among_the_library_filters(client, network):
    hub = HomePage.objects.get(locale__language_code="lv")
    library = GoodPracticeLibraryPage(title="Labās prakses bibliotēka", slug="prakse")
    hub.add_child(instance=library)
    library.save_revision().publish()
    client.get("/prakse/")

    EcoTheme.objects.create(name="Klimata pārmaiņas", slug="klimats", locale=hub.locale)
    html = client.get("/prakse/").content.decode()

    assert '<option value="klimats">Klimata pārmaiņas</option>' in html


def test_anonymous_pages_may_be_kept_by_browsers_and_shared_caches(client, network):
    response = client.get("/", **LIT)

    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=300"}
    assert response["ETag"]


def test_a_page_the_visitor_already_has_answers_304(client, network):
    etag = client.get("/", **LIT)["ETag"]

    fresh = client.get("/", **LIT, HTTP_IF_NONE_MATCH=etag)
    stale = client.get("/", **LIT, HTTP_IF_NONE_MATCH='"something-older"')

    assert fresh.status_code == 304
    assert fresh.content == b""
    assert stale.status_code == 200


def test_signed_in_users_never_get_cached_html(client, network, make_member):
    client.get("/", **LIT)
    client.force_login(make_member("lit-redaktore", "lit editors"))

    response = client.get("/", **LIT)

    assert "X-Cache" not in response
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= directives
    assert "public" not in directives


def test_what_a_signed_in_user_sees_is_not_cached_for_others(
    client, network, make_member
):
    editor = client.__class__()
    editor.force_login(make_member("lit-redaktore", "lit editors"))
    editor.get("/", **LIT)

    response = client.get("/", **LIT)

    assert response["X-Cache"] == "miss"


def test_a_visitor_with_a_messages_cookie_gets_a_fresh_page(client, network):
    client.get("/", **LIT)
    client.cookies["messages"] = "a-message"

    response = client.get("/", **LIT)

    assert "X-Cache" not in response


def test_a_page_with_a_form_is_not_shared_between_visitors(
    client, network, publish_event
):
    event = publish_event("Radošā darbnīca", registration_enabled=True, capacity=20)
    other = client.__class__()

    first = client.get(event.url, HTTP_HOST="lit.localhost")
    second = other.get(event.url, HTTP_HOST="lit.localhost")

    assert 'name="csrfmiddlewaretoken"' in second.content.decode()
    assert "X-Cache" not in second
    assert "private" in second["Cache-Control"]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_a_cached_page_carries_a_policy_it_obeys(client, network):
    settings = network["lit"].site_settings
    settings.brand_colour = "#0b4f6c"
    settings.save()
    client.get("/", HTTP_HOST="lit.localhost")

    response = client.get("/", HTTP_HOST="lit.localhost")

    assert response["X-Cache"] == "hit"
    assert "nonce" not in response.content.decode()
    assert "nonce" not in response["Content-Security-Policy"]
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_brand_colour_stylesheet_is_kept_for_long(client, network):
    settings = network["lit"].site_settings
    settings.brand_colour = "#0b4f6c"
    settings.save()

    response = client.get(f"/school-colours/{settings.site_id}.css?v=0b4f6c")
    missing = client.get(f"/school-colours/{network['lvt'].get_site().pk}.css")

    assert response.content == b".site-header { background: #0b4f6c; }\n"
    assert "immutable" in response["Cache-Control"]
    assert missing.status_code == 404


def test_the_admin_is_never_cached(client, network):
    client.get("/admin/login/")

    response = client.get("/admin/login/")

    assert "X-Cache" not in response


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_timeout_of_zero_switches_the_cache_off(client, network):
    client.get("/", **LIT)

    response = client.get("/", **LIT)

    assert "X-Cache" not in response


@pytest.mark.integration
def test_processes_sharing_redis_share_the_generation(
    client, network, redis_url, tmp_path
):
    import redis

    from home import caching

    # The other process runs the development settings: Redis with prefix "portal".
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "portal",
        }
    }
    server = redis.Redis.from_url(redis_url)
    # Keys other processes left under this prefix (site roots, generations)
    # describe pages of another database.
    for key in server.scan_iter("portal:*"):
        server.delete(key)
    other_process = (
        "import django; django.setup()\n"
        "from home import caching\n"
        "print(caching.current_generation())\n"
        "caching.bump_generation()\n"
    )
    env = clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        REDIS_URL=redis_url,
        PORTAL_VAR_DIR=tmp_path,
    )
    try:
        with override_settings(CACHES=caches):
            client.get("/", **LIT)
            hit = client.get("/", **LIT)
            generation = caching.current_generation()
            result = run_python(other_process, env)
            after = client.get("/", **LIT)
    finally:
        for pattern in ("portal:1:page:*", "portal:1:listing:*"):
            for key in server.scan_iter(pattern):
                server.delete(key)

    assert result.returncode == 0, result.stderr
    assert hit["X-Cache"] == "hit"
    assert int(result.stdout.split()[-1]) == generation
    assert after["X-Cache"] == "miss"
