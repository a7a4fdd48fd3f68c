from bot.privacy import is_bsn, is_iban, redact


def test_bsn_eleven_test():
    assert is_bsn("111222333")
    assert is_bsn("123456782")
    assert not is_bsn("123456789")
    assert not is_bsn("000000000")


def test_iban_checksum():
    assert is_iban("NL91ABNA0417164300")
    assert is_iban("NL91 ABNA 0417 1643 00")
    assert not is_iban("NL92ABNA0417164300")


def test_redact_keeps_phone_numbers_and_other_text():
    text, found = redact("bsn 111222333, iban NL91ABNA0417164300, bel 0612345678")
    assert found
    assert "111222333" not in text and "NL91" not in text
    assert "0612345678" in text
    assert redact("ik ben 85 jaar") == ("ik ben 85 jaar", False)
