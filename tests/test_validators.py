"""Tests for bot.validators: what sellers type, and what we do with it."""

from __future__ import annotations

import ast
import dataclasses
import string
from pathlib import Path

import pytest

from bot.parsing import validators as v
from bot.parsing.validators import (
    Invalid,
    Warned,
    clean_text,
    normalise_digits,
    parse_business_name,
    parse_email,
    parse_gst_enrolment_id,
    parse_gstin,
    parse_ifsc,
    parse_mobile,
    parse_name,
    parse_pan,
    parse_pin,
    parse_udyam,
    parse_yes_no,
)

SOURCE = Path(v.__file__).read_text(encoding="utf-8")
ZWSP, ZWNJ, ZWJ, BOM = "\u200b", "\u200c", "\u200d", "\ufeff"


def fullwidth(text: str) -> str:
    """ASCII -> full-width forms, as some phone keyboards type them."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def message_of(func, text) -> str:
    with pytest.raises(Invalid) as info:
        func(text)
    return info.value.message


# --- Invalid / Warned ------------------------------------------------------------


def test_invalid_is_a_value_error_carrying_its_message():
    err = Invalid("hello")
    assert isinstance(err, ValueError)
    assert err.message == "hello" == str(err)


def test_warned_is_frozen():
    warned = Warned("x", "careful")
    with pytest.raises(dataclasses.FrozenInstanceError):
        warned.value = "y"  # type: ignore[misc]


# --- messages: translated at raise time, literal msgids, short --------------------


def _gettext_calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name) and node.func.id == "_"]


def test_every_msgid_is_a_plain_string_under_200_characters():
    calls = _gettext_calls(ast.parse(SOURCE))
    assert len(calls) >= 15
    for call in calls:
        assert len(call.args) == 1 and not call.keywords
        arg = call.args[0]
        # A JoinedStr (f-string) or a variable would not be extractable.
        assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), ast.dump(arg)
        assert len(arg.value) < 200, arg.value


def test_nothing_is_translated_at_import_time():
    tree = ast.parse(SOURCE)
    top_level = [node for node in tree.body
                 if not isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    assert not [call for node in top_level for call in _gettext_calls(node)]


@pytest.mark.parametrize("func, text", [
    (clean_text, ""), (parse_name, "123"), (parse_business_name, "🙏"),
    (parse_mobile, "12345"), (parse_email, "x"), (parse_pan, "x"),
    (parse_gstin, "x"), (parse_udyam, "x"), (parse_ifsc, "x"), (parse_pin, "x"),
    (parse_yes_no, "x"), (parse_gst_enrolment_id, "x"),
])
def test_errors_go_through_gettext_when_raised(monkeypatch, func, text):
    monkeypatch.setattr(v, "_", lambda msgid: "TRANSLATED " + msgid)
    args = (text, 10) if func is clean_text else (text,)
    with pytest.raises(Invalid) as info:
        func(*args)
    assert info.value.message.startswith("TRANSLATED ")


@pytest.mark.parametrize("func, text", [
    (parse_gstin, "27AAPFU0939F1ZV"), (parse_udyam, "UDYAM-MH-18-0012345"),
    (parse_pin, "110001"),
])
def test_warnings_go_through_gettext_when_returned(monkeypatch, func, text):
    monkeypatch.setattr(v, "_", lambda msgid: "TRANSLATED " + msgid)
    assert func(text).warning.startswith("TRANSLATED ")


# --- normalise_digits ---------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("९८७६५४३२१०", "9876543210"),
    ("२८२००१", "282001"),
    ("PIN २८२ ००१", "PIN 282 001"),
    ("１２３", "123"),  # full-width
    ("১২৩", "123"),  # Bengali
    ("٤٥٦", "456"),  # Arabic-Indic
    ("abc 123", "abc 123"),
    ("कानपुर", "कानपुर"),
    ("", ""),
])
def test_normalise_digits(text, expected):
    assert normalise_digits(text) == expected


# --- clean_text ---------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("  hand   made  ", "hand made"),
    ("line one\nline two\r\n\tthree", "line one line two three"),
    ("a\x00b\x07c\x1b", "abc"),
    (f"{BOM}hello{ZWSP} world", "hello world"),
    ("\u202eevil\u202c text", "evil text"),  # bidi overrides are Cf
    ("non\u00a0breaking", "non breaking"),
    ("cafe\u0301", "café"),  # NFC
    ("caf\u200be\u0301", "café"),  # NFC after the junk is gone
    (f"a{ZWJ}b", "ab"),  # joiner outside Devanagari is junk
    (f"क्{ZWJ}ष", f"क्{ZWJ}ष"),  # joiner inside a Devanagari word is kept
    (f"क्{ZWNJ}ष", f"क्{ZWNJ}ष"),
    (f"{ZWJ}क", "क"),
    ("चिकनकारी  कुर्ता", "चिकनकारी कुर्ता"),
])
def test_clean_text_tidies(text, expected):
    assert clean_text(text, 100) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\t", ZWSP + BOM, "\x00\x01"])
def test_clean_text_rejects_empty(text):
    assert "few words" in message_of(lambda t: clean_text(t, 100), text)


def test_clean_text_allows_exactly_the_limit():
    assert clean_text("a" * 50, 50) == "a" * 50


def test_clean_text_counts_after_cleaning():
    assert clean_text("  " + "a" * 50 + "\n\n", 50) == "a" * 50


def test_clean_text_rejects_one_over_the_limit():
    message = message_of(lambda t: clean_text(t, 50), "a" * 51)
    assert "51" in message and "50" in message


def test_long_paragraph_message_gives_length_and_limit():
    paragraph = ("Hand block printed cotton from Bagru, dyed with indigo. " * 100)[:4999] + "."
    assert len(clean_text(paragraph, 5000)) == 5000  # nothing is lost in cleaning
    message = message_of(lambda t: clean_text(t, 1000), paragraph)
    assert "5,000" in message or "5000" in message
    assert "1,000" in message or "1000" in message


# --- names ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Sunita Devi", "Sunita Devi"),
    ("  सुनीता   देवी \n", "सुनीता देवी"),
    ("Mohd. Irfan", "Mohd. Irfan"),
    ("ram", "ram"),
    (f"Ramesh{ZWSP} Kumar", "Ramesh Kumar"),
    ("محمد", "محمد"),  # any script counts as letters
])
def test_parse_name_accepts(text, expected):
    assert parse_name(text) == expected


@pytest.mark.parametrize("text", ["", "   ", ZWSP, "12345", "९८७", "🙏", "🙂🙂🙂", "!!!", "🙏 123"])
def test_parse_name_rejects_no_letters(text):
    assert "name" in message_of(parse_name, text)


def test_parse_name_limit_is_80():
    assert parse_name("a" * 80) == "a" * 80
    assert "80" in message_of(parse_name, "a" * 81)


@pytest.mark.parametrize("text, expected", [
    ("Banaras Silk House", "Banaras Silk House"),
    ("786", "786"),
    ("  खुर्जा   पॉटरी ", "खुर्जा पॉटरी"),
    ("A-1 Handicrafts", "A-1 Handicrafts"),
])
def test_parse_business_name_accepts(text, expected):
    assert parse_business_name(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "🙏", "---", "!!"])
def test_parse_business_name_rejects(text):
    assert "business" in message_of(parse_business_name, text)


@pytest.mark.parametrize("text", ["9876543210", "+91 98765 43210", "९८७६५४३२१०", "0562-2234567"])
def test_a_phone_number_is_no_business_name(text):
    """Typed one question early: the seller is told the mobile number comes next."""
    assert "mobile number is the next question" in message_of(parse_business_name, text)


def test_parse_business_name_limit_is_100():
    assert parse_business_name("b" * 100) == "b" * 100
    assert "100" in message_of(parse_business_name, "b" * 101)


# --- mobile --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "+91 98765 43210",
    "098765-43210",
    "९८७६५४३२१०",
    "91-9876543210",
    "(+91) 98765 43210",
    "9876543210",
    "98765 43210",
    " 98765\u00a043210 ",
    "+919876543210",
    "0091 98765 43210",
    "+91 098765 43210",
    "+91–98765–43210",  # en dashes
    fullwidth("+91 9876543210"),
    f"{ZWSP}9876543210{BOM}",
    "+९१ ९८७६५ ४३२१०",
])
def test_parse_mobile_accepts(text):
    assert parse_mobile(text) == "+919876543210"


@pytest.mark.parametrize("first", "6789")
def test_parse_mobile_accepts_each_first_digit(first):
    assert parse_mobile(first + "123456789") == "+91" + first + "123456789"


@pytest.mark.parametrize("text", [
    "12345", "5876543210", "98765432101", "0987654321", "919876543210 1", "",
    "🙂", "98765abcde", "call 9876543210", "+91 58765 43210", "++919876543210",
    "1234567890",
])
def test_parse_mobile_rejects(text):
    assert "10 digits" in message_of(parse_mobile, text)


def test_parse_mobile_rejects_foreign_number():
    assert "Indian" in message_of(parse_mobile, "+1 202 555 0123")


# --- email ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("sunita@gmail.com", "sunita@gmail.com"),
    ("  Sunita.Devi@Gmail.COM ", "Sunita.Devi@gmail.com"),
    ("shop+orders@banaras-silk.co.in", "shop+orders@banaras-silk.co.in"),
    (fullwidth("ram@yahoo.in"), "ram@yahoo.in"),
    (f"ram{ZWSP}@yahoo.in", "ram@yahoo.in"),
])
def test_parse_email_accepts(text, expected):
    assert parse_email(text) == expected


@pytest.mark.parametrize("text", [
    "", "sunita", "sunita@", "@gmail.com", "sunita@gmail", "sun ita@gmail.com",
    "a@@gmail.com", "a@b@gmail.com", "a@gmail..com", ".a@gmail.com", "a.@gmail.com",
    "a..b@gmail.com", "a@-gmail.com", "a@gmail.c", "🙂@gmail.com", "a@gmail.com.",
    "a" * 65 + "@gmail.com",
    "a@" + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + "." + "e" * 70 + ".com",
])
def test_parse_email_rejects(text):
    assert "name@gmail.com" in message_of(parse_email, text)


def test_parse_email_limit_is_254():
    local = "a" * 64
    longest = local + "@" + "d" * 63 + "." + "d" * 60 + "." + "d" * 60 + ".com"
    assert len(longest) == 254
    assert parse_email(longest) == longest
    too_long = local + "@" + "d" * 63 + "." + "d" * 61 + "." + "d" * 60 + ".com"
    assert len(too_long) == 255
    with pytest.raises(Invalid):
        parse_email(too_long)


# --- PAN -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "ABCPE1234F", "abcpe1234f", "AbCpE1234f", " ABCPE 1234 F ", "ABCPE-1234-F",
    fullwidth("abcpe1234f"), f"ABCPE{ZWSP}1234F", "ABCPE१२३४F",
])
def test_parse_pan_accepts(text):
    assert parse_pan(text) == "ABCPE1234F"


@pytest.mark.parametrize("holder", "PCHFATBLJG")
def test_parse_pan_accepts_each_holder_type(holder):
    assert parse_pan(f"AAA{holder}K1234M") == f"AAA{holder}K1234M"


@pytest.mark.parametrize("text", [
    "", "🙂", "ABCPE1234", "ABCPE12345F", "1BCPE1234F", "ABCPE12X4F", "ABCPE12345",
    "ABCP1234FF", "ABC PE 123", "ABCPE1234F!",
])
def test_parse_pan_rejects_bad_shape(text):
    assert "10 characters" in message_of(parse_pan, text)


@pytest.mark.parametrize("holder", sorted(set(string.ascii_uppercase) - set("PCHFATBLJG")))
def test_parse_pan_rejects_unknown_holder_type(holder):
    message = message_of(parse_pan, f"ABC{holder}E1234F")
    assert "4th" in message and f"'{holder}'" in message


# --- GSTIN ---------------------------------------------------------------------------

# Check characters computed by hand with the published algorithm.
COMPUTED_GSTINS = ["09ABCPE1234F1Z9", "09AAAFR5678L1ZK", "09AAACB1234P1ZM", "07AABCU9603R1ZP"]
# Public examples, all verified by our implementation.
PUBLIC_GSTINS = ["27AAPFU0939F1ZV", "29AAGCB7383J1Z4", "09AAACH7409R1ZZ"]


@pytest.mark.parametrize("gstin", COMPUTED_GSTINS + PUBLIC_GSTINS)
def test_parse_gstin_accepts_valid(gstin):
    result = parse_gstin(gstin)
    value = result.value if isinstance(result, Warned) else result
    assert value == gstin


@pytest.mark.parametrize("text", [
    "09aaach7409r1zz", " 09 AAACH 7409 R1ZZ ", "09-AAACH7409R-1ZZ", fullwidth("09AAACH7409R1ZZ"),
    f"09AAACH{ZWSP}7409R1ZZ", "०९AAACH७४०९R1ZZ",
])
def test_parse_gstin_tolerates_typing(text):
    assert parse_gstin(text) == "09AAACH7409R1ZZ"


@pytest.mark.parametrize("gstin", ["09AAACH7409R1ZZ", "09ABCPE1234F1Z9", "09AAAFR5678L1ZK"])
def test_parse_gstin_from_up_is_plain(gstin):
    result = parse_gstin(gstin)
    assert type(result) is str and result == gstin


@pytest.mark.parametrize("gstin, code", [
    ("27AAPFU0939F1ZV", "27"), ("29AAGCB7383J1Z4", "29"), ("07AABCU9603R1ZP", "07"),
    ("97AAACH7409R1ZU", "97"), ("99AAACH7409R1ZQ", "99"),
])
def test_parse_gstin_from_other_state_is_warned(gstin, code):
    result = parse_gstin(gstin)
    assert isinstance(result, Warned)
    assert result.value == gstin
    assert code in result.warning and "Uttar Pradesh (09)" in result.warning


@pytest.mark.parametrize("gstin", [
    "09AAACH7409R1ZY",  # last character changed
    "09AAACH7408R1ZZ",  # one digit of the PAN changed
    "09AAACH7409R2ZZ",  # entity number changed
    "09AAACH7409R1AZ",  # 14th character changed
    "27AAPFU0939F1ZW",
    "29AAGCB7383J1Z5",
    "27AAPFU0399F1ZV",  # two digits swapped
])
def test_parse_gstin_rejects_wrong_check_character(gstin):
    assert "mistyped" in message_of(parse_gstin, gstin)


def test_parse_gstin_catches_every_single_character_change():
    gstin = "09AAACH7409R1ZZ"
    for i, original in enumerate(gstin):
        for replacement in "0A7Z":
            if replacement != original:
                with pytest.raises(Invalid):
                    parse_gstin(gstin[:i] + replacement + gstin[i + 1:])


@pytest.mark.parametrize("text", [
    "", "🙂", "09AAACH7409R1Z", "09AAACH7409R1ZZZ", "09AAACH7409R1Z!", "GSTIN09AAACH74",
    "AAACH7409R1ZZ09",
])
def test_parse_gstin_rejects_wrong_shape(text):
    assert "15 characters" in message_of(parse_gstin, text)


@pytest.mark.parametrize("gstin", [
    "27AAADU0939F1ZE",  # PAN part has holder type D (check character is right)
    "27AAPFUO939F1ZI",  # letter O where the PAN needs a digit (check character is right)
])
def test_parse_gstin_rejects_bad_pan_part(gstin):
    assert "PAN" in message_of(parse_gstin, gstin)


@pytest.mark.parametrize("gstin", ["00AAACH7409R1ZH", "39AAACH7409R1ZW"])
def test_parse_gstin_rejects_unknown_state_code(gstin):
    assert "state code" in message_of(parse_gstin, gstin)


# --- Udyam ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "UDYAM-UP-12-0001234", "udyam-up-12-0001234", "udyam up 12 0001234", "UDYAMUP120001234",
    " Udyam-Up-12-0001234 ", "UDYAM UP-12-0001234", "UP-12-0001234",
    fullwidth("UDYAM-UP-12-0001234"), "UDYAM-UP-१२-०००१२३४",
])
def test_parse_udyam_accepts(text):
    assert parse_udyam(text) == "UDYAM-UP-12-0001234"


def test_parse_udyam_from_other_state_is_warned():
    result = parse_udyam("udyam-mh-18-0012345")
    assert isinstance(result, Warned)
    assert result.value == "UDYAM-MH-18-0012345"
    assert "MH" in result.warning and "Uttar Pradesh" in result.warning


@pytest.mark.parametrize("text", [
    "", "🙂", "UDYAM-UP-12-000123", "UDYAM-UP-12-00012345", "UDYAM-U1-12-0001234",
    "UDYAM-UP-1A-0001234", "UAM-UP-12-0001234", "UDYAM-UPP-12-0001234", "UP12A0001234",
])
def test_parse_udyam_rejects(text):
    assert "UDYAM-UP-12-0001234" in message_of(parse_udyam, text)


# --- IFSC ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("SBIN0001234", "SBIN0001234"),
    ("sbin0001234", "SBIN0001234"),
    (" SBIN 000 1234 ", "SBIN0001234"),
    ("HDFC0ABC123", "HDFC0ABC123"),
    ("punb0123400", "PUNB0123400"),
    ("SBINO001234", "SBIN0001234"),  # letter O where the zero belongs
    (fullwidth("sbin0001234"), "SBIN0001234"),
])
def test_parse_ifsc_accepts(text, expected):
    assert parse_ifsc(text) == expected


@pytest.mark.parametrize("text", [
    "", "🙂", "SBIN1001234", "SBI0001234", "SBIN00012345", "1BIN0001234", "SBIN000123",
    "SBIN000123!",
])
def test_parse_ifsc_rejects(text):
    assert "SBIN0001234" in message_of(parse_ifsc, text)


# --- PIN -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("282001", "282001"),  # Agra
    ("२८२००१", "282001"),
    ("282 001", "282001"),
    ("282-001", "282001"),
    ("208001", "208001"),  # Kanpur
    ("221001", "221001"),  # Varanasi
    ("201301", "201301"),  # Noida
    (fullwidth("226001"), "226001"),  # Lucknow
])
def test_parse_pin_accepts_up(text, expected):
    result = parse_pin(text)
    assert type(result) is str and result == expected


@pytest.mark.parametrize("pin", ["110001", "400001", "302001", "199999", "290001"])
def test_parse_pin_outside_up_is_warned(pin):
    result = parse_pin(pin)
    assert isinstance(result, Warned)
    assert result.value == pin
    assert pin in result.warning and "not in Uttar Pradesh" in result.warning


@pytest.mark.parametrize("text", ["", "🙂", "082001", "28200", "2820011", "abcdef", "28200१x"])
def test_parse_pin_rejects(text):
    assert "6 digits" in message_of(parse_pin, text)


# --- yes / no ------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "yes", "Yes", "YES", " y ", "Y", "haan", "Haan", "han", "ha", "हाँ", "हां", "जी", "ok",
    "OK", "1", "१", "Yes!", "हाँ।", "जी हाँ", "haan ji",
])
def test_parse_yes_no_yes(text):
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", [
    "no", "No", "NO", "n", "nahi", "Nahin", "नहीं", "ना", "0", "०", "no.", "जी नहीं",
    "नही",
])
def test_parse_yes_no_no(text):
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", ["", "maybe", "🙂", "👍", "yes no", "2", "haan nahi"])
def test_parse_yes_no_rejects(text):
    assert "yes or no" in message_of(parse_yes_no, text)


# --- GST enrolment ID ----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("ab12 cd34-ef56", "AB12CD34EF56"),
    ("A" * 10, "A" * 10),
    ("1" * 20, "1" * 20),
    (fullwidth("enr0912345678"), "ENR0912345678"),
])
def test_parse_gst_enrolment_id_accepts(text, expected):
    assert parse_gst_enrolment_id(text) == expected


@pytest.mark.parametrize("text", ["", "🙂", "A" * 9, "A" * 21, "ABC@1234567", "ABCD/123456"])
def test_parse_gst_enrolment_id_rejects(text):
    assert "10 to 20" in message_of(parse_gst_enrolment_id, text)
