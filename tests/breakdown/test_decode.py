import pytest

from closedset.breakdown import ScriptError
from closedset.breakdown.decode import binary_kind, decode


def test_utf8_is_read_as_is():
    assert decode("Zoë kisses Łukasz — 佐藤".encode()) == "Zoë kisses Łukasz — 佐藤"


def test_a_utf8_byte_order_mark_is_dropped():
    assert decode(b"\xef\xbb\xbfINT. HOUSE - DAY") == "INT. HOUSE - DAY"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark(encoding):
    text = "INT. CAFÉ - DAY\n\nZoë waits."
    data = text.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + text).encode(encoding)
    assert decode(data) == text


def test_utf16_without_a_byte_order_mark_is_recognised():
    assert decode("INT. HOUSE - DAY\n".encode("utf-16-le")) == "INT. HOUSE - DAY\n"


def test_windows_1252_is_the_fallback():
    assert decode(b"\x93Caf\xe9,\x94 says \x96 twice.") == "\u201cCafé,\u201d says \u2013 twice."


def test_latin1_is_the_last_resort():
    assert decode(b"A \x81 B caf\xe9") == "A \x81 B café"


def test_line_ends_are_normalised():
    assert decode(b"one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"


def test_form_feeds_and_tabs_survive():
    assert decode(b"page one\n\x0cpage\ttwo") == "page one\n\x0cpage\ttwo"


def test_a_few_stray_control_characters_become_spaces():
    assert decode(b"INT. HOUSE\x0b- DAY\n" + b"x" * 2000) == "INT. HOUSE - DAY\n" + "x" * 2000


def test_a_trailing_ctrl_z_is_dropped():
    assert decode(b"THE END\r\n\x1a") == "THE END\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(ScriptError, match=r"empty|no text"):
        decode(data)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
        (b"GIF89a\x01\x00", "GIF"),
    ],
)
def test_images_and_archives_are_named(data, kind):
    with pytest.raises(ScriptError, match=kind) as caught:
        decode(data)
    assert "\n" not in str(caught.value)
    assert binary_kind(data) is not None


def test_binary_junk_is_refused():
    junk = bytes(range(256)) * 8
    with pytest.raises(ScriptError, match="binary"):
        decode(junk)


def test_nul_bytes_in_text_are_refused():
    with pytest.raises(ScriptError, match="binary"):
        decode(b"INT. HOUSE - DAY\n\x00\x00\x00\x01\x02 junk")
