"""Importing MARC files into the union catalogue: stream, match, write in batches.

The file is read record by record (``marc.reader``); every ``BATCH`` readable records are
extracted, matched against the network with one query per identifier kind, and written with raw
batched inserts: new records, their identifiers, the items of the importing library (from
852/952), the outbox rows for the search index and one audit entry. Batches are committed
together, ``COMMIT_RECORDS`` records a transaction (see ``_Importer.run``). A file that dies
half way therefore leaves whole transactions only, and a second run matches what the first
stored (each record also keeps a ``sha`` identifier of its exact content) instead of
duplicating it. Records that cannot be read are reported with their position and reason.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thuvien.core.audit import audit_record
from thuvien.core.db import sqlite_bulk_writes
from thuvien.core.hooks import Hook
from thuvien.core.scoping import library_scope

from ..errors import CatalogError, CatalogErrorCode
from ..marc.reader import FORMATS
from ..models import Record, RecordIdentifier
from .import_pipeline import PreparedBatch, gc_relaxed, iter_prepared, iter_prepared_prefix
from .match_key import key_candidates
from .rawinsert import (
    EXTRACTED_COLUMNS,
    TITLE_AT,
    ExtractedRow,
    extracted_values,
    insert_identifiers,
    insert_outbox,
    insert_records,
    lookup_identifiers,
)
from .records import OUTBOX_TOPIC
from .set_leaves import record_material_follow

# Who may see a record depends on its copies (issue 19), a rule of holdings: holdings registers
# here a context manager that wraps the insert of copies into records that existed before the
# import (``holdings.services.record_visibility_kept``: a record the public no longer sees is
# told to harvesters as deleted). Records the import creates were never shown: not watched.
copies_added_watchers: Hook[Callable[[list[int]], AbstractContextManager[None]]] = Hook(
    "catalog.copies_added"
)

if TYPE_CHECKING:
    from thuvien.accounts.models import User
    from thuvien.network.models import Library, Location, Network

MATCH_RULES = ("isbn", "035", "001", "key")
# The rules in words: the upload form, its preview and the job's page all name them so.
MATCH_RULE_LABELS = {
    "isbn": _("ISBN"),
    "035": _("Số hệ thống (035)"),
    "001": _("Số kiểm soát (001 + 003)"),
    "key": _("Nhan đề + tác giả + năm"),
}
DEFAULT_MATCH = ("isbn", "035", "001")
BATCH = 2000
# Records per write transaction. At a million records every commit of 2,000 wrote a leaf page
# of each random-key index (title_sort, match_key, work_key, identifiers) per record to the WAL;
# 10,000 a commit share the leaves: writer CPU 114 -> 99 us a record (300k records, measured
# with the bulk PRAGMAs). The write lock is held about a second and a half, never while waiting
# for the readers.
COMMIT_RECORDS = 10_000
_IN_CHUNK = 900
PREVIEW_RECORDS = 1000  # records the upload page's preview reads (in the request)


@dataclass(slots=True)
class ImportIssue:
    position: int
    reason: str
    file: str = ""
    level: str = "error"  # "error": record not imported; "warning": imported with a remark


@dataclass(slots=True)
class ImportRow:
    """What happened (or would happen) to one record; kept for the preview's first rows."""

    position: int
    title: str
    action: str  # "create", "match", "skip"
    rule: str = ""
    record_id: int | None = None
    items: int = 0


