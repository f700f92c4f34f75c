"""The Wagtail and wagtail-localize admin strings that Latvian editors would read in
English: every msgid of the installed apps' English catalogues that neither the
package's own Latvian catalogue nor `locale/vendor/lv` translates.

    .venv/bin/python scripts/admin_msgids.py            # share translated, per domain
    .venv/bin/python scripts/admin_msgids.py --missing djangojs > missing.po

The tests in tests/portal/test_admin_translations.py use the same functions, so the
share they require is the share this prints.
"""

import argparse
import importlib.util
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

PROJECT_DIR = Path(__file__).resolve().parent.parent
VENDOR_DIR = PROJECT_DIR / "locale" / "vendor" / "lv" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")

# The wagtail.* and wagtail_localize apps of INSTALLED_APPS (portal/settings/base.py);
# read from the settings module's text so the script runs without Django set up.
VENDOR_PREFIXES = ("wagtail", "wagtail_localize")


def vendor_apps():
    settings = (PROJECT_DIR / "portal" / "settings" / "base.py").read_text()
    start = settings.index("INSTALLED_APPS = [")
    block = settings[start : settings.index("]", start)]
    names = [line.strip().strip('",') for line in block.splitlines()[1:]]
    return [n for n in names if n.split(".")[0] in VENDOR_PREFIXES]


def app_locale_dir(app):
    spec = importlib.util.find_spec(app)
    return Path(spec.origin).parent / "locale"


def read(path):
    with path.open("rb") as handle:
        return read_po(handle, locale="lv" if "/lv/" in str(path) else None)


def key(message):
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return (message.context, msgid)


def is_translated(message):
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def english_messages(domain):
    """(app, message) for every msgid of the installed vendor apps in one domain."""
    found = {}
    for app in vendor_apps():
        path = app_locale_dir(app) / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        for message in read(path):
            if message.id and key(message) not in found:
                found[key(message)] = (app, message)
    return found


def latvian_translations(domain, include_vendor=True):
    """Merged Latvian translations, the vendor catalogue taking precedence as it does
    under LOCALE_PATHS."""
    merged = {}
    for app in vendor_apps():
        path = app_locale_dir(app) / "lv" / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            for message in read(path):
                if message.id and is_translated(message):
                    merged.setdefault(key(message), message)
    vendor = VENDOR_DIR / f"{domain}.po"
    if include_vendor and vendor.exists():
        for message in read(vendor):
            if message.id and is_translated(message):
                merged[key(message)] = message
    return merged


def missing(domain, include_vendor=True):
    translations = latvian_translations(domain, include_vendor)
    return [
        (app, message)
        for k, (app, message) in english_messages(domain).items()
        if k not in translations
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", choices=DOMAINS, help="print a .po of these")
    parser.add_argument(
        "--without-vendor", action="store_true", help="ignore locale/vendor"
    )
    args = parser.parse_args()
    include_vendor = not args.without_vendor
    if args.missing:
        catalog = Catalog(locale="lv")
        for app, message in missing(args.missing, include_vendor):
            catalog.add(
                message.id,
                ("", "", "") if message.pluralizable else "",
                auto_comments=[app],
                context=message.context,
            )
        write_po(sys.stdout.buffer, catalog, omit_header=True, width=0)
        return
    for domain in DOMAINS:
        total = len(english_messages(domain))
        left = len(missing(domain, include_vendor))
        print(f"{domain}: {total - left}/{total} translated, {left} missing")


if __name__ == "__main__":
    main()
