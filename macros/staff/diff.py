"""What a change means for citizens: two versions of the data set compared, as Markdown for a
pull request. Pure: it takes two data sets and returns text."""

from __future__ import annotations

from macros import progress
from macros.format import format_number, format_share
from macros.model import Activity, Dataset, Promise
from macros.site import texts


def _quote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.strip().splitlines()]


def _activity_changes(old: dict[str, Activity], new: dict[str, Activity]) -> list[str]:
    lines: list[str] = []
    for ident in sorted(new.keys() - old.keys()):
        lines.append(f"- Ny aktivitet: **{new[ident].title}** (`{ident}`)")
    for ident in sorted(old.keys() - new.keys()):
        lines.append(f"- Borttagen aktivitet: **{old[ident].title}** (`{ident}`)")
    for ident in sorted(old.keys() & new.keys()):
        before, after = old[ident], new[ident]
        if before.title != after.title:
            lines.append(f"- Nytt namn: **{before.title}** → **{after.title}** (`{ident}`)")
        if before.area_id != after.area_id:
            lines.append(f"- `{ident}` flyttad från området {before.area_id} till {after.area_id}")
    return lines


def _follow_up_changes(
    old: Promise | None, new: Promise | None, activities: dict[str, Activity]
) -> list[str]:
    lines: list[str] = []
    old_fu = {(f.activity_id, f.year): f for f in old.follow_ups} if old else {}
    new_fu = {(f.activity_id, f.year): f for f in new.follow_ups} if new else {}
    for key in sorted(old_fu.keys() | new_fu.keys(), key=lambda k: (k[1], k[0])):
        was, now = old_fu.get(key), new_fu.get(key)
        activity_id, year = key
        activity = activities.get(activity_id)
        name = activity.title if activity else activity_id
        if now is None:
            lines.append(f"- Uppföljningen {year} av **{name}** tas bort")
            continue
        draft = " (utkast)" if now.draft else ""
        if was is None:
            lines.append(f"- Ny uppföljning {year} av **{name}**: {now.status.value}{draft}")
            lines += ["", *_quote(now.text), ""] if now.text else []
            continue
        if was.status != now.status:
            lines.append(
                f"- Status {year} för **{name}**: {was.status.value} → {now.status.value}{draft}"
            )
        if was.text != now.text:
            lines.append(f"- Ny text i uppföljningen {year} av **{name}**{draft}:")
            lines += ["", *_quote(now.text), ""]
        if was.draft and not now.draft:
            lines.append(f"- Uppföljningen {year} av **{name}** är godkänd och publiceras")
    return lines


def _indicator_changes(old: Promise | None, new: Promise | None) -> list[str]:
    lines: list[str] = []
    old_ind = {i.id: i for i in old.indicators} if old else {}
    new_ind = {i.id: i for i in new.indicators} if new else {}
    for ident in sorted(old_ind.keys() | new_ind.keys()):
        before = {m.year: m.value for m in old_ind[ident].values} if ident in old_ind else {}
        after = {m.year: m.value for m in new_ind[ident].values} if ident in new_ind else {}
        indicator = new_ind.get(ident) or old_ind[ident]
        for year in sorted(before.keys() | after.keys()):
            if before.get(year) != after.get(year):
                lines.append(
                    f"- Indikatorn **{indicator.name}** {year}: "
                    f"{format_number(before.get(year))} → {format_number(after.get(year))} "
                    f"{indicator.unit}"
                )
    return lines


def _share_table(old: Promise | None, new: Promise) -> list[str]:
    """The shares completed of the newest followed-up year, for the rows that moved. Rows are
    matched by area id (None is the row for all areas), so a renamed area keeps its history."""
    latest = progress.latest_year(new)
    if latest is None:
        return []
    before = {r.area_id: r for r in progress.overview(old, latest)} if old else {}
    moved = []
    for row in progress.overview(new, latest):
        prior = before.get(row.area_id)
        if prior is None or prior.count != row.count:
            share_before = format_share(prior.count.share_done) if prior else "–"
            moved.append(
                f"| {texts.area_title(row.title)} | {share_before} "
                f"| {format_share(row.count.share_done)} "
                f"| {row.count.done} av {row.count.followed_up} |"
            )
    if not moved:
        return []
    return [
        "",
        f"{texts.SHARE_DONE} {latest} före och efter ändringen:",
        "",
        f"| {texts.AREA} | Före | Efter | Genomförda |",
        "| --- | ---: | ---: | ---: |",
        *moved,
        "",
    ]


def _promise_changes(old: Promise | None, new: Promise | None) -> list[str]:
    old_acts = {a.id: a for a in old.activities} if old else {}
    new_acts = {a.id: a for a in new.activities} if new else {}
    lines = _activity_changes(old_acts, new_acts)
    lines += _follow_up_changes(old, new, {**old_acts, **new_acts})
    lines += _indicator_changes(old, new)
    if new is not None:
        lines += _share_table(old, new)
    return lines


def citizen_diff(old: Dataset, new: Dataset, *, drafts_note: bool = True) -> str:
    """Markdown: what changes for citizens between two versions of the data."""
    out = ["## Vad ändringen betyder för medborgarna", ""]
    keys = sorted({p.key for p in old.promises} | {p.key for p in new.promises})
    old_by, new_by = {p.key: p for p in old.promises}, {p.key: p for p in new.promises}
    any_change = False
    for key in keys:
        lines = _promise_changes(old_by.get(key), new_by.get(key))
        if key not in old_by:
            lines.insert(0, "- Nytt löfte")
        elif key not in new_by:
            lines.insert(0, "- Löftet tas bort")
        if lines:
            any_change = True
            promise = new_by.get(key) or old_by[key]
            out += [f"### {promise.municipality.name}: {promise.title}", "", *lines, ""]
    if not any_change:
        out.append("Ändringen påverkar inte det som visas för medborgarna.")
    elif drafts_note:
        out += [
            "Uppföljningar märkta *utkast* visas inte på den publicerade webbplatsen "
            "förrän både polisen och kommunen har godkänt dem."
        ]
    return "\n".join(out).rstrip() + "\n"
