"""The tables the pages show, each as a file of its own: the download link under a table (or a
chart) gives exactly the rows and columns on the page, in plain CSV and in the spreadsheet
dialect. Every row starts with the municipality's code and name."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from macros import progress
from macros.model import Activity, Dataset, Indicator, Promise, Status
from macros.publish import csv_cells
from macros.publish.export import Value, write_excel_csv
from macros.site import pages


@dataclass(frozen=True)
class PageTable:
    path: str  # site-relative, without extension
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


def _key(promise: Promise) -> tuple[str, str]:
    return promise.municipality.code, promise.municipality.name


def overview_table(promise: Promise, year: int) -> PageTable:
    header = (
        "kommunkod",
        "kommunnamn",
        "ar",
        "omrade",
        *(s.value for s in Status),
        "ej uppföljd",
        "andel genomförda (procent)",
        f"förändring mot {year - 1} (procentenheter)",
    )
    rows = tuple(
        (
            *_key(promise),
            year,
            row.title or "Alla områden",
            *(n for _, n in row.count.by_status),
            row.count.not_followed_up,
            _percent(row.count.share_done),
            row.change,
        )
        for row in progress.overview(promise, year)
    )
    return PageTable(pages.table_path(promise, f"oversikt-{year}"), header, rows)


def share_table(promise: Promise) -> PageTable:
    header = ("kommunkod", "kommunnamn", "ar", "genomförda", "uppföljda", "andel (procent)")
    rows = []
    for year in progress.followed_up_years(promise):
        count = progress.count_by_status(progress.running(promise, year), promise, year)
        rows.append(
            (*_key(promise), year, count.done, count.followed_up, _percent(count.share_done))
        )
    return PageTable(pages.table_path(promise, "andel-per-ar"), header, tuple(rows))


def indicator_table(promise: Promise, indicator: Indicator) -> PageTable:
    header = ("kommunkod", "kommunnamn", "indikator", "enhet", "ar", "varde", "anmarkning")
    unit = indicator.unit
    rows: list[tuple[Value, ...]] = [
        (
            *_key(promise),
            indicator.name,
            unit,
            indicator.baseline.year,
            indicator.baseline.value,
            "Utgångsvärde",
        )
    ]
    rows += [
        (*_key(promise), indicator.name, unit, m.year, m.value, m.source or "")
        for m in indicator.values
    ]
    if indicator.target is not None:
        target = indicator.target
        rows.append((*_key(promise), indicator.name, unit, target.year, target.value, "Mål"))
    return PageTable(pages.table_path(promise, f"indikator-{indicator.id}"), header, tuple(rows))


def history_table(promise: Promise, activity: Activity) -> PageTable:
    header = ("kommunkod", "kommunnamn", "aktivitet", "ar", "status")
    rows = tuple(
        (*_key(promise), activity.title, year, "ej uppföljd" if status is None else status.value)
        for year, status in progress.status_history(promise, activity)
    )
    return PageTable(pages.table_path(promise, f"status-{activity.id}"), header, rows)


def municipalities_table(dataset: Dataset) -> PageTable:
    header = (
        "kommunkod",
        "kommunnamn",
        "lofte",
        "senaste uppfoljning",
        "andel genomförda (procent)",
    )
    rows = []
    for municipality in dataset.municipalities:
        promise = dataset.promises_of(municipality.id)[0]
        year = progress.latest_year(promise)
        share = None
        if year is not None:
            count = progress.count_by_status(progress.running(promise, year), promise, year)
            share = _percent(count.share_done)
        rows.append((*_key(promise), promise.title, year, share))
    return PageTable(pages.MUNICIPALITIES_TABLE, header, tuple(rows))


def page_tables(dataset: Dataset) -> list[PageTable]:
    """Every table a page shows, once."""
    found = [municipalities_table(dataset)]
    for promise in dataset.promises:
        found += [overview_table(promise, y) for y in progress.followed_up_years(promise)]
        found.append(share_table(promise))
        found += [indicator_table(promise, i) for i in promise.indicators]
        found += [history_table(promise, a) for a in promise.activities]
    return found


def cell(value: Value) -> str:
    """A cell as text; a text that a spreadsheet would run as a formula is guarded."""
    if isinstance(value, str):
        return csv_cells.protect(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_plain(table: PageTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([cell(v) for v in row] for row in table.rows)
    return out.getvalue()


def spreadsheet_cell(value: Value) -> str:
    """A cell for a Swedish spreadsheet: numbers with a decimal comma."""
    return cell(value).replace(".", ",") if isinstance(value, float) else cell(value)


def write_spreadsheet(table: PageTable) -> str:
    return write_excel_csv(
        list(table.header), [[spreadsheet_cell(v) for v in row] for row in table.rows]
    )


def files(dataset: Dataset) -> dict[str, str]:
    """Each page table as plain CSV and as spreadsheet CSV, by path."""
    found = {}
    for table in page_tables(dataset):
        found[f"{table.path}.csv"] = write_plain(table)
        found[f"{table.path}{pages.EXCEL_SUFFIX}.csv"] = write_spreadsheet(table)
    return found
