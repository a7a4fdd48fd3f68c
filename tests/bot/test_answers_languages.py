"""Free-text answers in the other supported languages (bot/lexicon/<lang>.yml)."""

import pytest

from bot import answers


@pytest.mark.parametrize("lang, text, who, relation", [
    ("en", "for my mum", "family", "mother"),
    ("en", "It's for myself", "self", None),
    ("en", "my neighbour", "other", "neighbour"),
    ("en", "I'm a social worker", "professional", None),
    ("en", "my daughter, she is 15", "family", "daughter"),
    ("en", "for my grandad", "family", "grandparent"),
    ("en", "my husband", "family", "partner"),
    ("en", "a friend of mine", "other", "friend"),
    ("ar", "لأمي", "family", "mother"),
    ("ar", "لنفسي", "self", None),
    ("ar", "جاري", "other", "neighbour"),
    ("ar", "أنا أخصائي اجتماعي", "professional", None),
    ("ar", "لابنتي عمرها 15 سنة", "family", "daughter"),
    ("ar", "جدتي", "family", "grandparent"),
    ("ar", "زوجي", "family", "partner"),
    ("ar", "لبابا", "family", "father"),
    ("tr", "annem için", "family", "mother"),
    ("tr", "kendim için", "self", None),
    ("tr", "komşum için", "other", "neighbour"),
    ("tr", "sosyal hizmet uzmanıyım", "professional", None),
    ("tr", "15 yaşındaki kızım", "family", "daughter"),
    ("tr", "babaannem", "family", "grandparent"),
    ("tr", "esim icin", "family", "partner"),
    ("tr", "oglum", "family", "son"),
    ("pl", "dla mojej mamy", "family", "mother"),
    ("pl", "dla siebie", "self", None),
    ("pl", "dla sąsiadki", "other", "neighbour"),
    ("pl", "jestem pracownikiem socjalnym", "professional", None),
    ("pl", "dla corki, ma 15 lat", "family", "daughter"),
    ("pl", "dla babci", "family", "grandparent"),
    ("pl", "dla męża", "family", "partner"),
    ("pl", "mój brat", "family", "sibling"),
    ("uk", "для моєї мами", "family", "mother"),
    ("uk", "для себе", "self", None),
    ("uk", "для сусіда", "other", "neighbour"),
    ("uk", "я соціальний працівник", "professional", None),
    ("uk", "для доньки, їй 15", "family", "daughter"),
    ("uk", "для бабусі", "family", "grandparent"),
    ("uk", "для чоловіка", "family", "partner"),
    ("uk", "для мамы", "family", "mother"),  # Russian
])
def test_for_whom(lang, text, who, relation):
    assert answers.for_whom(text, lang) == (who, relation)


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "my stepfather", "father"),
    ("en", "her parents", "parent"),
    ("en", "my nephew", "other_family"),
    ("ar", "أختي", "sibling"),
    ("ar", "ابني", "son"),
    ("tr", "yeğenim", "other_family"),
    ("tr", "ebeveynlerim", "parent"),
    ("pl", "wnuczka", "other_family"),
    ("pl", "mój syn", "son"),
    ("uk", "мій брат", "sibling"),
    ("uk", "онук", "other_family"),
    ("uk", "подруга", "friend"),
])
def test_relation(lang, text, expected):
    assert answers.relation(text, lang) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "money and housing, and I feel depressed",
     ["finances", "housing", "personal_wellbeing"]),
    ("en", "debts, my rent and I'm lonely", ["finances", "housing", "social_contact"]),
    ("en", "lost my job and trouble with the police", ["work_daytime", "justice"]),
    ("en", "my son's upbringing and his drinking", ["parenting_children", "addiction"]),
    ("ar", "فلوس وسكن ونفسيتي تعبانة", ["finances", "housing", "personal_wellbeing"]),
    ("ar", "ديون والإيجار وأنا وحيدة", ["finances", "housing", "social_contact"]),
    ("ar", "عندي ديون ومشاكل في الشغل", ["finances", "work_daytime"]),
    ("tr", "param yok, kira borcum var ve çok yalnızım",
     ["finances", "housing", "social_contact"]),
    ("tr", "ev işleri ve alışveriş, otobüse binemiyorum", ["household", "mobility"]),
    ("tr", "oğlum uyuşturucu kullanıyor, polis geldi",
     ["parenting_children", "addiction", "justice"]),
    ("pl", "długi, czynsz i depresja", ["finances", "housing", "personal_wellbeing"]),
    ("pl", "sprzatanie, zakupy i transport do lekarza", ["household", "mobility"]),
    ("pl", "straciłem pracę i mam problem z alkoholem", ["work_daytime", "addiction"]),
    ("uk", "гроші, житло і мені сумно", ["finances", "housing", "personal_wellbeing"]),
    ("uk", "борги, оренда і самотність", ["finances", "housing", "social_contact"]),
    ("uk", "втратив роботу і проблеми з алкоголем", ["work_daytime", "addiction"]),
    ("uk", "деньги, квартира и депрессия", ["finances", "housing", "personal_wellbeing"]),
])
def test_life_domains_several_in_one_answer(lang, text, expected):
    assert answers.life_domains(text, lang) == expected


