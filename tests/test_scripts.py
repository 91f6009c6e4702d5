"""Pages in languages and scripts the rules do not know keep their article.

The rules know Chinese and English; the statistics know sentence marks,
spaces and line lengths. Where a page gives no evidence the tool can read
(Thai writes no sentence marks, some pages none at all), it keeps.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean_text
from cleaner.chars import WORD_RE, dedup_key
from cleaner.features import features

from .properties import CONFIG, check_result

URDU = """صفحہ اول
پاکستان
دنیا
کھیل
کاروبار
شوبز
کراچی میں شدید بارش، نشیبی علاقے زیر آب
کراچی میں گزشتہ تین دنوں سے جاری بارشوں کے باعث شہر کے کئی علاقے زیر آب آ گئے ہیں۔ محکمہ موسمیات کے مطابق آئندہ چوبیس گھنٹوں میں مزید بارش کا امکان ہے۔
شہری انتظامیہ نے نشیبی علاقوں سے پانی نکالنے کے لیے اضافی مشینری طلب کر لی ہے، جبکہ اسکول اور دفاتر آج بند رہیں گے۔
متاثرہ علاقوں کے رہائشیوں کا کہنا ہے کہ نکاسی آب کا نظام برسوں سے خراب ہے اور ہر سال یہی صورتحال پیش آتی ہے۔
وزیر اعلیٰ نے ہنگامی اجلاس طلب کیا اور متعلقہ اداروں کو ہدایت کی کہ امدادی کارروائیاں فوری طور پر تیز کی جائیں۔
مزید خبریں
لاہور میں ٹریفک کا نیا نظام
اسلام آباد میں کتاب میلہ
رابطہ کریں
ہمارے بارے میں
جملہ حقوق محفوظ ہیں
"""

THAI = """หน้าแรก
ข่าว
การเมือง
เศรษฐกิจ
กีฬา
บันเทิง
กรุงเทพฯ เตรียมรับมือฝนตกหนักสุดสัปดาห์นี้
กรุงเทพมหานครเตรียมรับมือฝนตกหนักในช่วงสุดสัปดาห์นี้ หลังกรมอุตุนิยมวิทยาประกาศเตือนพายุฤดูร้อนในหลายพื้นที่ทั่วประเทศ
ผู้ว่าราชการกรุงเทพมหานครสั่งการให้สำนักการระบายน้ำเร่งขุดลอกท่อระบายน้ำและคลองสายหลัก เพื่อลดความเสี่ยงน้ำท่วมขังบนถนนสายสำคัญ
ประชาชนในพื้นที่ลุ่มต่ำได้รับคำแนะนำให้ขนย้ายทรัพย์สินขึ้นที่สูง และติดตามประกาศจากทางราชการอย่างใกล้ชิดตลอดช่วงที่มีฝนตก
เจ้าหน้าที่ยืนยันว่าได้เตรียมเครื่องสูบน้ำเคลื่อนที่และกำลังพลไว้พร้อมแล้ว หากเกิดน้ำท่วมจะสามารถเข้าช่วยเหลือประชาชนได้ทันที
ข่าวที่เกี่ยวข้อง
ติดต่อเรา
นโยบายความเป็นส่วนตัว
"""

ITALIAN = """Home
Cronaca
Politica
Economia
Sport
Cultura
Roma, il Tevere torna a far paura: chiusi i lungotevere dopo tre giorni di pioggia
La piena del Tevere ha raggiunto nel pomeriggio il livello più alto degli ultimi dieci anni, costringendo il Comune a chiudere al traffico i lungotevere.
«Non c'è pericolo per la popolazione, ma chiediamo a tutti di non avvicinarsi alle banchine», ha detto l'assessore ai Lavori pubblici in conferenza stampa.
Il sindaco ha poi ricordato che la situazione sarà seguita ora per ora: «Chi abita vicino al fiume riceverà un messaggio in caso di pericolo.»
Le scuole dei quartieri più vicini al fiume resteranno aperte, mentre alcune linee di autobus sono state deviate su percorsi alternativi
I commercianti di Trastevere lamentano danni alle cantine e ai magazzini allagati, e chiedono al Comune un fondo straordinario.
Condividi
Facebook
Privacy
"""


def article_of(page: str, first: int, last: int) -> list[str]:
    return page.splitlines()[first:last]


def test_an_urdu_article_is_kept():
    out = clean_text(URDU).text.splitlines()
    assert all(line in out for line in article_of(URDU, 7, 11))


def test_a_thai_article_without_sentence_marks_is_kept():
    out = clean_text(THAI).text.splitlines()
    assert all(line in out for line in article_of(THAI, 7, 11))


def test_an_italian_article_is_kept_with_its_quotes():
    out = clean_text(ITALIAN).text.splitlines()
    assert all(line in out for line in article_of(ITALIAN, 7, 12))
    assert features("«Chi abita vicino al fiume riceverà un messaggio.»").ends_sentence


def test_words_keep_their_combining_marks():
    assert WORD_RE.findall("हिन्दी भाषा كِتَابٌ") == ["हिन्दी", "भाषा", "كِتَابٌ"]
    assert dedup_key("काम") != dedup_key("कम")  # the vowel sign is part of the word


# Scripts as (first letter, last letter, words spaced?, full stop or "").
SCRIPTS = [
    ("\u0e01", "\u0e2e", False, ""),  # Thai
    ("\u0e81", "\u0eae", False, ""),  # Lao
    ("\u1780", "\u17a2", False, "\u17d4"),  # Khmer
    ("\u1000", "\u1020", False, "\u104b"),  # Myanmar
    ("\u10d0", "\u10f0", True, "."),  # Georgian
    ("\u0561", "\u0586", True, "\u0589"),  # Armenian
    ("\u1200", "\u1357", True, "\u1362"),  # Ethiopic
    ("\u0430", "\u044f", True, "."),  # Cyrillic
    ("\u0430", "\u044f", True, ""),  # Cyrillic, no punctuation at all
    ("\u03b1", "\u03c9", True, "."),  # Greek
    ("\u0915", "\u0939", True, "\u0964"),  # Devanagari
    ("\u0627", "\u064a", True, "\u06d4"),  # Urdu
    ("\u05d0", "\u05ea", True, "."),  # Hebrew
    ("\u0b95", "\u0bb9", True, "."),  # Tamil
]


@st.composite
def foreign_pages(draw):
    """A page in one script: short menu lines, a title, paragraphs of three
    or more sentences of ten or more words (90 letters and more), short
    footer lines. Returns (page, paragraphs)."""
    first, last, spaced, stop = draw(st.sampled_from(SCRIPTS))
    letters = st.characters(min_codepoint=ord(first), max_codepoint=ord(last), categories=["L"])
    word = st.text(letters, min_size=3, max_size=7)

    def phrase(low: int, high: int) -> str:
        return (" " if spaced else "").join(draw(st.lists(word, min_size=low, max_size=high)))

    menu = [phrase(1, 2) for _ in range(draw(st.integers(0, 10)))]
    paragraphs = [" ".join(phrase(10, 14) + stop for _ in range(draw(st.integers(3, 5)))) for _ in range(draw(st.integers(1, 5)))]
    footer = [phrase(1, 3) for _ in range(draw(st.integers(0, 6)))]
    return "\n".join([*menu, phrase(3, 6), *paragraphs, *footer]) + "\n", paragraphs


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(foreign_pages())
def test_no_article_is_lost_for_want_of_a_known_script(case):
    page, paragraphs = case
    result = clean_text(page)
    lines = page.splitlines()
    for paragraph in paragraphs:
        line = lines.index(paragraph) + 1
        # Only evidence removes a paragraph: that it copies another.
        reasons = {d.reason.value for d in result.decisions if d.block.line == line and not d.kept}
        assert reasons <= {"dup.exact", "dup.near"}, (line, reasons)
    check_result(page, clean_text(page, CONFIG), CONFIG)
