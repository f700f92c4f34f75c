"""SQL queries per page stay the same however much the network publishes.

The network is measured at two sizes: the larger one has more schools and four
times the events and stories in the school the pages show. The pages are those
`make bench` times (benchmark.targets), each on a cold cache.
"""

import pytest
from django.db import transaction

from benchmark.network import NetworkGenerator, NetworkSize, generate_network
from benchmark.targets import bench_targets, benchmarked_school, count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# What each page may cost at most; a page that needs more has a query in a loop.
QUERY_BUDGET = {
    "home": 55,
    "calendar": 40,
    "school_events": 45,
    "event": 42,
    "library": 40,
    # One query per page type among the results (Wagtail's specific()), so the
    # mix of the first results page moves the count within this budget.
    "search": 40,
    "api": 25,
    "ical": 20,
    "workshop": 45,
}
SMALL = NetworkSize(schools=2, events=40, stories=10, registrations=100)
GROWTH = NetworkSize(schools=2, events=120, stories=30, registrations=300)


@pytest.fixture(scope="module")
def counts_at_two_sizes(demo_network_once, django_db_blocker):
    # The generated network is rolled back after this module; the demo stays.
    with django_db_blocker.unblock(), transaction.atomic():
        generate_network(SMALL)
        small = count_queries(bench_targets())
        # More schools across the network, and more in the measured school itself.
        generate_network(GROWTH)
        generator = NetworkGenerator(GROWTH)
        school = benchmarked_school()
        generator.create_registrations(generator.create_events(school, GROWTH.events))
        generator.create_stories(school, GROWTH.stories)
        large = count_queries(bench_targets())
        yield small, large
        transaction.set_rollback(True)


@pytest.mark.parametrize("name", sorted(QUERY_BUDGET))
def test_page_answers_within_its_query_budget(counts_at_two_sizes, name):
    for measured in (sizes[name] for sizes in counts_at_two_sizes):
        assert measured.status == 200
        assert measured.queries <= QUERY_BUDGET[name]


@pytest.mark.parametrize("name", sorted(QUERY_BUDGET))
def test_page_shows_what_the_benchmark_times(counts_at_two_sizes, name):
    # A search that ignores its words, or an empty listing, would be fast for
    # the wrong reason.
    assert all(sizes[name].shows_content for sizes in counts_at_two_sizes)


@pytest.mark.parametrize("name", sorted(QUERY_BUDGET))
def test_page_queries_do_not_grow_with_content(counts_at_two_sizes, name):
    small, large = counts_at_two_sizes
    assert large[name].queries <= small[name].queries
