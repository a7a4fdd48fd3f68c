from bot.content import markdown


def test_only_https_links_pass():
    assert markdown.safe_url("https://www.voorbeeld.nl/schulden")
    for bad in ("javascript:alert(1)", "http://www.voorbeeld.nl", "data:text/html,x",
                "//evil.example", "https://localhost", "JaVaScRiPt:alert(1)", "/relative"):
        assert not markdown.safe_url(bad), bad


def test_problems_name_what_to_fix():
    problems = markdown.problems("Zie [hier](javascript:alert(1)).",
                                 [{"title": "Info", "url": "http://x.nl"},
                                  {"title": "", "url": "https://x.nl"}])
    assert any("'hier'" in p and "https://" in p for p in problems)
    assert any(p.startswith("Link 1 moet beginnen met https://") for p in problems)
    assert any(p.startswith("Link 2 heeft een titel") for p in problems)
    assert markdown.problems("", []) == ["De tekst is leeg."]
    assert markdown.problems("x" * 1501, [])[0].startswith("De tekst is 1501 tekens")
    assert markdown.problems("Goed. [Geldfit](https://www.geldfit.nl)", []) == []


def test_html_is_kept_as_text_and_noticed():
    body = "Hallo <script>alert(1)</script>"
    assert markdown.clean(body) == body  # shown as text by the widget, never run
    assert markdown.notices(body)


def test_clean_and_plain_text():
    assert markdown.clean("a\r\nb\x00c  \n") == "a\nbc"
    assert markdown.plain_text("**Let op**: zie [Geldfit](https://www.geldfit.nl)\n- een") \
        == "Let op: zie Geldfit\neen"