@dataclass
class ImportReport:
    read: int = 0
    created: int = 0
    matched: int = 0
    replaced: int = 0
    items_created: int = 0
    items_existing: int = 0
    matched_by: dict[str, int] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)
    rows: list[ImportRow] = field(default_factory=list)
    dry_run: bool = False
    match_rules: tuple[str, ...] = DEFAULT_MATCH
    truncated: bool = False  # a preview that read only the first records of the file

    @property
    def errors(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def nothing_to_import(self) -> bool:
        """Whether running the import would change nothing: the whole file was read and no
        record would be created, matched (a match may add copies) or replaced. A preview that
        read only the start of a long file cannot tell."""
        return not self.truncated and not (
            self.created or self.matched or self.replaced or self.items_created
        )

    @property
    def failed(self) -> int:
        """Records read but not imported (errors of a record, not of a whole file)."""
        return sum(1 for i in self.issues if i.level == "error" and i.position > 0)

    def summary(self) -> str:
        """One sentence for people: what the import did (the job's final message)."""
        if self.dry_run:
            text = gettext(
                "Chạy thử xong: đọc %(read)s biểu ghi; sẽ tạo mới %(created)s, trùng biểu ghi đã "
                "có %(matched)s, sẽ cập nhật %(replaced)s, lỗi %(failed)s."
            )
        else:
            text = gettext(
                "Đã nhập xong: đọc %(read)s biểu ghi; tạo mới %(created)s, trùng biểu ghi đã có "
                "%(matched)s, cập nhật %(replaced)s, lỗi %(failed)s."
            )
        return text % {
            "read": self.read,
            "created": self.created,
            "matched": self.matched,
            "replaced": self.replaced,
            "failed": self.failed,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "created": self.created,
            "matched": self.matched,
            "replaced": self.replaced,
            "items_created": self.items_created,
            "items_existing": self.items_existing,
            "matched_by": self.matched_by,
            "failed": self.failed,
            "errors": len(self.errors),
            "warnings": len(self.issues) - len(self.errors),
            "dry_run": self.dry_run,
            "match_rules": list(self.match_rules),
        }

    def to_csv(self) -> str:
        """The downloadable report: one line per problem (position in the file, file, level,
        reason), every record that was not imported among them; a file without problems
        says so in a line of its own, so the report is never a bare header."""
        levels = {"error": gettext("Lỗi"), "warning": gettext("Lưu ý")}
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["vi_tri", "tep", "muc_do", "ly_do"])
        for issue in self.issues:
            writer.writerow(
                [issue.position, issue.file, levels.get(issue.level, issue.level), issue.reason]
            )
        if not self.errors:
            writer.writerow(["", "", gettext("Không có lỗi"), gettext("Không có lỗi (no errors).")])
        writer.writerow(["", "", gettext("Tổng kết"), self.summary()])
        return out.getvalue()


# The preview the upload page shows is a dry run that keeps the first rows.
ImportPreview = ImportReport


def parse_match_rules(rules: str | Iterable[str] | None) -> tuple[str, ...]:
    if rules is None:
        return DEFAULT_MATCH
    items = rules.split(",") if isinstance(rules, str) else list(rules)
    cleaned = tuple(r.strip().lower() for r in items if r and r.strip())
    for rule in cleaned:
        if rule not in MATCH_RULES:
            raise CatalogError(
                CatalogErrorCode.IMPORT_MATCH_RULE,
                gettext("Quy tắc so trùng “%(rule)s” không có; chọn trong: %(rules)s.")
                % {"rule": rule, "rules": ", ".join(MATCH_RULES)},
                field="match_rules",
            )
    return cleaned


@dataclass(slots=True)
class _Pending:
    position: int
    marc_json: bytes
    row: ExtractedRow  # rawinsert.extracted_row
    identifiers: list[tuple[str, str]]
    lookups: dict[str, list[str]]
    items: list[Any]
    match: tuple[str, int] | None = None  # (rule, record id)
    same_as: int | None = None  # index of an earlier record of this batch
    record_id: int | None = None
    new_items: int = 0  # copies of this record created (or, in a dry run, to be created)


