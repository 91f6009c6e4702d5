"""Page furniture that looks the same in every language: dates on their own,
copyright signs, e-mail addresses, URLs, breadcrumb separators."""

from __future__ import annotations

from ..reasons import Reason as R
from .matcher import rule

_NUMERIC_DATE = r"(?:\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
_TIME = r"\d{1,2}\s?[:：]\s?\d{2}(?:[:：]\d{2})?(?:\s*[ap]\.?m\.?)?"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?"
_WORD_DATE = rf"(?:{_WEEKDAY}\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"

RULES = (
    # A footer that opens with its copyright sign runs on with the site's
    # terms (© 2024 … All rights reserved. The content published in this site…);
    # a year alone after the word needs the reservation too (Copyright 2019 was a record year…).
    rule("copyright.lead", R.BOILER_COPYRIGHT, r"^(?:©|&copy;|copyright\s*(?:©|&copy;|\(c\))|copyright\s*(?:19|20)\d{2}\b.{0,60}all rights reserved)", max_units=120, lower=True, in_prose=True),
    rule("copyright.sign", R.BOILER_COPYRIGHT, r"©|&copy;|\(c\)\s*(?:19|20)\d{2}|all rights reserved", max_units=40, lower=True, in_prose=True),
    rule("copyright.word", R.BOILER_COPYRIGHT, r"\bcopyright\b|powered by\b", max_units=40, lower=True),
    rule("metadata.date", R.BOILER_METADATA, rf"^[(（\[【]?\s*(?:{_NUMERIC_DATE}|{_WORD_DATE}|{_TIME})(?:\s*(?:[,，T]|at)?\s*{_TIME})?(?:\s*(?:[a-z]{{2,4}}|gmt[+-]?\d*|utc[+-]?\d*))?\s*[)）\]】]?$", max_units=12, lower=True),
    rule("contact.email", R.BOILER_CONTACT, r"^(?:e-?mail|邮箱|电子邮件)?\s*(?:[:：]\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", lower=True),
    # A headline followed by its date, view count or reply count: an entry of a
    # listing (a sentence ending in a footnote, "…the hāngi was used.[32]", is not one).
    rule("link_list.post", R.BOILER_LINK_LIST, r"\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}\s*(?:\d+\s*(?:字|bytes|words))?\s*\[\d+/\d+\]$", max_units=40, in_prose=True),
    rule("link_list.entry", R.BOILER_LINK_LIST, r"(?:[(（\[【]\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2})\s*[)）\]】]|[(（\[]\d+(?:/\d+)?[)）\]]|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2})$", max_units=30, strong=False, not_prose=True),
    rule("nav.url", R.BOILER_NAV, r"^(?:https?://|www\.)\S+$", lower=True),
    rule("breadcrumb.trail", R.BOILER_BREADCRUMB, r"^(?:[^>»›→\n]{0,30}(?:>>?|»|›|→)){2,}[^>»›→\n]{0,80}$|^(?:home|homepage)\s*(?:>|»|›|/|→)\s*\S", max_units=40, lower=True, not_prose=True),
)
