"""Query clean-up and highlighted snippets that ignore Latvian diacritics."""

import re
import unicodedata

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220

# Letters of any script, digits, and the joiners that occur inside words.
WORD = re.compile(r"[\w'’-]+", re.UNICODE)


def clean_query(raw):
    """The words of a visitor's query, without operators or control characters.

    The search backends give characters such as " * : ( ) a meaning of their own; a
    visitor typing them means nothing by it, so only words are searched.
    Returns (query, was_shortened).
    """
    raw = (raw or "").strip()
    shortened = len(raw) > MAX_QUERY_LENGTH
    kept = raw[:MAX_QUERY_LENGTH]
    if shortened and not raw[MAX_QUERY_LENGTH].isspace():
        kept = kept.rsplit(None, 1)[0] if " " in kept.strip() else kept  # no half word
    words = []
    for word in WORD.findall(kept):
        word = word.strip("'’-")
        if word.strip("_") and word not in words:
            words.append(word)
    return " ".join(words), shortened


def fold(text):
    """Lower case without diacritics: 'Ūdens' -> 'udens'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _folded_with_positions(text):
    """The folded text and, for each folded character, its index in `text`."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded.append(folded_char)
            positions.append(index)
    return "".join(folded), positions


def highlight(text, query, length=SNIPPET_LENGTH):
    """A window of `text` around the first match, matches wrapped in <mark>."""
    text = " ".join(strip_tags(text or "").split())
    terms = [fold(term) for term in query.split() if term]
    if not text:
        return ""
    folded, positions = _folded_with_positions(text)
    spans = []
    for term in terms:
        for match in re.finditer(re.escape(term), folded):
            start = positions[match.start()]
            end = positions[match.end() - 1] + 1
            spans.append((start, end))
    spans.sort()
    first = spans[0][0] if spans else 0
    window_start = max(0, first - length // 3)
    window_end = min(len(text), window_start + length)
    parts, cursor = [], window_start
    for start, end in spans:
        if start < cursor or end > window_end:
            continue
        parts += [
            escape(text[cursor:start]),
            "<mark>",
            escape(text[start:end]),
            "</mark>",
        ]
        cursor = end
    parts.append(escape(text[cursor:window_end]))
    prefix = "… " if window_start > 0 else ""
    suffix = " …" if window_end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - parts escaped above
