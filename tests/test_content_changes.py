"""The suite must stay green when staff replace the example content with real content.

The shipped data/ is held only to invariants (tests/invariants.py). To prove they do not lean on
today's examples, a copy of data/ is edited the way staff will edit it: every follow-up text
rewritten, statuses changed, an activity deleted with its follow-ups and indicator links, and
indicator values changed. The copy must still validate, build and hold every invariant."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from macros.model import Dataset
from macros.site import pages
from tests.conftest import EXAMPLE, ROOT, VALID, Build, build_site, load, lofte
from tests.invariants import assert_content_invariants

# The order staff move a status in: each step is valid whatever the year's other data say.
NEXT_STATUS = {
    "planerad": "pågår",
    "pågår": "försenad",
    "försenad": "pågår",
    "genomförd": "pågår",
    "avbruten": "planerad",
}


# Staff write Markdown (data/README.md invites it): every style below must reach the page.
STYLES = (
    "Personalens egen text nummer {n} om arbetet.\n",
    "**Klart.** Personalens egen text nummer {n}, med *betoning* & ett et-tecken.\n",
    "- Personalens egen text nummer {n}\n- Två nattvandringar\n  med föräldrar\n",
    "## Vad hände\n\nPersonalens egen text nummer {n}. Läs mer på "
    "[kommunens webbplats](https://example.invalid/mer).\n",
)


def read(path: Path) -> Any:
    # BaseLoader keeps every value as text, as the project's own loader does.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def write(path: Path, document: Any) -> None:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")


def follow_up_files(promise: Path) -> list[Path]:
    return sorted((promise / "uppfoljning").glob("*/*.yml"))


def rewrite_as_staff_do(data: Path) -> dict[str, str]:
    """Edit every promise folder of `data` in place; returns what was changed, for the checks."""
    changed: dict[str, str] = {}
    for promise in sorted(p.parent for p in data.glob("*/*/lofte.yml")):
        activity_files = sorted((promise / "aktiviteter").glob("*.yml"))
        indicator_files = sorted((promise / "indikatorer").glob("*.yml"))
        linked = {read(path).get("aktivitet") for path in indicator_files}
        # Delete one activity, preferably one that an indicator measures.
        documents = {path: read(path) for path in activity_files}
        ids = [a["id"] for d in documents.values() for a in d["aktiviteter"]]
        doomed = next((i for i in ids if i in linked), ids[0] if len(ids) > 1 else None)
        for path, document in documents.items():
            kept_activities = [a for a in document["aktiviteter"] if a["id"] != doomed]
            if len(kept_activities) < len(document["aktiviteter"]):
                document["aktiviteter"] = kept_activities
                if kept_activities:
                    write(path, document)
                else:
                    path.unlink()
                changed[f"{promise.relative_to(data)}:borttagen"] = str(doomed)
        for number, path in enumerate(follow_up_files(promise)):
            document = read(path)
            kept: list[Any] = []
            for item in document.get("uppfoljningar", []):
                if item["aktivitet"] == doomed:
                    continue
                style = STYLES[(number + len(kept)) % len(STYLES)]
                item["text"] = style.format(n=f"{number}-{len(kept)}")
                if item.get("status") in NEXT_STATUS and not item.get("utkast"):
                    item["status"] = NEXT_STATUS[item["status"]]
                    item.pop("framsteg", None)
                kept.append(item)
            if kept:
                document["uppfoljningar"] = kept
                write(path, document)
            else:
                path.unlink()
        for path in indicator_files:
            document = read(path)
            if document.get("aktivitet") == doomed:
                del document["aktivitet"]
            for index, value in enumerate(document.get("varden", [])):
                value["varde"] = str(7 + 3 * index)
            write(path, document)
    return changed


def test_the_shipped_content_holds_every_invariant(shipped: tuple[Build, Dataset]) -> None:
    build, _ = shipped
    assert_content_invariants(build.site, ROOT / "data")


def test_the_fixtures_hold_every_invariant(
    fixture_site: tuple[Build, Dataset], example_site: tuple[Build, Dataset]
) -> None:
    assert_content_invariants(fixture_site[0].site, VALID)
    assert_content_invariants(example_site[0].site, EXAMPLE)


def test_content_edited_as_staff_do_still_holds_every_invariant(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    changed = rewrite_as_staff_do(data)
    check = lofte("kontrollera", "--data", str(data))
    assert check.returncode == 0, check.stdout + check.stderr
    (tmp_path / "work").mkdir()
    build = build_site(data, tmp_path / "work")
    assert build.returncode == 0, build.output
    assert_content_invariants(build.site, data)
    dataset = load(data)
    # The edits are really there: new texts on the pages, the deleted activity gone.
    texts = [f.text for p in dataset.without_drafts().promises for f in p.follow_ups]
    assert texts and all("Personalens egen text nummer" in t for t in texts)
    assert {t.split()[0] for t in texts} >= {"Personalens", "**Klart.**", "-", "##"}
    for key, doomed in changed.items():
        folder = key.removesuffix(":borttagen")
        promise = dataset.promise(folder)
        assert all(a.id != doomed for a in promise.activities)
        assert not (build.site / promise.key / doomed).exists()
        assert not list(build.site.glob(f"{pages.promise_url(promise)}*/{doomed}"))


def test_the_edits_change_every_kind_of_record(tmp_path: Path) -> None:
    """The staff edit above is only a proof if it touches what it says it touches: run on the
    frozen example, where what is there is known."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    before = load(data).promise("robertsfors/2023-2025")
    changed = rewrite_as_staff_do(data)
    after = load(data).promise("robertsfors/2023-2025")
    assert changed == {
        "robertsfors/2023-2025:borttagen": "traffar-om-bedragerier",
        "robertsfors/2018:borttagen": "unga-narkotikabrott",
    }
    assert len(after.activities) == len(before.activities) - 1
    assert len(after.follow_ups) == len(before.follow_ups) - 3  # it ran 2023–2025
    assert all(i.activity_id != "traffar-om-bedragerier" for i in after.indicators)
    assert len(after.indicators) == len(before.indicators)
    statuses_before = {(f.activity_id, f.year): f.status for f in before.follow_ups}
    moved = [f for f in after.follow_ups if f.status != statuses_before[(f.activity_id, f.year)]]
    assert len(moved) == len(after.follow_ups)
    assert {v.value for i in after.indicators for v in i.values} <= {7, 10, 13}
