"""The result list and the facet column rendered in Python.

Why not templates: 20 result rows (each with up to four holdings lines) and ~60 facet values
made the Django template engine the largest share of a result page's CPU (variable lookups,
``{% include %}`` per row, filters and ``blocktranslate`` in loops: ~9 ms of ~16 ms per page).
Plain string building with the same markup and the same message ids costs a fraction of that.
Every value from the database goes through ``escape``; the message ids are the ones the
templates used, so the translations in ``locale/`` still apply.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from thuvien.search.selectors import FacetGroup, ResultRow, SearchPage

_MARK = 987654321

# The longest query the parser reads (``search.query.parse_query``); every portal search box
# keeps at most this many characters (``maxlength``, and ``_q_limit.html`` for the templates).
QUERY_MAX_LENGTH = 500

# The fixed texts of a result page. ``_texts`` translates and escapes them once per process
# and language (~40 gettext and escape calls a page otherwise); the catalogues only change
# with a deploy, and a test that changes the locale settings clears it (``_forget_texts``).
_TEXTS = (
    gettext_noop("Cách tìm"),
    gettext_noop("Đang mượn hết"),
    gettext_noop("Chưa có bản sao trên giá."),
    gettext_noop("Đã chọn:"),
    gettext_noop("số ước lượng"),
    gettext_noop("Lọc kết quả"),
    gettext_noop("Tra cứu tài liệu"),
    gettext_noop("Từ cần tìm"),
    gettext_noop("Nhan đề, tác giả, chủ đề, ISBN…"),
    gettext_noop("Tìm"),
    gettext_noop("Tìm tại"),
    gettext_noop("Toàn mạng lưới"),
    gettext_noop("Sắp xếp"),
    gettext_noop("Không đọc được câu tìm kiếm."),
    gettext_noop("Ví dụ:"),
    gettext_noop("Có phải bạn muốn tìm:"),
    gettext_noop("Các biểu ghi của cùng một tác phẩm."),
    gettext_noop("Bỏ bộ lọc"),
    gettext_noop("(bỏ)"),
    gettext_noop("Bộ lọc đang dùng"),
    gettext_noop("Phân trang"),
    gettext_noop("‹ Trang trước"),
    gettext_noop("Trang sau ›"),
    gettext_noop("Có sẵn %(n)s/%(t)s"),
    gettext_noop(
        "Câu bạn dán dài {n} ký tự; ô tìm kiếm chỉ giữ {max} ký tự đầu. "
        "Hãy rút gọn câu tìm kiếm cho đúng điều bạn cần tìm."
    ),
    gettext_noop("Đến trang kết quả cuối"),
    gettext_noop("Kết quả gần nghĩa"),
    gettext_noop(
        "Những tài liệu này được tìm theo ý nghĩa: nội dung gần với điều bạn tìm, "
        "nhưng có thể không chứa các từ bạn gõ."
    ),
    gettext_noop("Gần nghĩa"),
    gettext_noop("[Không nhan đề]"),  # a record without a title (catalog.titles)
)
_MEANING_NOTE = (
    "Những tài liệu này được tìm theo ý nghĩa: nội dung gần với điều bạn tìm, "
    "nhưng có thể không chứa các từ bạn gõ."
)
_PASTED = (
    "Câu bạn dán dài {n} ký tự; ô tìm kiếm chỉ giữ {max} ký tự đầu. "
    "Hãy rút gọn câu tìm kiếm cho đúng điều bạn cần tìm."
)


@lru_cache(maxsize=8)
def _texts(language: str | None) -> dict[str, str]:
    """The page's fixed texts in the active language (``language``, the cache key), escaped."""
    return {message: escape(_(message)) for message in _TEXTS}


@lru_cache(maxsize=16)
def url_pattern(name: str, script_prefix: str) -> str:
    """``reverse(name)`` with ``{}`` for its one integer argument, if it takes one.

    Reversed once per process and script prefix (the URLconf does not change while it runs).
    """
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse(name, args=[_MARK]).replace(str(_MARK), "{}")


