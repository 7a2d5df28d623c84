"""Tests for macros.core.vietnamese: folding, tone placement, collation, slugs and anchors."""

from __future__ import annotations

import itertools
import random
import unicodedata

import pytest

from macros.core.vietnamese import (
    closest,
    fold,
    heading_anchor,
    match_key,
    nfc,
    normalize_tone_placement,
    slugify,
    sort_key,
    toc_slugify,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- nfc / fold -------------------------------------------------------------


def test_nfc_composes_decomposed_input() -> None:
    assert nfc(nfd("Điện Biên Phủ")) == "Điện Biên Phủ"
    assert len(nfc(nfd("ệ"))) == 1


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Điện Biên Phủ", "dien bien phu"),
        (nfd("Điện Biên Phủ"), "dien bien phu"),
        ("hoà", "hoa"),
        ("hòa", "hoa"),
        ("Tỉnh uỷ", "tinh uy"),
        ("Tỉnh ủy", "tinh uy"),
        ("ĐẢNG BỘ", "dang bo"),
        ("Sở Văn hóa, Thể thao và Du lịch", "so van hoa, the thao va du lich"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


# --- tone placement / match_key ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("HOÀ", "HÒA"),
        ("khoẻ", "khỏe"),
        ("loè loẹt", "lòe loẹt"),
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("thuý", "thúy"),
        ("Thuỵ", "Thụy"),
        ("toà án", "tòa án"),
        (nfd("hoà"), "hòa"),
        # A final consonant or following vowel fixes the tone: not a convention.
        ("hoàng", "hoàng"),
        ("khuỷu", "khuỷu"),
        ("quyết", "quyết"),
        ("khuya", "khuya"),
        ("hoài", "hoài"),
        # "qu" is a consonant: the tone of "quý" is on y in both conventions.
        ("quý", "quý"),
        ("Quỳ", "Quỳ"),
        ("quả", "quả"),
        ("mã", "mã"),
    ],
)
def test_normalize_tone_placement(text: str, expected: str) -> None:
    assert normalize_tone_placement(text) == expected


def test_match_key_ignores_convention_case_and_form() -> None:
    assert match_key("Tỉnh uỷ") == match_key("Tỉnh ủy") == "tỉnh ủy"
    assert match_key(nfd("TỈNH UỶ")) == "tỉnh ủy"
    assert match_key("  Hoà   Bình ") == match_key("hòa bình")


def test_match_key_keeps_tones() -> None:
    assert match_key("mã") != match_key("mà")
    assert match_key("Đà") != match_key("Da")


# --- sort_key -----------------------------------------------------------------

PROVINCE_WORDS = [
    "Đà Nẵng", "Dương", "Anh", "Ăn", "Ân", "Bắc", "Cà", "Chợ", "Ê", "Em",
    "Ơn", "Ôm", "Ở", "Ư", "Uy", "Yên", "Sở Y tế", "Sở Xây dựng", "Sở Văn hóa",
]
PROVINCE_SORTED = [
    "Anh", "Ăn", "Ân", "Bắc", "Cà", "Chợ", "Dương", "Đà Nẵng", "Em", "Ê",
    "Ôm", "Ở", "Ơn", "Sở Văn hóa", "Sở Xây dựng", "Sở Y tế", "Uy", "Ư", "Yên",
]
TONES_SORTED = ["ma", "mà", "mả", "mã", "má", "mạ"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (PROVINCE_WORDS, PROVINCE_SORTED),
        ([nfd(w) for w in reversed(PROVINCE_WORDS)], [nfd(w) for w in PROVINCE_SORTED]),
        (["e", "đa", "dzô", "dz"], ["dz", "dzô", "đa", "e"]),
        (["z", "y", "w", "v", "j", "i", "f", "ê", "e"], ["e", "ê", "f", "i", "j", "v", "w", "y", "z"]),
        # Letters first over the whole string; tones only break ties.
        (["mà b", "ma c", "má a"], ["má a", "mà b", "ma c"]),
        (["Ban A", "BanA", "Ban"], ["Ban", "Ban A", "BanA"]),
        (["a", "B", "10", "2", "1"], ["1", "2", "10", "a", "B"]),
        (["An", "an"], ["an", "An"]),
        (["Kế hoạch 10", "Kế hoạch 2", "Kế hoạch"], ["Kế hoạch", "Kế hoạch 2", "Kế hoạch 10"]),
        (["cu", "ch"], ["ch", "cu"]),
    ],
)
def test_sort_key_orders_vietnamese(words: list[str], expected: list[str]) -> None:
    assert sorted(words, key=sort_key) == expected


