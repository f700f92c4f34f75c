"""What every app's demo loader shares: its YAML files and the English translation.

Each app keeps its demo content in `APP/demo_data/*.yaml`. A text that is shown in
both languages is written there as a pair, `{lv: …, en: …}`; the Latvian text goes
into the page and the English one into its translation. Every demo page and
snippet gets its English version through `add_english`, and nowhere else.
"""

from pathlib import Path

import yaml

from home.translation import ensure_translation

LANGUAGES = {"lv", "en"}


def read_demo_data(app_file, name):
    """The YAML file `name` in the `demo_data` folder beside `app_file`."""
    path = Path(app_file).resolve().parent / "demo_data" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def is_pair(value):
    return isinstance(value, dict) and value.keys() == LANGUAGES


def lv(value):
    """The Latvian side of a pair; any other value as it is."""
    return value["lv"] if is_pair(value) else value


def english_strings(*values):
    """Every pair found in `values`, however deep, as {Latvian: English}."""
    strings = {}
    for value in values:
        if is_pair(value):
            strings[value["lv"]] = value["en"]
        elif isinstance(value, dict):
            strings |= english_strings(*value.values())
        elif isinstance(value, list):
            strings |= english_strings(*value)
    return strings


def add_english(instance, *values):
    """The English version of a page or snippet, from the pairs in `values`.

    Text without a pair stays Latvian. An existing translation is left as its
    editors made it, so loading the demo again changes nothing.
    """
    return ensure_translation(instance, "en", english_strings(*values))


def publish_child(parent, model, data, *english, **fields):
    """The page `data` describes under `parent`, created and published if missing,
    with its English version.

    `data` gives the page's `slug` and `title` (each a pair or one text) and, with
    `english`, the pairs that translate it; `fields` fill in the rest of a new page.
    """
    slug = lv(data["slug"])
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(
            instance=model(
                slug=slug,
                title=lv(data["title"]),
                locale=parent.locale,
                live=False,
                **fields,
            )
        )
        page.save_revision().publish()
    add_english(page, data, *english)
    return page


def paragraph(text):
    return f"<p>{lv(text)}</p>"


def html_list(items, tag="ul"):
    return f"<{tag}>" + "".join(f"<li>{lv(item)}</li>" for item in items) + f"</{tag}>"