@receiver(setting_changed)
def _forget_texts(**kwargs: object) -> None:
    _texts.cache_clear()
    url_pattern.cache_clear()  # ROOT_URLCONF may have changed


# ``escape`` of the short strings that recur on every page (library names and codes, facet
# and material labels, a title's first letter): a pure function, so a bounded memo is safe.
_esc = lru_cache(maxsize=4096)(escape)


def _num(n: int) -> str:
    """A count as the reader's language writes it: "194.000" in Vietnamese, "194,000" in
    English (Django's Vietnamese formats define no grouping, and turning
    USE_THOUSAND_SEPARATOR on would group years and ids in every template too)."""
    if n < 1000:
        return str(n)
    return f"{n:,}".replace(",", "," if get_language() == "en" else ".")


def results_html(
    rows: list[ResultRow], extras: dict[int, str] | None = None, *, by_meaning: bool = False
) -> SafeString:
    """The ``<li class="ritem">`` elements of one result page; ``extras`` adds safe HTML under
    a record's line (full-text hits in its digital copy). Rows ``by_meaning`` carry a written
    tag (not a colour alone) saying they were found by meaning, not by the words."""
    t = _texts(get_language())
    item = '<li class="ritem rmeaning">' if by_meaning else '<li class="ritem">'
    tag = f'<span class="mtag">{t["Gần nghĩa"]}</span> ' if by_meaning else ""
    record_url = url_pattern("opac_search:record", get_script_prefix())
    available = t["Có sẵn %(n)s/%(t)s"]
    all_on_loan = t["Đang mượn hết"]
    no_copies = t["Chưa có bản sao trên giá."]
    untitled = t["[Không nhan đề]"]
    out: list[str] = []
    add = out.append
    for row in rows:
        rec = row.record
        title = rec.title or ""
        add(
            f'{item}\n  <div class="cover c-{_esc(rec.material_type or "")}" '
            f'aria-hidden="true">{_esc(title[:1].upper())}</div>\n  <div class="rbody">\n'
            f'    <h3 class="rtitle"><a href="{record_url.format(rec.pk)}">'
            f"{escape(title) if title else untitled}</a></h3>\n"
            f'    <p class="rmeta">{tag}'
        )
        if rec.authors:
            add(escape("; ".join(str(a) for a in rec.authors)) + " · ")
        if rec.publisher:
            add(escape(rec.publisher) + " · ")
        if rec.year:
            add(escape(str(rec.year)) + " · ")
        add(f'<span class="mt">{_esc(str(row.material_label))}</span></p>\n')
        if extras and rec.pk in extras:
            add(f"    {extras[rec.pk]}\n")
        if row.holdings:
            add('    <ul class="avail">\n      ')
            for h in row.holdings[:3]:
                if h.available:
                    # The text is escaped already; the numbers are digits.
                    status = available % {"n": _num(h.available), "t": _num(h.total)}
                    add(f'<li><span class="status-available">{status}</span>')
                else:
                    add(f'<li><span class="status-on_loan">{all_on_loan}</span>')
                add(f" – {_esc(h.name)}</li>")
            more = len(row.holdings) - 3
            if more > 0:
                text = ngettext("và %(n)s thư viện khác", "và %(n)s thư viện khác", more) % {
                    "n": _num(more)
                }
                add(f'\n      <li class="muted">{escape(text)}</li>')
            add("\n    </ul>")
        else:
            add(f'<p class="muted">{no_copies}</p>')
        hit = row.hit
        if hit.cluster_size > 1:
            if hit.cluster_libraries:
                text = ngettext(
                    "%(r)s biểu ghi của tác phẩm này, có tại %(n)s thư viện",
                    "%(r)s biểu ghi của tác phẩm này, có tại %(n)s thư viện",
                    hit.cluster_libraries,
                ) % {"r": _num(hit.cluster_size), "n": _num(hit.cluster_libraries)}
            else:  # no library holds a copy yet: no "held by 0 libraries"
                text = ngettext(
                    "%(r)s biểu ghi của tác phẩm này",
                    "%(r)s biểu ghi của tác phẩm này",
                    hit.cluster_size,
                ) % {"r": _num(hit.cluster_size)}
            work = escape(quote(str(hit.work), safe="/"))
            add(f'\n    <p class="cluster"><a href="?work={work}">{escape(text)}</a></p>')
        add("\n  </div>\n</li>\n")
    return mark_safe("".join(out))  # noqa: S308 - every inserted value is escaped above


