"""Every Vietnamese text marked for translation has its English: a msgid in the source
(``_("...")``, ``gettext_lazy``, ``pgettext``, ``{% translate "..." %}``) that no English
catalogue translates stays Vietnamese on an English page, as "Chức danh, trình độ, khóa bồi
dưỡng, văn bằng của người làm thư viện." did on the staff home. Also: no English entry is
empty or fuzzy."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import polib

SRC = Path(__file__).resolve().parents[1] / "src" / "thuvien"
VIETNAMESE = re.compile("[ăâđêôơưàáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũỳýỵỷỹ]", re.I)
FUNCTIONS = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy",
             "ngettext", "ngettext_lazy", "_lazy"}  # fmt: skip
TRANSLATE = re.compile(r'\{%\s*(?:translate|trans)\s+"([^"]+)"(?:\s+context\s+"([^"]+)")?')


def _catalogues() -> list[Path]:
    return sorted(SRC.rglob("en/LC_MESSAGES/django.po"))


def _translated() -> set[tuple[str, str]]:
    found = set()
    for path in _catalogues():
        for entry in polib.pofile(str(path)):
            if (entry.msgstr or any(entry.msgstr_plural.values())) and "fuzzy" not in entry.flags:
                found.add((entry.msgctxt or "", entry.msgid))
    return found


def _marked() -> list[tuple[str, str, str]]:
    """(where, context, msgid) of every Vietnamese text marked in Python or a template."""
    marked = []
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            args = list(node.args)
            if name not in FUNCTIONS or not args:
                continue
            context = ""
            if name.startswith("pgettext"):
                if len(args) < 2 or not isinstance(args[0], ast.Constant):
                    continue
                context, args = str(args[0].value), args[1:]
            first = args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                marked.append((f"{path.relative_to(SRC)}:{node.lineno}", context, first.value))
    for path in SRC.rglob("*.html"):
        for match in TRANSLATE.finditer(path.read_text(encoding="utf-8")):
            marked.append((str(path.relative_to(SRC)), match.group(2) or "", match.group(1)))
    return [m for m in marked if VIETNAMESE.search(m[2])]


def test_no_english_entry_is_empty_or_fuzzy():
    bad = [
        f"{path.relative_to(SRC)}: {entry.msgid[:60]}"
        for path in _catalogues()
        for entry in polib.pofile(str(path))
        if entry.msgid and ("fuzzy" in entry.flags
                            or not (entry.msgstr or any(entry.msgstr_plural.values())))
    ]  # fmt: skip
    assert not bad, bad


def test_every_marked_vietnamese_text_has_english():
    marked = _marked()
    assert len(marked) > 2000  # the scan finds the project's texts
    translated = _translated()
    missing = sorted({f"{where}: {msgid[:80]}" for where, context, msgid in marked
                      if (context, msgid) not in translated})  # fmt: skip
    assert not missing, "add English to an en/LC_MESSAGES/django.po:\n" + "\n".join(missing)
