"""Decoding: every encoding scraped Chinese pages arrive in, generated here
from the sample pages, and the failure modes (damage, binary)."""

from __future__ import annotations

import codecs

import pytest

from cleaner import BinaryInput, clean_bytes, decode
from cleaner.decode import plausibility

from .conftest import sample_pages


def _text(path) -> str:
    return path.read_text(encoding="utf-8")


def in_gbk(text: str) -> str:
    """The page as a GBK site would serve it: characters GBK lacks dropped."""
    return text.encode("gbk", errors="ignore").decode("gbk")


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312"])
def test_gb_family_decodes_as_gb18030(sample, encoding):
    text = in_gbk(_text(sample))
    data = text.encode(encoding, errors="ignore")
    decoded = decode(data)
    assert decoded.encoding == "gb18030"
    assert decoded.text == data.decode(encoding)
    assert not decoded.lossy


def test_gb18030_only_characters(sample):
    text = _text(sample) + "\n价格¥100元，€5，𠀀。\n"  # outside GBK: 4-byte GB18030
    decoded = decode(text.encode("gb18030"))
    assert (decoded.encoding, decoded.text) == ("gb18030", text)


def test_big5(sample):
    data = _text(sample).encode("big5", errors="ignore")
    decoded = decode(data)
    assert decoded.encoding in {"big5", "cp950", "big5hkscs"}
    assert decoded.text == data.decode(decoded.encoding)
    assert not decoded.lossy


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32-le"),
        ("utf-32-be", "utf-32-be"),
        ("utf-8-sig", "utf-8"),
    ],
)
def test_unicode_with_and_without_bom(sample, encoding, expected):
    text = _text(sample)
    decoded = decode(text.encode(encoding))
    assert decoded.encoding == expected
    assert decoded.text == text
    assert decoded.bom == (encoding in {"utf-16", "utf-32", "utf-8-sig"})


def test_utf8_is_the_fast_path(sample):
    decoded = decode(sample.read_bytes())
    assert (decoded.encoding, decoded.confidence, decoded.lossy) == ("utf-8", 1.0, False)


def test_same_page_same_output_in_utf8_and_gbk(sample):
    text = in_gbk(_text(sample))
    utf8, gbk = clean_bytes(text.encode("utf-8")), clean_bytes(text.encode("gbk"))
    assert gbk.source.encoding == "gb18030"
    assert utf8.text == gbk.text
    assert [d.reason for d in utf8.decisions] == [d.reason for d in gbk.decisions]


def test_invalid_byte_in_utf8_is_lossy_not_mojibake(sample):
    data = sample.read_bytes()
    cut = data.index("。".encode()) + 3  # after a whole character
    decoded = decode(data[:cut] + b"\xff" + data[cut:])
    assert decoded.encoding == "utf-8"
    assert decoded.lossy and decoded.replaced == 1
    assert decoded.text.replace("\ufffd", "", 1) == _text(sample)


def test_invalid_byte_in_gbk_keeps_gb18030(sample):
    data = _text(sample).encode("gb18030")
    cut = data.index("。".encode("gb18030")) + 2
    decoded = decode(data[:cut] + b"\xff" + data[cut:])
    assert decoded.encoding == "gb18030"
    assert decoded.lossy
    assert "\ufffd" in decoded.text


def test_utf8_and_gbk_spliced_in_one_file_decode_line_by_line():
    text = _text(sample_pages()[2])
    half = text.index("\n", len(text) // 2) + 1
    decoded = decode(text[:half].encode("utf-8") + text[half:].encode("gb18030"))
    assert decoded.text == text
    assert decoded.encoding == "utf-8+gb18030"


def test_truncated_multibyte_tail_is_not_mojibake(sample):
    data = _text(sample).encode("gbk", errors="ignore")
    decoded = decode(data[:-1])  # cut inside the last character
    assert decoded.encoding == "gb18030"


@pytest.mark.parametrize(
    "text, encoding, family",
    [
        ("日本語のテキストです。これはテストです。東京都に住んでいます。" * 4, "shift_jis", {"cp932", "shift_jis"}),
        ("안녕하세요 이것은 한국어 텍스트입니다. " * 6, "euc-kr", {"cp949", "euc_kr"}),
        ("Привет, как дела? Это проверка кодировки текста. " * 4, "cp1251", {"cp1251"}),
        ("Café crème brûlée — “quoted” naïve façade résumé. " * 4, "cp1252", {"cp1252"}),
        ("<p>He said \u201chello\u201d and left \u2014 it\u2019s fine.</p>\n" * 30, "cp1252", {"cp1252"}),
    ],
)
def test_other_languages_are_not_taken_for_chinese(text, encoding, family):
    decoded = decode(text.encode(encoding))
    assert codecs.lookup(decoded.encoding).name in {codecs.lookup(f).name for f in family}
    assert decoded.text == text


def test_gbk_is_never_read_as_a_single_byte_codec():
    data = "中文页面内容，关于职业教育的会议。".encode("gbk")
    for length in range(2, len(data), 2):
        assert decode(data[:length]).encoding == "gb18030"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(200), b"%PDF-1.4\n" + bytes(range(32)) * 20],
    ids=["all-bytes", "png", "pdf-ish"],
)
def test_binary_is_refused(data):
    with pytest.raises(BinaryInput):
        decode(data)


def test_a_stray_nul_does_not_make_a_page_binary(sample):
    data = sample.read_bytes()
    decoded = decode(data[:10] + b"\x00" + data[10:])
    assert decoded.encoding == "utf-8" and "\x00" in decoded.text


def test_forced_encoding_widens_gbk_and_reports_damage():
    data = "正文".encode("gbk")
    assert decode(data, "gbk").encoding == "gb18030"
    forced = decode(data, "utf-8")
    assert forced.lossy and forced.replaced >= 1


def test_plausibility_tells_text_from_mojibake(sample):
    text = _text(sample)
    assert plausibility(text) > 0.95
    assert plausibility(text.encode("utf-8").decode("gb18030", "replace")) < 0.7
    assert plausibility(text.encode("gb18030").decode("cp1252", "replace")) < 0.5


def test_chinese_legacy_pages_need_no_detector(sample, monkeypatch):
    import chardet

    def refuse(*args, **kwargs):
        raise AssertionError("the detector was asked")

    monkeypatch.setattr(chardet, "detect_all", refuse)
    text = sample.read_text(encoding="utf-8").replace("\xa0", " ")
    assert decode(text.encode("gb18030")).text == text
    big5 = text.encode("big5", errors="ignore")
    assert decode(big5).encoding == "big5"


def test_the_shortcut_steps_aside_when_both_chinese_codecs_read_as_text():
    # Pinyin letters in GBK are common Han characters in Big5: the detector decides.
    text = "Zhōngguó de shǒudū shì Běijīng, lǚxíng hěn fāngbiàn. " * 40 + "中文"
    assert decode(text.encode("gbk")).encoding == "gb18030"