def facets_html(page: SearchPage) -> SafeString:
    """The ``<aside id="filters">`` column: one section per facet group."""
    groups: list[FacetGroup] = page.facets
    t = _texts(get_language())
    selected = t["Đã chọn:"]
    approx = f'<abbr title="{t["số ước lượng"]}">≈</abbr>' if page.facets_approximate else ""
    out = [
        '<aside id="filters" class="facets" aria-labelledby="fh" tabindex="-1">\n'
        f'  <h2 id="fh">{t["Lọc kết quả"]}</h2>\n'
    ]
    add = out.append
    for group in groups:
        add(f'  <section class="fgroup">\n    <h3>{_esc(str(group.title))}</h3>\n    <ul>')
        for v in group.values:
            if v.selected:
                add(
                    f'<li><a href="{escape(v.url)}" aria-current="true" class="sel">'
                    f'<span class="visually-hidden">{selected} </span>'
                )
            else:
                add(f'<li><a href="{escape(v.url)}">')
            add(f'{_esc(str(v.label))}</a> <span class="n">{approx}{_num(v.count)}</span></li>')
        add("</ul>\n  </section>\n")
    add("</aside>\n")
    return mark_safe("".join(out))  # noqa: S308 - every inserted value is escaped above


def options_html(choices: list[tuple[str, str]], selected: str) -> SafeString:
    """``<option>`` elements of a select (the library menu holds every library of a network)."""
    out = []
    for value, label in choices:
        sel = " selected" if value == selected else ""
        out.append(f'<option value="{_esc(str(value))}"{sel}>{_esc(str(label))}</option>')
    return mark_safe("".join(out))  # noqa: S308 - every inserted value is escaped above


def _unknown_scope(kind: str, code: str) -> str:
    """What the page says of a scope parameter that names nothing (a stale link)."""
    if kind == "library":
        text = _("Không có thư viện mã “%(code)s”: kết quả là của toàn mạng lưới.")
    elif kind == "group":
        text = _("Không có nhóm thư viện “%(code)s”: kết quả là của toàn mạng lưới.")
    else:
        text = _("Không có mạng lưới thư viện mã “%(code)s”: kết quả là của mọi mạng lưới.")
    return text % {"code": code[:50]}


def _ignored_parameter(name: str, value: str) -> str:
    """What the page says of a parameter it could not read and searched without."""
    if name == "year":
        text = _("Bỏ qua khoảng năm “%(value)s”: không có khoảng năm này.")
    elif name == "sort":
        text = _("Bỏ qua cách sắp xếp “%(value)s”: kết quả xếp theo mức độ phù hợp.")
    elif name == "start":
        text = _("Bỏ qua vị trí “%(value)s”: kết quả bắt đầu từ đầu.")
    elif name == "grp":
        text = _("Bỏ qua bộ lọc nhóm thư viện “%(value)s”: không phải mã nhóm.")
    else:
        text = _("Bỏ qua bộ lọc thư viện “%(value)s”: không phải mã thư viện.")
    return text % {"value": value[:50]}


