"""Both parties approve every published follow-up, and the data proves it.

- The dates under `granskad` are real approvals: not in the future, not before the year followed
  up; a follow-up that is not a draft has both. A draft may carry one party's date while it
  waits for the other's (`lofte status` lists it); it is not published until both have approved.
- An approved follow-up whose wording changed since a base revision needs new dates from both
  parties (or goes back to `utkast: true`); `lofte kontrollera --bas REV` runs that check.
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


def changed_without_approval(base: Dataset, new: Dataset, revision: str) -> list[Problem]:
    """Follow-ups approved in `base` whose text, status, progress or links changed in `new`
    without newer dates from both parties (a follow-up back in draft is fine)."""
    found = []
    before = {(p.key, f.activity_id, f.year): f for p in base.promises for f in p.follow_ups}
    for promise in new.promises:
        for f in promise.follow_ups:
            was = before.get((promise.key, f.activity_id, f.year))
            if was is None or was.draft or f.draft:
                continue
            if _approved_content(was) == _approved_content(f):
                continue
            stale = [
                party
                for party, old_day, new_day in (
                    ("polisen", was.approval.police, f.approval.police),
                    ("kommunen", was.approval.municipality, f.approval.municipality),
                )
                if old_day is None or new_day is None or new_day <= old_day
            ]
            if stale:
                found.append(
                    Problem(
                        f.origin.path,
                        f.origin.line,
                        f'uppföljningen av "{f.activity_id}" {f.year} var godkänd i {revision}, '
                        "men texten, statusen, framsteget eller länkarna har ändrats utan nya "
                        f'datum under "granskad" från {" och ".join(stale)}. Båda parterna '
                        "måste godkänna den nya versionen: skriv in de nya datumen, eller "
                        "skriv utkast: true tills de har godkänt.",
                    )
                )
    return found
