"""Content service over every store implementation."""

import pytest

from bot.content import service as content
from bot.i18n import LANGUAGES
from bot.stores import create_store
from bot.topics import TOPICS


@pytest.fixture(params=["memory", "sqlite"])
def store(request, tmp_path):
    s = create_store("memory://" if request.param == "memory" else f"sqlite:///{tmp_path}/c.db")
    yield s
    s.close()


def test_seed_gives_every_topic_in_every_language_once(store):
    assert content.seed(store) == len(TOPICS) * len(LANGUAGES)
    assert content.seed(store) == 0
    table = content.overview(store)
    assert all(table[t][lang].status == "published" for t in TOPICS for lang in LANGUAGES)
    ar = content.answer(store, "debt_help", "ar")
    assert ar.body != content.answer(store, "debt_help", "nl").body  # translated
    assert content.answer(store, "debt_help", "nl").links[0]["url"].startswith("https://")


def test_draft_does_not_reach_residents_publish_does(store):
    content.seed(store)
    first = content.answer(store, "debt_help", "nl")
    content.save(store, "debt_help", "nl", "Nieuwe tekst.", [], "questionnaire", "draft", "ans")
    assert content.answer(store, "debt_help", "nl").version == first.version
    assert content.state(store, "debt_help", "nl").status == "draft"
    published = content.publish(store, "debt_help", "nl", "ans")
    assert content.answer(store, "debt_help", "nl").body == "Nieuwe tekst."
    assert published.author == "ans" and published.status == "published"


def test_unpublish_and_restore_keep_every_version(store):
    content.seed(store)
    content.save(store, "privacy", "nl", "Tweede.", [], "none", "published", "ans")
    content.unpublish(store, "privacy", "nl", "ans")
    assert content.answer(store, "privacy", "nl") is None
    assert content.state(store, "privacy", "nl").status == "unpublished"
    content.restore(store, "privacy", "nl", 1, "bert")
    history = content.history(store, "privacy", "nl")
    assert [v.version for v in history] == [4, 3, 2, 1]
    assert history[0].status == "draft" and history[0].note == "teruggezet van versie 1"
    assert history[0].body == history[-1].body
    content.publish(store, "privacy", "nl", "bert")
    assert content.answer(store, "privacy", "nl").body == history[-1].body


def test_bad_content_is_refused_with_reasons(store):
    with pytest.raises(content.ContentError) as exc:
        content.save(store, "debt_help", "nl", "Zie [dit](javascript:alert(1))",
                     [{"title": "x", "url": "http://x.nl"}], "fly", "published", "ans")
    assert len(exc.value.problems) == 3
    assert content.history(store, "debt_help", "nl") == []
    with pytest.raises(KeyError):
        content.save(store, "no_topic", "nl", "x", [], "none", "draft", "ans")


def test_translation_needs_review_after_the_dutch_changes(store):
    content.seed(store)
    content.save(store, "debt_help", "nl", "Anders.", [], "questionnaire", "published", "ans")
    table = content.overview(store)
    assert table["debt_help"]["ar"].status == "needs_review"
    assert table["debt_help"]["nl"].status == "published"
    assert table["privacy"]["ar"].status == "published"


def test_feedback_counts_and_unanswered_are_redacted(store):
    content.add_feedback(store, "debt_help", "nl", True)
    content.add_feedback(store, "debt_help", "tr", False)
    content.add_feedback(store, "debt_help", "nl", True)
    assert content.feedback_counts(store) == {"debt_help": {"helpful": 2, "not_helpful": 1}}
    content.add_unanswered(store, "bel mij op 06 12345678 of mail jan@example.nl, "
                                  "ik woon op 1234 AB, bsn 111222333", "nl")
    text = store.list_unanswered()[0].text
    assert "12345678" not in text and "jan@example.nl" not in text and "1234 AB" not in text
    assert "111222333" not in text and "[e-mail]" in text


def test_placeholders_fill_and_unknown_stay_visible():
    values = {"phone": "14 0123"}
    assert content.fill_placeholders("Bel {phone} of {fone}.", values) == "Bel 14 0123 of {fone}."
    assert content.unknown_placeholders("Bel {phone} of {fone}.", values) == ["fone"]
