from thuvien.core.text import clean, fold, nfc, vi_sort_key


def test_nfc_composes_decomposed_vietnamese():
    decomposed = "Tie\u0302\u0301ng Vie\u0323\u0302t"
    assert nfc(decomposed) == "Tiếng Việt"
    assert len(nfc(decomposed)) == len("Tiếng Việt")


def test_fold_removes_tones_and_maps_d_stroke():
    assert fold("Đà Nẵng, Hưng Yên") == "da nang, hung yen"
    assert fold("mà má mả mã mạ ma") == "ma ma ma ma ma ma"


def test_clean_collapses_whitespace():
    assert clean("  Hà \t Nội \n") == "Hà Nội"


def test_vietnamese_dictionary_order():
    words = ["đi", "Ăn", "dê", "ân", "an", "Bắc", "Da", "mạ", "ma", "má", "mà", "mả", "mã"]
    assert sorted(words, key=vi_sort_key) == [
        "an",
        "Ăn",
        "ân",
        "Bắc",
        "Da",
        "dê",
        "đi",
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]


def test_letters_outrank_tones():
    # "ác" sorts after "an" although á > a: letters are compared before tones.
    assert sorted(["an", "ác"], key=vi_sort_key) == ["ác", "an"]
    assert sorted(["anh", "ánh", "ảnh"], key=vi_sort_key) == ["anh", "ảnh", "ánh"]


def test_quick_fold_equals_the_slow_one():
    """``fold`` takes a one-``translate`` way for Latin text; it must give what the
    character-by-character way gives, for every Latin letter with marks and for mixed text."""
    from thuvien.core.text import _fold_slow

    letters = [chr(cp) for cp in [*range(0x00A0, 0x0250), *range(0x1E00, 0x1F00)]]
    for ch in letters:
        assert fold(ch) == _fold_slow(ch), hex(ord(ch))
        assert fold(f"Tiếng {ch}Việt") == _fold_slow(f"Tiếng {ch}Việt"), hex(ord(ch))
    mixed = ["Tie\u0302\u0301ng Vie\u0323\u0302t", "Ελληνικά Ђорђе", "Phố “Hiến” … 1998",
             "ǅ ǈ ǋ ﬁ İstanbul", "Đà Nẵng"]
    for text in mixed:
        assert fold(text) == _fold_slow(text), text
    assert fold("Tie\u0302\u0301ng") == "tieng"


def test_bidi_controls_become_a_space_between_letters_and_go_elsewhere():
    from thuvien.core.text import strip_invisible

    assert strip_invisible("thử\u200fnghiệm") == "thử nghiệm"
    assert strip_invisible("thử \u200fnghiệm\u200e") == "thử nghiệm"
    assert strip_invisible("Tập\u202a2\u202c") == "Tập 2"
    assert strip_invisible("bồi\u00addưỡng") == "bồidưỡng"  # a soft hyphen is inside a word
    assert strip_invisible("\u061c\u2066Hà Nội\u2069") == "Hà Nội"
    # beside Hebrew or Arabic the marks stay (they order mixed text); an override never does
    assert strip_invisible("שלום\u200f 2026") == "שלום\u200f 2026"
    assert strip_invisible("عربي\u202e\u200fabc") == "عربي\u200fabc"
