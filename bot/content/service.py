"""Plain functions over the store for answer content: state, save, publish, restore,
the text the bot says, feedback and unanswered questions."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bot.content import markdown
from bot.i18n import LANGUAGES, gettext
from bot.privacy import redact
from bot.stores.base import ContentVersion, Feedback, Store, Unanswered
from bot.topics import ANSWERS, LINKS, NEXT_STEPS, TOPICS

STATUSES = ("draft", "published", "needs_review", "unpublished")
SAVE_STATUSES = ("draft", "needs_review")
INITIAL_AUTHOR = "initiële inhoud"
# Topics whose initial answer is itself the next step (the contact details, privacy).
NEXT_STEPS_DEFAULT = {"contact": "none", "privacy": "none"}


class ContentError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class TopicState:
    topic: str
    language: str
    latest: ContentVersion | None = None
    published: ContentVersion | None = None  # what residents get now
    status: str = "missing"  # missing | draft | published | needs_review | unpublished
    notes: list[str] = field(default_factory=list)
    dutch: ContentVersion | None = None  # the published Dutch text, beside a translation


def is_key(topic: str, language: str) -> bool:
    return topic in TOPICS and language in LANGUAGES


def _check_key(topic: str, language: str) -> None:
    if topic not in TOPICS:
        raise KeyError(f"unknown topic {topic!r}")
    if language not in LANGUAGES:
        raise KeyError(f"unknown language {language!r}")


def _published(versions: list[ContentVersion]) -> ContentVersion | None:
    """The newest publish or unpublish decides; drafts never reach residents."""
    for v in versions:  # newest first
        if v.status == "published":
            return v
        if v.status == "unpublished":
            return None
    return None


def _ordered(versions: list[ContentVersion]) -> list[ContentVersion]:
    return sorted(versions, key=lambda v: v.version, reverse=True)


def state(store: Store, topic: str, language: str,
          versions: list[ContentVersion] | None = None,
          dutch_published: ContentVersion | None = None) -> TopicState:
    """`versions` and `dutch_published` may be given by a caller that read them already."""
    _check_key(topic, language)
    versions = _ordered(versions if versions is not None
                        else store.list_content_versions(topic, language))
    if language != "nl" and dutch_published is None:
        dutch_published = _published(history(store, topic, "nl"))
    st = TopicState(topic, language, dutch=dutch_published if language != "nl" else None)
    if not versions:
        return st
    st.latest, st.published = versions[0], _published(versions)
    st.status = st.latest.status
    if st.status == "published" and language != "nl" and dutch_published is not None \
            and dutch_published.at > st.latest.at:
        # The Dutch text changed after this translation was published.
        st.status = "needs_review"
        st.notes.append("De Nederlandse tekst is later aangepast.")
    return st


def overview(store: Store) -> dict[str, dict[str, TopicState]]:
    """{topic: {language: state}} for the editor's table, in one read."""
    by_key: dict[tuple[str, str], list[ContentVersion]] = {}
    for v in store.list_content_versions():
        by_key.setdefault((v.topic, v.language), []).append(v)
    table = {}
    for topic in TOPICS:
        nl = _published(_ordered(by_key.get((topic, "nl"), [])))
        table[topic] = {lang: state(store, topic, lang, by_key.get((topic, lang), []), nl)
                        for lang in LANGUAGES}
    return table


def history(store: Store, topic: str, language: str) -> list[ContentVersion]:
    _check_key(topic, language)
    return _ordered(store.list_content_versions(topic, language))


def _clean_links(links: list[dict]) -> list[dict[str, str]]:
    out = []
    for link in links or []:
        title = " ".join(str(link.get("title") or "").split())
        url = str(link.get("url") or "").strip()
        if title or url:
            out.append({"title": title, "url": url})
    return out


def save(store: Store, topic: str, language: str, body: str, links: list[dict],
         next_step: str, status: str, author: str, note: str = "") -> ContentVersion:
    """Every save is a new version; `status` may be draft, needs_review or published."""
    _check_key(topic, language)
    body, links = markdown.clean(body), _clean_links(links)
    problems = markdown.problems(body, links)
    if next_step not in NEXT_STEPS:
        problems.append(f"Onbekende volgende stap {next_step!r}.")
    if status not in (*SAVE_STATUSES, "published"):
        problems.append(f"Onbekende status {status!r}.")
    if problems:
        raise ContentError(problems)
    return store.add_content_version(ContentVersion(
        topic=topic, language=language, body=body, links=links, next_step=next_step,
        status=status, author=author, note=note))


