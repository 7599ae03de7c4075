"""Both parties approve every published follow-up, and the data proves it.

- The dates under `granskad` are real approvals: not in the future, not before the year followed
  up; a follow-up that is not a draft has both. A draft may carry one party's date while it
  waits for the other's (`lofte status` lists it); it is not published until both have approved.
- Against a base revision (`lofte kontrollera --bas REV`): a follow-up that is published now
  but was not published with the same content (text, status, progress, links) under the same
  municipality, promise, activity and year in the base - a changed approved text, a new one, a
  renamed activity, a draft made public - needs dates from both parties later than the newest
  approval date that party has anywhere in the base for that municipality (drafts included).
  A date is carried only with the content it approved: a date that stands in the base for the
  same follow-up with the same content is kept; any other date (a new text, a draft whose text
  changed, one party's date on a draft) must be later than that newest date. So old dates cannot
  be carried to a new text, whatever its key, nor through a draft; a text approved on the same
  day as one already in the base is added in the same change as that one.
"""

from __future__ import annotations

import datetime as dt

from macros.data.problems import Problem
from macros.model import Dataset, FollowUp


def date_problems(f: FollowUp, today: dt.date) -> list[Problem]:
    """What is wrong with the approval dates of one follow-up."""
    where = (f.origin.path, f.origin.line)
    found = []
    police, municipality = f.approval.police, f.approval.municipality
    if not f.draft and not f.approval.complete:
        found.append(
            Problem(
                *where,
                f'uppföljningen av "{f.activity_id}" {f.year} är inte utkast, men '
                'saknar datum i "granskad" för både polisen och kommunen. Lägg till '
                "båda datumen när parterna har godkänt texten, eller skriv "
                "utkast: true.",
            )
        )
    for key, day in (("polisen", police), ("kommunen", municipality)):
        if day is None:
            continue
        if day.year < f.year:
            found.append(
                Problem(
                    *where,
                    f'"granskad.{key}" är {day.isoformat()}, men en uppföljning '
                    f"av {f.year} kan inte granskas före {f.year}.",
                )
            )
        if day > today:
            found.append(
                Problem(
                    *where,
                    f'"granskad.{key}" är {day.isoformat()}, ett datum som inte har kommit än. '
                    "Skriv dagen då texten godkändes.",
                )
            )
    return found


def _approved_content(f: FollowUp) -> tuple[object, ...]:
    return (f.text, f.status, f.progress, f.links)


Newest = dict[str, dt.date | None]


def _newest(base: Dataset) -> dict[str, Newest]:
    """Per municipality, the newest approval date of each party in the base (drafts included)."""
    found: dict[str, Newest] = {}
    for promise in base.promises:
        newest = found.setdefault(promise.municipality.id, {"polisen": None, "kommunen": None})
        for f in promise.follow_ups:
            for party, day in (
                ("polisen", f.approval.police),
                ("kommunen", f.approval.municipality),
            ):
                seen = newest[party]
                if day is not None and (seen is None or day > seen):
                    newest[party] = day
    return found


def _stale(f: FollowUp, newest: Newest) -> list[str]:
    return [
        party
        for party, day in (("polisen", f.approval.police), ("kommunen", f.approval.municipality))
        if day is None or (newest[party] is not None and day <= newest[party])  # type: ignore[operator]
    ]


def _latest(newest: Newest) -> str:
    return ", ".join(f"{party} {day.isoformat()}" for party, day in newest.items() if day)


def _dates(f: FollowUp) -> tuple[tuple[str, dt.date | None], ...]:
    return (("polisen", f.approval.police), ("kommunen", f.approval.municipality))


def changed_without_approval(base: Dataset, new: Dataset, revision: str) -> list[Problem]:
    """Follow-ups whose approval dates in `new` do not belong to their content: see the
    module's docstring."""
    found = []
    before = {(p.key, f.activity_id, f.year): f for p in base.promises for f in p.follow_ups}
    newest_by = _newest(base)
    for promise in new.promises:
        newest = newest_by.get(promise.municipality.id)
        if newest is None:
            continue
        for f in promise.follow_ups:
            was = before.get((promise.key, f.activity_id, f.year))
            same = was is not None and _approved_content(was) == _approved_content(f)
            if same and was is not None and not was.draft and not f.draft:
                continue  # published before with this content
            carried = dict(_dates(was)) if same and was is not None else {}
            stale = [
                party
                for party, day in _dates(f)
                if (day is None and not f.draft)
                or (
                    day is not None
                    and carried.get(party) != day
                    and newest[party] is not None
                    and day <= newest[party]  # type: ignore[operator]
                )
            ]
            if not stale:
                continue
            parties = " och ".join(stale)
            if f.draft:
                message = (
                    f'uppföljningen av "{f.activity_id}" {f.year} är utkast med datum under '
                    f'"granskad" från {parties} som inte hör till den här texten: de är inte '
                    f"senare än det senaste godkännandet för kommunen i {revision} "
                    f"({_latest(newest)}), och texten, statusen, framsteget eller länkarna är "
                    "inte desamma som när datumen skrevs in. Ta bort datumen tills parterna har "
                    "godkänt den nya versionen, och skriv då in dagarna då de godkände den."
                )
            elif was is not None and not was.draft:
                message = (
                    f'uppföljningen av "{f.activity_id}" {f.year} var godkänd i {revision}, '
                    "men texten, statusen, framsteget eller länkarna har ändrats utan nya "
                    f'datum under "granskad" från {parties}. Båda parterna '
                    "måste godkänna den nya versionen: skriv in de nya datumen, eller "
                    "skriv utkast: true tills de har godkänt."
                )
            else:
                message = (
                    f'uppföljningen av "{f.activity_id}" {f.year} publiceras, men var inte '
                    f"publicerad med samma innehåll i {revision}, och datumen under "
                    f'"granskad" från {parties} är inte senare än det senaste '
                    f"godkännandet för kommunen i {revision} ({_latest(newest)}). En text som "
                    "publiceras för första gången eller igen behöver nya datum från båda "
                    "parterna: skriv in dagarna då de godkände den, eller skriv utkast: true "
                    "tills de har godkänt."
                )
            found.append(Problem(f.origin.path, f.origin.line, message))
    return found