@pytest.mark.parametrize("lang", ["en", "ar", "tr", "pl", "uk"])
def test_life_domains_nonsense_is_nothing(lang):
    assert answers.life_domains("xyzzy 12345", lang) == []


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "please call me", "phone"), ("en", "by email", "email"),
    ("en", "whatsapp is best", "whatsapp"),
    ("ar", "اتصلوا بي على الهاتف", "phone"), ("ar", "بالإيميل", "email"),
    ("ar", "واتساب", "whatsapp"),
    ("tr", "telefonla arayın", "phone"), ("tr", "e-posta", "email"),
    ("tr", "whatsapp'tan yazın", "whatsapp"),
    ("pl", "proszę zadzwonić", "phone"), ("pl", "mailem", "email"),
    ("pl", "przez whatsapp", "whatsapp"),
    ("uk", "подзвоніть мені", "phone"), ("uk", "на імейл", "email"), ("uk", "вотсап", "whatsapp"),
])
def test_channel(lang, text, expected):
    assert answers.channel(text, lang) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "yes please", "yes"), ("en", "yeah", "yes"), ("en", "nope", "no"),
    ("en", "not really", "no"), ("en", "I don't know", "unsure"), ("en", "not sure", "unsure"),
    ("ar", "نعم", "yes"), ("ar", "أيوه", "yes"), ("ar", "aywa", "yes"), ("ar", "لأ شكرا", "no"),
    ("ar", "la2", "no"), ("ar", "ما بعرف", "unsure"), ("ar", "مش متأكد", "unsure"),
    ("tr", "evet", "yes"), ("tr", "tamam", "yes"), ("tr", "hayir", "no"), ("tr", "hayır", "no"),
    ("tr", "bilmiyorum", "unsure"), ("tr", "emin degilim", "unsure"),
    ("pl", "tak", "yes"), ("pl", "jasne", "yes"), ("pl", "nie dziękuję", "no"),
    ("pl", "nie wiem", "unsure"), ("pl", "moze", "unsure"),
    ("uk", "так", "yes"), ("uk", "ага", "yes"), ("uk", "ні, дякую", "no"), ("uk", "нет", "no"),
    ("uk", "не знаю", "unsure"), ("uk", "не впевнена", "unsure"),
    ("en", "banana", None), ("tr", "muz", None), ("uk", "банан", None),
])
def test_yes_no(lang, text, expected):
    assert answers.yes_no(text, lang, unsure=True) == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "skip", True), ("en", "I'd rather not say", True), ("en", "next question", True),
    ("ar", "تخطي", True), ("ar", "ما بدي قول", True),
    ("tr", "atla", True), ("tr", "söylemek istemiyorum", True),
    ("pl", "pomiń", True), ("pl", "wole nie mowic", True),
    ("uk", "пропустити", True), ("uk", "не хочу казати", True),
    ("en", "my mum", False), ("ar", "أمي", False), ("tr", "annem", False),
    ("pl", "mama", False), ("uk", "мама", False),
])
def test_is_skip(lang, text, expected):
    assert answers.is_skip(text, lang) is expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "My name is Sarah Jones", "Sarah Jones"), ("en", "I'm Tom", "Tom"),
    ("en", "Imran Khan", "Imran Khan"),
    ("ar", "اسمي فاطمة", "فاطمة"), ("ar", "أنا اسمي محمد علي", "محمد علي"),
    ("tr", "Benim adım Ayşe Yılmaz", "Ayşe Yılmaz"), ("tr", "İsmim Elif", "Elif"),
    ("tr", "Adım Mehmet", "Mehmet"),
    ("pl", "Nazywam się Anna Kowalska", "Anna Kowalska"), ("pl", "mam na imie Piotr", "Piotr"),
    ("uk", "Мене звати Олена Петренко", "Олена Петренко"), ("uk", "Меня зовут Ирина", "Ирина"),
    ("uk", "моє ім'я Андрій", "Андрій"),
])
def test_name(lang, text, expected):
    assert answers.name(text, lang) == expected


@pytest.mark.parametrize("lang, key, text", [
    ("en", "enough", "no need, this is enough"), ("en", "contact_wanted", "please contact me"),
    ("ar", "enough", "هذا يكفي"), ("ar", "contact_wanted", "تواصلوا معي"),
    ("tr", "enough", "bu yeterli"), ("tr", "contact_wanted", "benimle iletişime geçin"),
    ("pl", "enough", "to wystarczy"), ("pl", "contact_wanted", "proszę o kontakt"),
    ("uk", "enough", "цього достатньо"), ("uk", "contact_wanted", "зв'яжіться зі мною"),
    ("en", "change", "something is wrong"), ("tr", "change", "yanlış"),
    ("pl", "change", "chcę coś zmienić"), ("uk", "change", "треба виправити"),
    ("ar", "change", "في غلط"),
])
def test_contact_and_change_words(lang, key, text):
    assert answers.find(text, answers.lexicon(lang)[key])


@pytest.mark.parametrize("lang", ["en", "ar", "tr", "pl", "uk"])
def test_every_dutch_key_is_in_the_language_file(lang):
    nl = answers._load("nl")
    own = answers._load(lang)
    assert set(own) == set(nl)
    for key, value in nl.items():
        if isinstance(value, dict):
            assert set(own[key]) == set(value), key