def publish(store: Store, topic: str, language: str, author: str,
            version: int | None = None) -> ContentVersion:
    """Publishes the newest version (or `version`) as a new version."""
    source = _pick(store, topic, language, version)
    return save(store, topic, language, source.body, source.links, source.next_step,
                "published", author,
                note=f"gepubliceerd (versie {source.version})" if version else "gepubliceerd")


def unpublish(store: Store, topic: str, language: str, author: str) -> ContentVersion:
    source = _pick(store, topic, language, None)
    return store.add_content_version(ContentVersion(
        topic=topic, language=language, body=source.body, links=source.links,
        next_step=source.next_step, status="unpublished", author=author,
        note="niet meer gepubliceerd"))


def restore(store: Store, topic: str, language: str, version: int,
            author: str) -> ContentVersion:
    """Brings an old text back as a new draft (publishing is a separate step)."""
    source = _pick(store, topic, language, version)
    return save(store, topic, language, source.body, source.links, source.next_step,
                "draft", author, note=f"teruggezet van versie {version}")


def _pick(store: Store, topic: str, language: str, version: int | None) -> ContentVersion:
    versions = history(store, topic, language)
    if not versions:
        raise LookupError(f"no content for {topic}/{language}")
    if version is None:
        return versions[0]
    for v in versions:
        if v.version == version:
            return v
    raise LookupError(f"no version {version} of {topic}/{language}")


def seed(store: Store) -> int:
    """Initial content from the catalogs for every topic and language without any."""
    have = {(v.topic, v.language) for v in store.list_content_versions()}
    added = 0
    for topic in TOPICS:
        for lang in LANGUAGES:
            if (topic, lang) in have:
                continue
            links = [{"title": gettext(lang, title), "url": url} for title, url in LINKS[topic]]
            store.add_content_version(ContentVersion(
                topic=topic, language=lang, body=gettext(lang, ANSWERS[topic]), links=links,
                next_step=NEXT_STEPS_DEFAULT.get(topic, "questionnaire"), status="published",
                author=INITIAL_AUTHOR, note="initiële inhoud"))
            added += 1
    return added

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Profile facts into the text; unknown {names} stay as typed (no format errors)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unknown_placeholders(text: str, values: dict[str, str]) -> list[str]:
    """{names} in a text that the profile does not know (probably a typo)."""
    return sorted({m.group(1) for m in _PLACEHOLDER.finditer(text)} - set(values))


def answer(store: Store, topic: str, language: str) -> ContentVersion | None:
    """What residents get now: the published version, or None."""
    return _published(history(store, topic, language))


# --- learning loop ---------------------------------------------------------------

def add_feedback(store: Store, topic: str, language: str, helpful: bool) -> None:
    _check_key(topic, language)
    store.add_feedback(Feedback(topic=topic, language=language, helpful=helpful))


def feedback_counts(store: Store) -> dict[str, dict[str, int]]:
    """{topic: {"helpful": n, "not_helpful": n}}."""
    counts: dict[str, Counter] = {}
    for f in store.list_feedback():
        counts.setdefault(f.topic, Counter())["helpful" if f.helpful else "not_helpful"] += 1
    return {t: {"helpful": c["helpful"], "not_helpful": c["not_helpful"]}
            for t, c in counts.items()}


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)(?:\+|00)?\d[\d\s().-]{7,}\d(?!\w)")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b")
_LONG_NUMBER = re.compile(r"\d{5,}")


def redact_personal(text: str) -> str:
    """BSN, IBAN, e-mail, phone numbers, postcodes and long numbers out. Names cannot be
    found reliably; the editor shows these texts only to communicatie staff."""
    text, _ = redact(text)
    text = _EMAIL.sub("[e-mail]", text)
    text = _PHONE.sub("[nummer]", text)
    text = _POSTCODE.sub("[postcode]", text)
    return _LONG_NUMBER.sub("[nummer]", text)[:300]


def add_unanswered(store: Store, text: str, language: str) -> None:
    store.add_unanswered(Unanswered(text=redact_personal(text), language=language))
