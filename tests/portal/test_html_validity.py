"""Every page of every site, in both languages, is valid HTML for the Nu Html Checker
(vnu.jar, run with Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.crawl import count_by_site_and_language, crawl
from tests.processes import PROJECT_DIR

VNU_JAR = PROJECT_DIR / "node_modules/vnu-jar/build/dist/vnu.jar"
SENTINEL = "<!DOCTYPE html><html lang=lv><title>t</title><form action=''></form>"

pytestmark = pytest.mark.django_db


@pytest.fixture
def vnu():
    """Check HTML documents in one run of the checker: Java starts once for all."""
    missing = [
        name
        for name, present in (
            ("java", shutil.which("java")),
            ("vnu.jar", VNU_JAR.exists()),
        )
        if not present
    ]
    if missing:
        message = f"{', '.join(missing)} missing (make install-dev installs vnu.jar)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)

    def check(paths):
        # The checker says nothing of a file it could not read (a file:// URI is
        # one): a document with a known error proves that it read the batch.
        sentinel = paths[0].parent / "sentinel.html"
        sentinel.write_text(SENTINEL, encoding="utf-8")
        result = subprocess.run(
            [
                shutil.which("java"),
                # Two small cores: a short-lived checker needs no tiered compiler.
                "-XX:TieredStopAtLevel=1",
                "-Xss4m",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--exit-zero-always",
                *map(str, [*paths, sentinel]),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        messages = json.loads(result.stderr)["messages"]
        read = {message.get("url") for message in messages}
        assert f"file:{sentinel}" in read, result.stderr[:2000]
        return [m for m in messages if m.get("url") != f"file:{sentinel}"]

    return check


def errors_by_page(vnu, documents, directory):
    """{page: [error lines]} for the documents the checker finds errors in."""
    files = {}
    for number, (url, html) in enumerate(sorted(documents.items())):
        target = directory / f"page-{number:04d}.html"
        target.write_text(html, encoding="utf-8")
        files[f"file:{target}"] = url
    found = {}
    for message in vnu([Path(name.removeprefix("file:")) for name in files]):
        if message["type"] == "error":
            url = files.get(message.get("url"), message.get("url"))
            line = f"line {message.get('lastLine')}: {message['message']}"
            found.setdefault(str(url), []).append(line)
    return found


def report(found):
    return "\n".join(
        f"{url}\n" + "\n".join(f"    {line}" for line in lines)
        for url, lines in sorted(found.items())
    )


def test_every_page_of_every_site_is_valid_html_in_both_languages(
    demo_network_once, client, vnu, tmp_path
):
    crawled = crawl(client)

    found = errors_by_page(vnu, crawled.documents, tmp_path)

    assert crawled.failures == []
    counts = count_by_site_and_language(crawled.documents)
    print("pages crawled per site and language:", counts)
    assert {language for _host, language in counts} == {"lv", "en"}
    assert len({host for host, _language in counts}) >= 3
    assert found == {}, report(found)


def test_the_check_reports_an_invalid_page_with_its_address(vnu, tmp_path):
    page = "<!DOCTYPE html><html lang=lv><title>t</title><h1>a</h1><h2>b</h2>"
    broken = "<!DOCTYPE html><html lang=lv><title>t</title><h1>a</h1><h3>b</h3>"
    found = errors_by_page(
        vnu, {"lit.localhost/ok/": page, "lit.localhost/bad/": broken}, tmp_path
    )
    assert list(found) == ["lit.localhost/bad/"]
    assert "skipping 1 heading level" in found["lit.localhost/bad/"][0]
