"""Tesseract 5 on one page: hOCR word boxes, text and a confidence per page.

One page per process, single-threaded (``OMP_THREAD_LIMIT=1``): Tesseract's own threading was
three times slower on two cores than pages side by side.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pyvips

LANGUAGES = {"vie", "eng", "fra", "chi_tra"}
_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_CONF = re.compile(r"x_wconf (\d+)")


@dataclass
class OcrResult:
    text: str
    words: list[list]
    confidence: float


class _Hocr(HTMLParser):
    """Collect ocrx_word spans ([word, x, y, w, h], confidence) and line breaks."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[list] = []
        self.confs: list[int] = []
        self.lines: list[list[str]] = []
        self._word: list | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        cls = a.get("class") or ""
        if self._word is not None:
            self._depth += 1
        if cls == "ocr_line" or cls == "ocrx_line" or cls.startswith("ocr_caption") or cls in (
            "ocr_header", "ocr_textfloat"
        ):
            self.lines.append([])
        elif cls == "ocrx_word":
            title = a.get("title") or ""
            box, conf = _BBOX.search(title), _CONF.search(title)
            if box:
                x0, y0, x1, y1 = (int(v) for v in box.groups())
                self._word = ["", x0, y0, x1 - x0, y1 - y0]
                self._depth = 0
                self.confs.append(int(conf.group(1)) if conf else 0)

    def handle_endtag(self, tag: str) -> None:
        if self._word is None:
            return
        if self._depth:
            self._depth -= 1
            return
        word = unicodedata.normalize("NFC", self._word[0].strip())
        if word:
            self._word[0] = word
            self.words.append(self._word)
            if not self.lines:
                self.lines.append([])
            self.lines[-1].append(word)
        else:
            self.confs.pop()
        self._word = None

    def handle_data(self, data: str) -> None:
        if self._word is not None:
            self._word[0] += data


def parse_hocr(hocr: str) -> OcrResult:
    parser = _Hocr()
    parser.feed(hocr)
    text = "\n".join(" ".join(line) for line in parser.lines if line)
    conf = sum(parser.confs) / len(parser.confs) if parser.confs else 0.0
    return OcrResult(text=text, words=parser.words, confidence=round(conf, 1))


def ocr_image(pyramid: Path, *, language: str) -> OcrResult:
    """OCR the full-resolution level of a page's pyramid."""
    langs = [p for p in language.split("+") if p in LANGUAGES] or ["vie"]
    with tempfile.TemporaryDirectory(prefix="thuvien-ocr-") as tmp:
        source = Path(tmp) / "page.tif"
        # not by file name: libvips' cache would give a long-running worker the pixels of a
        # page since replaced
        image = pyvips.Image.tiffload_source(pyvips.Source.new_from_file(str(pyramid)), page=0)
        if image.bands >= 3:
            image = image.colourspace("b-w")
        image.tiffsave(str(source), compression="none", xres=300 / 25.4, yres=300 / 25.4)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        result = subprocess.run(
            ["tesseract", str(source), "stdout", "-l", "+".join(langs), "--psm", "3", "hocr"],
            capture_output=True,
            env=env,
            timeout=600,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(result.stderr.decode("utf-8", "replace")[-500:])
        return parse_hocr(result.stdout.decode("utf-8"))