@pytest.mark.parametrize(
    ("words", "vietnamese", "codepoint"),
    [
        (["Bắc", "Ăn"], ["Ăn", "Bắc"], ["Bắc", "Ăn"]),
        (["Em", "Đà Nẵng"], ["Đà Nẵng", "Em"], ["Em", "Đà Nẵng"]),
        (["Cà", "Chợ"], ["Cà", "Chợ"], ["Chợ", "Cà"]),
        (PROVINCE_WORDS, PROVINCE_SORTED, sorted(PROVINCE_WORDS)),
    ],
)
def test_default_sort_differs(words: list[str], vietnamese: list[str], codepoint: list[str]) -> None:
    assert sorted(words) == codepoint != vietnamese
    assert sorted(words, key=sort_key) == vietnamese


def test_tone_order_from_every_permutation() -> None:
    for permutation in itertools.permutations(TONES_SORTED):
        assert sorted(permutation, key=sort_key) == TONES_SORTED


def test_sort_key_equal_across_forms_and_conventions() -> None:
    assert sort_key("Tỉnh uỷ") == sort_key("Tỉnh ủy") == sort_key(nfd("Tỉnh ủy"))
    assert sort_key("Hoà Bình") == sort_key(nfd("Hòa Bình"))
    assert sort_key("mã") != sort_key("mà")


def test_sort_key_is_stable_under_shuffle() -> None:
    words = PROVINCE_WORDS + TONES_SORTED
    expected = sorted(words, key=sort_key)
    rng = random.Random(70)
    for _ in range(20):
        rng.shuffle(words)
        assert sorted(words, key=sort_key) == expected


def test_sort_key_with_remembered_words_is_the_same_key() -> None:
    # One memory for all: a word seen in one text (NFC or NFD, either tone placement) keys the same in another.
    texts = [*PROVINCE_WORDS, *TONES_SORTED, *(nfd(w) for w in PROVINCE_WORDS), "Tỉnh uỷ Hoà Bình 10", "Tỉnh ủy",
             "Kế hoạch 2 kế hoạch", "Sở Văn hóa Sở văn hoá", "", "171-KH/BTGTU", "ü ç Ä"]
    words: dict[str, tuple] = {}
    for _ in range(2):
        for text in texts:
            assert sort_key(text, words) == sort_key(text)


# --- slugify / anchors ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", "ky-niem-70-nam-chien-thang-dien-bien-phu"),
        ("171-KH/BTGTU", "171-kh-btgtu"),
        ("125/QĐ-UBND", "125-qd-ubnd"),
        (nfd("125/QĐ-UBND"), "125-qd-ubnd"),
        ("  Đề cương -- tuyên truyền!  ", "de-cuong-tuyen-truyen"),
        ("Tỉnh uỷ", "tinh-uy"),
        ("", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("Đề cương tuyên truyền", "đề-cương-tuyên-truyền"),
        (nfd("Đề cương tuyên truyền"), "đề-cương-tuyên-truyền"),
        ("I. MỤC ĐÍCH, YÊU CẦU", "i-mục-đích-yêu-cầu"),
        ("Khẩu hiệu: “Đảng Cộng sản Việt Nam quang vinh”!", "khẩu-hiệu-đảng-cộng-sản-việt-nam-quang-vinh"),
        ("Kế hoạch 171 - KH/BTGTU", "kế-hoạch-171-khbtgtu"),
    ],
)
def test_heading_anchor(text: str, anchor: str) -> None:
    assert heading_anchor(text) == anchor


def test_toc_slugify_uses_separator() -> None:
    assert toc_slugify("Đề cương tuyên truyền", "-") == "đề-cương-tuyên-truyền"
    assert toc_slugify("Đề cương tuyên truyền", "_") == "đề_cương_tuyên_truyền"


# --- closest ----------------------------------------------------------------------


def test_closest_ignores_accents_and_returns_originals() -> None:
    candidates = ["kế-hoạch-171", "kế-hoạch-336", "đề-cương-70-năm", "khẩu-hiệu"]
    assert closest("ke-hoach-171", candidates)[0] == "kế-hoạch-171"
    assert closest("de-cuong-70-nam", candidates) == ["đề-cương-70-năm"]


def test_closest_limits_and_cuts_off() -> None:
    candidates = ["dien-bien-phu-1", "dien-bien-phu-2", "dien-bien-phu-3", "dien-bien-phu-4"]
    assert len(closest("dien-bien-phu", candidates)) == 3
    assert len(closest("dien-bien-phu", candidates, n=2)) == 2
    assert closest("xyz", candidates) == []
