"""The small Markdown subset answers may use, and its checks.

Allowed: paragraphs (blank line), line breaks, **bold**, lists ("- "), and links
[text](https://…). Everything else stays literal text: the widget builds the answer
with DOM text nodes, so HTML or a script tag in content is shown, never run.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

MAX_BODY_CHARS = 1500
MAX_LINKS = 5
MAX_LINK_TITLE_CHARS = 80
LINK = re.compile(r"\[([^\]\n]{1,200})\]\(([^)\s]{1,500})\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def clean(body: str) -> str:
    """Unix line ends, no control characters, no trailing spaces."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = "".join(c for c in body if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return "\n".join(line.rstrip() for line in body.strip().split("\n"))


def safe_url(url: str) -> bool:
    """Only https links to a real host: no javascript:, data:, http: or relative links."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname) and "." in parts.hostname


def problems(body: str, links: list[dict[str, str]]) -> list[str]:
    """What stops a version from being saved, in words an editor understands."""
    found = []
    if not body.strip():
        found.append("De tekst is leeg.")
    if len(body) > MAX_BODY_CHARS:
        found.append(f"De tekst is {len(body)} tekens; het maximum is {MAX_BODY_CHARS}.")
    for m in LINK.finditer(body):
        if not safe_url(m.group(2)):
            found.append(f"Link '{m.group(1)}' moet beginnen met https:// ({m.group(2)[:60]}).")
    if len(links) > MAX_LINKS:
        found.append(f"Maximaal {MAX_LINKS} links.")
    for i, link in enumerate(links, 1):
        title, url = (link.get("title") or "").strip(), (link.get("url") or "").strip()
        if not title or not url:
            found.append(f"Link {i} heeft een titel én een adres nodig.")
        elif len(title) > MAX_LINK_TITLE_CHARS:
            found.append(f"De titel van link {i} is te lang (maximaal "
                         f"{MAX_LINK_TITLE_CHARS} tekens).")
        elif not safe_url(url):
            found.append(f"Link {i} moet beginnen met https:// ({url[:60]}).")
    return found


def notices(body: str) -> list[str]:
    """Things that are allowed but will not look as the editor may expect."""
    found = []
    if _HTML_TAG.search(body):
        found.append("HTML-code werkt niet in antwoorden; de chat toont het als gewone tekst.")
    if re.search(r"(?<!\()https?://", body) and not LINK.search(body):
        found.append("Zet een adres liever als link: [tekst](https://…) of onder 'Links'.")
    return found


def plain_text(body: str) -> str:
    """The words a resident reads (for readability and for clients without Markdown)."""
    text = LINK.sub(lambda m: m.group(1), body)
    text = BOLD.sub(lambda m: m.group(1), text)
    return re.sub(r"(?m)^\s*[-*]\s+", "", text)