def content_html(
    *,
    page: SearchPage,
    search_url: str,
    library_options: str,
    sort_options: str,
    hidden: list[tuple[str, str]],
    chosen: list[tuple[str, str, str]],
    rows_html: str,
    facets_html: str,
    suggestion_url: str,
    prev_url: str | None,
    next_url: str | None,
    scope_label: str | None = None,
    last_url: str | None = None,
    query_length: int = 0,
    mode_options: str = "",
    meaning_html: str = "",
    meaning_first: int = 0,
    digital_html: str = "",
) -> SafeString:
    """The page's ``content`` block: the search form, the count, the list, pager and facets.

    It was the template part of a result page (~0.6 ms of CPU: ~40 variable and ``translate``
    nodes, a ``blocktranslate`` with a plural); the markup and message ids are the template's.
    ``meaning_html``: the rows found by meaning (numbered from ``meaning_first``), in a section
    of their own under its heading, after the word results. ``digital_html``: the digitised
    objects without a record that the words find (``opac.digital.snippets``), under the count.
    """
    t = _texts(get_language())
    out = [
        f'\n<h1 class="visually-hidden">{t["Tra cứu tài liệu"]}</h1>\n'
        f'<form class="sform" role="search" method="get" action="{escape(search_url)}">\n'
        f'  <label for="q" class="visually-hidden">{t["Từ cần tìm"]}</label>\n'
        '  <div class="search-box">\n'
        f'    <input type="search" id="q" name="q" value="{escape(page.q)}" placeholder="'
        f'{t["Nhan đề, tác giả, chủ đề, ISBN…"]}" autocomplete="off" '
        f'maxlength="{QUERY_MAX_LENGTH}" data-too-long="{t[_PASTED]}">\n'
        f'    <button class="btn btn-primary" type="submit">{t["Tìm"]}</button>\n'
        "  </div>\n"
        '  <div class="sopts">\n'
        f'    <label for="scope">{t["Tìm tại"]}</label>\n'
        '    <select id="scope" name="library">\n'
        f'      <option value="">{escape(scope_label) if scope_label else t["Toàn mạng lưới"]}'
        "</option>\n"
        f"      {library_options}\n"
        "    </select>\n"
        f'    <label for="sort">{t["Sắp xếp"]}</label>\n'
        '    <select id="sort" name="sort">\n'
        f"      {sort_options}\n"
        "    </select>\n    "
    ]
    if mode_options:  # meaning-based search (thuvien.ai): words, meaning, or words then meaning
        out.append(
            f'<label for="mode">{t["Cách tìm"]}</label>\n'
            f'    <select id="mode" name="mode">{mode_options}</select>\n    '
        )
    add = out.append
    for k, v in hidden:
        add(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">')
    add("\n  </div>\n</form>\n")
    if page.error_code == "search.too_long":
        # Not a syntax problem: no examples of syntax, but how long it was and what to do.
        text = _(
            "Câu tìm kiếm quá dài: %(n)s ký tự. Hệ thống tìm được với câu dài tối đa %(max)s "
            "ký tự; ô tìm kiếm ở trên giữ %(max)s ký tự đầu của câu bạn gửi. Hãy rút gọn "
            "rồi bấm Tìm."
        ) % {"n": _num(query_length), "max": _num(QUERY_MAX_LENGTH)}
        add(f'\n  <div class="alert alert-error" role="alert"><p>{escape(text)}</p></div>\n\n')
        return mark_safe("".join(out))  # noqa: S308 - every inserted value is escaped above
    if page.error:
        add(
            '\n  <div class="alert alert-error" role="alert"><p><strong>'
            f"{t['Không đọc được câu tìm kiếm.']}</strong> {escape(page.error)}</p>\n"
            f"  <p>{t['Ví dụ:']} <code>lịch sử việt nam</code>, "
            '<code>"truyện kiều"</code>, <code>tacgia:(nguyễn du)</code>, <code>lich*</code>, '
            "<code>kiều OR lục NOT vân</code></p></div>\n\n"
        )
        return mark_safe("".join(out))  # noqa: S308 - every inserted value is escaped above
    first = page.start + 1
    beyond = page.total and not page.rows and page.start > 0
    if beyond:  # a start past the last result (an old link, a hand-edited address)
        count = ngettext(
            "Trang này nằm ngoài kết quả: chỉ có %(n)s kết quả.",
            "Trang này nằm ngoài kết quả: chỉ có %(n)s kết quả.",
            page.total,
        ) % {"n": _num(page.total)}
    elif page.total:
        total = _num(page.total)
        if page.total_approximate:  # a broad search's estimated total (the backend's)
            total = _("khoảng %(n)s") % {"n": total}
        count = ngettext(
            "%(first)s–%(last)s trong %(n)s kết quả",
            "%(first)s–%(last)s trong %(n)s kết quả",
            page.total,
        ) % {"first": _num(first), "last": _num(page.start + len(page.rows)), "n": total}
    elif digital_html:  # the digital library's section below has some
        count = _("Không có kết quả trong mục lục các thư viện")
    else:
        count = _("Không có kết quả")  # escaped with the plural form below
    add(
        '\n<div class="slayout">\n'
        '  <section class="sresults" aria-labelledby="rh">\n'
        '    <h2 id="rh" class="rcount" aria-live="polite">\n'
        f"      {escape(count)}\n"
        "    </h2>\n    "
    )
    if page.suggestion:
        add(
            f'<p class="dym">{t["Có phải bạn muốn tìm:"]} <a href="'
            f'{escape(suggestion_url)}">{escape(page.suggestion)}</a>?</p>'
        )
    for kind, code in page.scope.unknown:
        add(f'<p class="alert" role="status">{escape(_unknown_scope(kind, code))}</p>')
    for name, value in page.ignored:
        add(f'<p class="alert" role="status">{escape(_ignored_parameter(name, value))}</p>')
    add(digital_html)
    add("\n    ")
    if page.work:
        add(f'<p class="alert">{t["Các biểu ghi của cùng một tác phẩm."]}</p>')
    add("\n    ")
    if chosen:
        remove = t["Bỏ bộ lọc"]
        hint = t["(bỏ)"]
        add(f'<ul class="chips" aria-label="{t["Bộ lọc đang dùng"]}">')
        for title, label, url in chosen:
            add(
                f'<li><a href="{escape(url)}" title="{remove}">{escape(str(title))}: '
                f'{escape(str(label))} <span aria-hidden="true">×</span>'
                f'<span class="visually-hidden">{hint}</span></a></li>'
            )
        add("</ul>")
    add("\n    ")
    if page.facets:
        add(f'<p class="jump"><a href="#filters">{t["Lọc kết quả"]}</a></p>')
    if beyond:
        if last_url:
            add(
                f'<p class="beyond"><a class="btn" href="{escape(last_url)}">'
                f"{t['Đến trang kết quả cuối']}</a></p>"
            )
    else:
        if rows_html or not meaning_html:
            add(f'\n    <ol class="rlist" start="{first}">\n    {rows_html}\n    </ol>\n    ')
        if meaning_html:
            add(
                '\n    <section class="by-meaning" aria-labelledby="mh">\n'
                f'      <h2 id="mh" class="mhead">{t["Kết quả gần nghĩa"]}</h2>\n'
                f'      <p class="mnote">{t[_MEANING_NOTE]}</p>\n'
                f'      <ol class="rlist" start="{meaning_first}">\n    {meaning_html}\n'
                "      </ol>\n    </section>\n    "
            )
    if page.window_end:
        limit = _("Chỉ xem được %(n)s kết quả đầu tiên. Hãy thêm từ cần tìm hoặc chọn bộ lọc "
                  "để thu hẹp kết quả.") % {"n": _num(page.start + len(page.rows))}  # fmt: skip
        add(f'<p class="window-end">{escape(limit)}</p>\n    ')
    if prev_url or next_url:
        add(f'<nav class="pager" aria-label="{t["Phân trang"]}">\n      ')
        if prev_url:
            add(f'<a class="btn" href="{escape(prev_url)}" rel="prev">{t["‹ Trang trước"]}</a>')
        add("\n      ")
        if next_url:
            add(f'<a class="btn" href="{escape(next_url)}" rel="next">{t["Trang sau ›"]}</a>')
        add("\n    </nav>")
    add("\n  </section>\n  ")
    if page.facets:
        add(facets_html)
    add("\n</div>\n\n")
    return mark_safe("".join(out))  # noqa: S308 - every inserted value is escaped above
