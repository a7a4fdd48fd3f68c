"""Every resident-facing string is in the catalogs, and rendering falls back to Dutch."""

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot import ROOT
from bot.i18n import gettext, normalise_language


def _extracted() -> set[str]:
    ids = set()
    for folder in ("bot", "actions"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords={"N_": None}):
            ids.add(message)
    return ids


def test_catalog_template_is_up_to_date_with_the_code():
    with open(ROOT / "locales" / "messages.pot", "rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    missing = _extracted() - template
    assert not missing, f"run `make i18n`; not in locales/messages.pot: {sorted(missing)[:5]}"


def test_dutch_catalog_covers_the_template():
    with open(ROOT / "locales" / "messages.pot", "rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    with open(ROOT / "locales" / "nl" / "LC_MESSAGES" / "messages.po", "rb") as fh:
        dutch = {m.id for m in read_po(fh) if m.id}
    assert template <= dutch


def test_language_negotiation_and_fallback():
    assert normalise_language("en-GB,en;q=0.8") == "en"
    assert normalise_language("xx") == "nl"
    assert normalise_language(None) == "nl"
    assert gettext("pl", "Ja") == "Tak"
    assert gettext("pl", "niet in de catalogus") == "niet in de catalogus"  # Dutch, never empty


def test_every_message_exists_in_every_language_with_the_same_placeholders():
    from bot.i18n import LANGUAGES
    from bot.i18n_report import check

    for lang in LANGUAGES:
        problems = check(lang)
        assert not problems["missing"], f"{lang} misses {problems['missing'][:3]}"
        assert not problems["fuzzy"], f"{lang} has fuzzy entries {problems['fuzzy'][:3]}"
        assert not problems["placeholders"], f"{lang}: {problems['placeholders'][:3]}"