class _Importer:
    def __init__(self, *, network: Network, library: Library | None, rules: tuple[str, ...],
                 dry_run: bool, on_match: str, actor: User | None, sample: int,
                 file_label: str) -> None:  # fmt: skip
        self.network, self.library, self.rules = network, library, rules
        self.dry_run, self.on_match, self.actor = dry_run, on_match, actor
        self.sample, self.file_label = sample, file_label
        self.report = ImportReport(dry_run=dry_run, match_rules=rules)
        self.seen: dict[tuple[str, str], int] = {}  # dry runs: identifiers met in earlier batches
        self.locations: dict[str, Location] = {}
        if library is not None:
            from thuvien.network.models import Location

            self.locations = {
                loc.code.lower(): loc for loc in Location.objects.filter(library=library)
            }

    # -- one batch ---------------------------------------------------------------------

    def run(
        self, batches: Iterable[PreparedBatch], commit_records: int, done: Callable[[int], None]
    ) -> None:
        """Import ``batches``: a dry run batch by batch; a real one collects batches until
        ``commit_records`` records are waiting, then matches and writes them in one transaction.
        Collected first, so the write lock is never held while the reader processes parse."""
        group: list[PreparedBatch] = []
        waiting = 0
        for prepared in batches:
            if self.dry_run:
                self.batch(prepared)
                done(prepared.read)
                continue
            group.append(prepared)
            waiting += prepared.read
            if waiting >= commit_records:
                self._commit(group, done)
                group, waiting = [], 0
        if group:
            self._commit(group, done)

    def _commit(self, group: list[PreparedBatch], done: Callable[[int], None]) -> None:
        with transaction.atomic():
            for prepared in group:
                self.batch(prepared)
        for prepared in group:
            done(prepared.read)

    def batch(self, prepared: PreparedBatch) -> None:
        """Match and write (dry run: account) one batch; a real one inside a transaction."""
        self.report.read += prepared.read
        for position, reason, level in prepared.issues:
            self._issue(position, reason, level)
        pending = [
            _Pending(r.position, r.marc_json, r.row, r.identifiers, r.lookups, r.items)
            for r in prepared.records
        ]
        if pending:
            self._match(pending)
            if self.dry_run:
                self._account(pending, {})
            else:
                self._write(pending)

    def _issue(self, position: int, reason: str, level: str = "error") -> None:
        self.report.issues.append(ImportIssue(position, reason, self.file_label, level))

    def _match(self, pending: list[_Pending]) -> None:
        wanted: dict[str, set[str]] = {}
        for p in pending:
            for kind, values in p.lookups.items():
                wanted.setdefault(kind, set()).update(values)
        found: dict[tuple[str, str], int] = {}
        rows: Iterable[tuple[str, int]]
        for kind, wanted_values in wanted.items():
            vals = sorted(wanted_values)
            for i in range(0, len(vals), _IN_CHUNK):
                chunk = vals[i : i + _IN_CHUNK]
                if kind == "key":
                    rows = key_candidates(self.network, chunk)
                else:
                    rows = lookup_identifiers(self.network.pk, kind, chunk)
                for value, record_id in rows:
                    found.setdefault((kind, value), record_id)
        order = [
            "sha",
            *[k for r in self.rules for k in (("isbn", "issn") if r == "isbn" else (r,))],
        ]
        in_batch: dict[tuple[str, str], int] = {}
        for index, p in enumerate(pending):
            for kind in order:
                for value in p.lookups.get(kind, ()):
                    key = (kind, value)
                    if key in found:
                        p.match = ("sha" if kind == "sha" else _rule(kind), found[key])
                    elif key in in_batch:
                        p.same_as = in_batch[key]
                    elif key in self.seen:
                        p.match = ("sha" if kind == "sha" else _rule(kind), -self.seen[key])
                    if p.match or p.same_as is not None:
                        break
                if p.match or p.same_as is not None:
                    break
            if p.match is None and p.same_as is None:
                for kind, values in p.lookups.items():
                    for value in values:
                        in_batch.setdefault((kind, value), index)
                        if self.dry_run:
                            self.seen.setdefault((kind, value), p.position)

    def _write(self, pending: list[_Pending]) -> None:
        actor_id = self.actor.pk if self.actor is not None and self.actor.is_authenticated else None
        new = [p for p in pending if p.match is None and p.same_as is None]
        ids = insert_records(
            network_id=self.network.pk,
            rows=[(p.marc_json, p.row) for p in new],
            created_by_id=actor_id,
            cataloguing_library_id=self.library.pk if self.library is not None else None,
        )
        for p, pk in zip(new, ids, strict=True):
            p.record_id = pk
        insert_identifiers(
            self.network.pk,
            ((pk, k, v) for p, pk in zip(new, ids, strict=True) for k, v in p.identifiers),
        )
        changed: set[int] = set(ids)
        if self.on_match == "replace":
            changed |= self._replace(
                [(p, p.match[1]) for p in pending if p.match and p.match[0] != "sha"]
            )
        items_by_record = self._items(pending)
        changed |= items_by_record
        self._account(pending, {})
        insert_outbox(OUTBOX_TOPIC, sorted(changed))
        audit_record(
            actor=self.actor,
            action="catalog.import.batch",
            library=self.library,
            network=self.network,
            changes={"file": self.file_label, "created": len(new), "records": len(pending)},
        )

    def _replace(self, matched: list[tuple[_Pending, int]]) -> set[int]:
        """Give the records ``matched`` (each with the id of the record it matched) the
        file's MARC and extracted values."""
        records = {r.pk: r for r in Record.objects.filter(pk__in=[pk for _, pk in matched])}
        material = {pk: r.material_type for pk, r in records.items()}
        now = timezone.now()
        for p, pk in matched:
            record = records[pk]
            record.marc = json.loads(p.marc_json)
            record.updated_at = now  # a changed record: OAI-PMH harvesters asking ``from`` see it
            for name, value in extracted_values(p.row).items():
                setattr(record, name, value)
        fields = ["marc", *EXTRACTED_COLUMNS, "updated_at"]
        if records:
            Record.objects.bulk_update(list(records.values()), fields, batch_size=500)
            record_material_follow(
                {pk: (material[pk], r.material_type) for pk, r in records.items()}, now
            )
            RecordIdentifier.objects.filter(record_id__in=records).delete()
            RecordIdentifier.objects.bulk_create(
                [
                    RecordIdentifier(record_id=pk, network=self.network, kind=k, value=v)
                    for p, pk in matched
                    for k, v in p.identifiers
                ]
            )
            self.report.replaced += len(records)
        return set(records)

    def _record_id(self, pending: list[_Pending], p: _Pending) -> int | None:
        if p.match:
            return p.match[1] if p.match[1] > 0 else None
        if p.same_as is not None:
            return self._record_id(pending, pending[p.same_as])
        return p.record_id

    def _items(self, pending: list[_Pending]) -> set[int]:
        if self.library is None:
            return set()
        from thuvien.holdings.item_sql import insert_items, item_records_by_barcode

        specs = [(p, s) for p in pending for s in p.items]
        if not specs:
            return set()
        # a dry run marks the barcodes it would add with None (no record id yet)
        existing: dict[str, int | None] = {}
        existing.update(item_records_by_barcode([s.barcode for _, s in specs]))
        to_create, touched = [], set()
        for p, spec in specs:
            record_id = self._record_id(pending, p)
            if spec.barcode in existing:
                if existing[spec.barcode] == record_id:
                    self.report.items_existing += 1
                else:
                    self._issue(p.position, gettext("Mã vạch %(b)s đã thuộc biểu ghi khác, bỏ qua "
                                                    "bản sao này.") % {"b": spec.barcode},
                                "warning")  # fmt: skip
                continue
            existing[spec.barcode] = record_id
            p.new_items += 1
            if record_id is None:  # dry run: the record is not stored yet
                self.report.items_created += 1
                continue
            location = self.locations.get(spec.location_code.lower())
            to_create.append(
                {
                    "record_id": record_id,
                    "library_id": self.library.pk,
                    "barcode": spec.barcode,
                    "location_id": location.pk if location else None,
                    "call_number": spec.call_number,
                    "item_type": spec.item_type,
                    "price": spec.price,
                    "acquired_on": spec.acquired_on,
                    "acquisition_source": spec.acquisition_source,
                    "notes": spec.notes,
                }
            )
            touched.add(record_id)
        if not self.dry_run:
            matched = {p.match[1] for p in pending if p.match}
            existing_ids = sorted({row["record_id"] for row in to_create} & matched)
            with ExitStack() as watching:
                for watch in copies_added_watchers if existing_ids else ():
                    watching.enter_context(watch(existing_ids))
                insert_items(to_create)
            self.report.items_created += len(to_create)
        return touched

    def _account(self, pending: list[_Pending], _unused: dict[str, object]) -> None:
        r = self.report
        if self.dry_run and self.library is not None:
            self._items(pending)  # counts each record's copies for its preview row
        for p in pending:
            if p.match or p.same_as is not None:
                rule = p.match[0] if p.match else "file"
                r.matched += 1
                r.matched_by[rule] = r.matched_by.get(rule, 0) + 1
                action = "match"
            else:
                r.created += 1
                rule, action = "", "create"
            if len(r.rows) < self.sample:
                rid = self._record_id(pending, p)
                r.rows.append(
                    ImportRow(p.position, p.row[TITLE_AT], action, rule, rid, p.new_items)
                )


