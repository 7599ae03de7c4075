"""What a change means for citizens: two versions of the data set compared, as Markdown for a
pull request. Pure: it takes two data sets and returns text."""

from __future__ import annotations

from macros import progress
from macros.model import Dataset, Promise
from macros.site.render import format_number, format_share


def _quote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.strip().splitlines()]


def _promise_changes(old: Promise | None, new: Promise | None) -> list[str]:
    lines: list[str] = []
    old_acts = {a.id: a for a in old.activities} if old else {}
    new_acts = {a.id: a for a in new.activities} if new else {}
    for ident in sorted(new_acts.keys() - old_acts.keys()):
        lines.append(f"- Ny aktivitet: **{new_acts[ident].title}** (`{ident}`)")
    for ident in sorted(old_acts.keys() - new_acts.keys()):
        lines.append(f"- Borttagen aktivitet: **{old_acts[ident].title}** (`{ident}`)")
    for ident in sorted(old_acts.keys() & new_acts.keys()):
        before, after = old_acts[ident], new_acts[ident]
        if before.title != after.title:
            lines.append(f"- Nytt namn: **{before.title}** → **{after.title}** (`{ident}`)")
        if before.area_id != after.area_id:
            lines.append(f"- `{ident}` flyttad från området {before.area_id} till {after.area_id}")
    old_fu = {(f.activity_id, f.year): f for f in old.follow_ups} if old else {}
    new_fu = {(f.activity_id, f.year): f for f in new.follow_ups} if new else {}
    for key in sorted(old_fu.keys() | new_fu.keys(), key=lambda k: (k[1], k[0])):
        was, now = old_fu.get(key), new_fu.get(key)
        activity, year = key
        title = new_acts.get(activity) or old_acts.get(activity)
        name = title.title if title else activity
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
    old_ind = {i.id: i for i in old.indicators} if old else {}
    new_ind = {i.id: i for i in new.indicators} if new else {}
    for ident in sorted(old_ind.keys() | new_ind.keys()):
        before_v = {m.year: m.value for m in old_ind[ident].values} if ident in old_ind else {}
        after_v = {m.year: m.value for m in new_ind[ident].values} if ident in new_ind else {}
        indicator = new_ind.get(ident) or old_ind[ident]
        for year in sorted(before_v.keys() | after_v.keys()):
            if before_v.get(year) != after_v.get(year):
                lines.append(
                    f"- Indikatorn **{indicator.name}** {year}: "
                    f"{format_number(before_v.get(year))} → {format_number(after_v.get(year))} "
                    f"{indicator.unit}"
                )
    if new is not None:
        latest = progress.latest_year(new)
        if latest is not None:
            moved = []
            before_rows = {r.title: r for r in progress.overview(old, latest)} if old else {}
            for row in progress.overview(new, latest):
                prior = before_rows.get(row.title)
                if prior is None or prior.count != row.count:
                    share_before = format_share(prior.count.share_done) if prior else "–"
                    moved.append(
                        f"| {row.title} | {share_before} | {format_share(row.count.share_done)} "
                        f"| {row.count.done} av {row.count.followed_up} |"
                    )
            if moved:
                lines += [
                    "",
                    f"Andel genomförda {year} före och efter ändringen:",
                    "",
                    "| Område | Före | Efter | Genomförda |",
                    "| --- | ---: | ---: | ---: |",
                    *moved,
                    "",
                ]
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
