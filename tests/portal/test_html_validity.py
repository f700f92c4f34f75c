"""Every page type is valid HTML for the Nu Html Checker (vnu.jar, run with Java)."""

import io
import json
import shutil
import subprocess

import pytest
from django.core.management import call_command

from tests.conftest import IN_CI
from tests.pages import one_page_per_type
from tests.processes import PROJECT_DIR

VNU_JAR = PROJECT_DIR / "node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = pytest.mark.django_db


@pytest.fixture
def vnu():
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

    def check(files):
        result = subprocess.run(
            [
                shutil.which("java"),
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--exit-zero-always",
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return json.loads(result.stderr)["messages"]

    return check


def test_every_page_type_is_valid_html_in_both_languages(
    client, vnu, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    pages = one_page_per_type()
    files = {}
    for label, language, host, path in pages:
        response = client.get(path, HTTP_HOST=host or "localhost")
        assert response.status_code == 200, (label, language, path)
        target = tmp_path / f"{label}-{language}.html"
        target.write_bytes(response.content)
        files[target.as_uri()] = (label, language, path)

    messages = vnu(files)

    errors = [
        f"{files.get(m['url'], m['url'])}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert len(pages) >= 8
    assert errors == []
