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
