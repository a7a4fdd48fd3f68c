"""The widget's texts endpoint, the demo page under a strict CSP, and the widget files."""

import gzip
import re

import pytest
import textstat

from bot import ROOT
from bot.i18n import LANGUAGES
from bot.widget_strings import WIDGET_STRINGS

WIDGET = ROOT / "web_widget"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_strings_in_every_language(client, lang):
    r = client.get("/api/v1/widget/strings", params={"language": lang})
    assert r.status_code == 200
    data = r.json()
    assert data["language"] == lang
    assert data["dir"] == ("rtl" if lang == "ar" else "ltr")
    assert [x["code"] for x in data["languages"]] == list(LANGUAGES)
    assert data["events"] is True  # GET /api/v1/conversations/{id}/events
    strings = data["strings"]
    assert set(strings) == set(WIDGET_STRINGS)
    assert all(s.strip() for s in strings.values())
    # The profile is filled in; only the staff name is left for the widget.
    assert "14 0123" in strings["unavailable"] and "112" in strings["emergency"]
    assert "Gemeente Voorbeeld" in strings["region"]
    assert "{name}" in strings["staff"]
    assert not [s for k, s in strings.items() if k != "staff" and "{" in s]
    if lang != "nl":
        assert strings["send"] != WIDGET_STRINGS["send"]


def test_unknown_language_falls_back_to_dutch(client):
    data = client.get("/api/v1/widget/strings", params={"language": "xx"}).json()
    assert data["language"] == "nl" and data["strings"]["send"] == "Verstuur"
    assert client.get("/api/v1/widget/strings").json()["language"] == "nl"


def test_dutch_widget_texts_are_short_and_plain():
    textstat.set_lang("nl")
    for key, text in WIDGET_STRINGS.items():
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            assert len(sentence.split()) <= 12, f"{key}: {sentence!r}"
        # Sentences (not labels, where the score means little) read "fairly easy" or better.
        if text.endswith((".", "?")) and len(text.split()) >= 4:
            assert textstat.flesch_reading_ease(text) >= 60, key


def test_fallback_texts_in_the_script_are_the_dutch_msgids():
    js = (WIDGET / "widget.js").read_text()
    block = re.search(r"var FALLBACK = \{(.*?)\};", js, re.S).group(1)
    pairs = dict(re.findall(r'(\w+): "([^"]*)"', block))
    assert len(pairs) >= 8
    for key, text in pairs.items():
        assert WIDGET_STRINGS[key] == text, key


def test_landing_page_has_no_inline_script_or_style_and_a_strict_csp(client):
    r = client.get("/")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = r.text
    assert re.findall(r"<script\b[^>]*>", html) == [
        '<script src="/widget/widget.js" data-locale="nl" async>']
    assert " style=" not in html and "<style" not in html
    assert 'class="voorbeeld-theme page"' in html
    for path in ("/widget/widget.js", "/widget/widget.css", "/static/nlds/voorbeeld-theme.css",
                 "/static/landing.css"):
        assert client.get(path).status_code == 200, path


def test_widget_makes_no_third_party_requests_and_stays_small():
    js = (WIDGET / "widget.js").read_text()
    css = (WIDGET / "widget.css").read_text()
    assert not re.search(r"https?://", js.split("*/", 1)[1])  # only the server it is given
    assert "url(" not in css and "@import" not in css
    assert "innerHTML" not in js and "eval(" not in js
    size = len(gzip.compress(js.encode(), 9)) + len(gzip.compress(css.encode(), 9))
    assert size < 30_000, f"widget is {size} bytes gzipped"