def _rule(kind: str) -> str:
    return "isbn" if kind == "issn" else kind



def _import_scope(library: Library | None) -> AbstractContextManager[None]:
    """The library scope an import writes in: the library its copies go to. An import of
    records alone (no library) opens none: records belong to the network, and a query on
    library-owned rows there fails loudly instead of reading every library's."""
    return library_scope(library) if library is not None else nullcontext()


def import_run(
    *,
    paths: Iterable[str | Path],
    network: Network,
    file_names: Sequence[str] = (),
    fmt: str | None = None,
    library: Library | None = None,
    match_rules: str | Iterable[str] | None = None,
    dry_run: bool = False,
    on_match: str = "keep",
    actor: User | None = None,
    sample: int = 0,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH,
    parallel: bool | None = None,
    commit_records: int = COMMIT_RECORDS,
    limit: int | None = None,
) -> ImportReport:
    """Import MARC files (``fmt`` None = guess) into ``network``; items go to ``library``.

    ``on_match`` is "keep" (a matched record keeps its MARC; only holdings are added) or
    "replace" (the file's MARC replaces it). Returns the report; raises CatalogError only for
    bad options or a file that cannot be opened, never for a bad record. ``parallel`` (None:
    for files of 4 MB and more) parses in a child process while this one writes. Each write
    transaction holds whole batches, at least ``commit_records`` records (the last fewer).
    ``file_names`` are the names the report gives the files, in order (an upload's original
    name; the stored file has a random one); a file without one is named by its path.
    ``limit`` reads only the first so many records of each file (a preview of a large file);
    the report is then ``truncated`` if the file went on.
    """
    if fmt is not None and fmt not in FORMATS:
        raise CatalogError(
            CatalogErrorCode.IMPORT_FORMAT,
            gettext("Định dạng “%(fmt)s” không được hỗ trợ.") % {"fmt": fmt},
            field="fmt",
        )
    if library is not None and library.network_id != network.pk:
        raise CatalogError(
            CatalogErrorCode.WRONG_NETWORK, gettext("Thư viện không thuộc mạng lưới này.")
        )
    rules = parse_match_rules(match_rules)
    report: ImportReport | None = None
    batches: Iterable[PreparedBatch]
    done = 0

    def batch_done(read: int) -> None:
        nonlocal done
        done += read
        if progress:
            progress(done)

    for index, path in enumerate(paths):
        path = Path(path)
        label = file_names[index] if index < len(file_names) and file_names[index] else path.name
        if not path.is_file():
            raise CatalogError(
                CatalogErrorCode.IMPORT_FILE,
                gettext("Không mở được tệp %(name)s.") % {"name": label},
            )
        importer = _Importer(network=network, library=library, rules=rules, dry_run=dry_run,
                             on_match=on_match, actor=actor, sample=sample,
                             file_label=label)  # fmt: skip
        if report is not None:
            importer.report = report
        read_before = importer.report.read
        if limit is not None:
            batches = iter_prepared_prefix(path, fmt, rules, library is not None, limit)
        else:
            batches = iter_prepared(path, fmt, rules, library is not None, batch_size, parallel)
        with gc_relaxed(), sqlite_bulk_writes(), _import_scope(library):
            importer.run(batches, commit_records, batch_done)
        if limit is not None and getattr(batches, "truncated", False):
            importer.report.truncated = True
        if importer.report.read == read_before and path.stat().st_size:
            importer._issue(0, gettext("Tệp không chứa biểu ghi MARC nào đọc được."))
        report = importer.report
    return report or ImportReport(dry_run=dry_run, match_rules=rules)


def import_preview(
    *,
    path: str | Path,
    fmt: str | None,
    match_rules: str | Iterable[str] | None,
    network: Network,
    library: Library | None = None,
    sample: int = 50,
    name: str = "",
    limit: int = PREVIEW_RECORDS,
) -> ImportPreview:
    """A dry run of the first ``limit`` records of the file (all of a small one): counts,
    problems, and what happens to the first rows. It runs inside the web request, so it
    reads a bounded prefix: a 200 MB file is previewed as fast as a small one, and the
    import job reads the whole file."""
    return import_run(
        paths=[path], file_names=[name], network=network, fmt=fmt, library=library,
        match_rules=match_rules, dry_run=True, sample=sample, limit=limit,
    )  # fmt: skip
