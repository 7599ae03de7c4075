"""Finding the data files under `data/` and reading them into one validated `Dataset`, in the
folder layout that `macros.data.layout` describes."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from macros.data import consistency, folder_entries, layout, limits
from macros.data.load import YamlFile, parse_yaml, read_text
from macros.data.privacy import file_cannot_hold_one, privacy_errors
from macros.data.problems import DataError, Problem
from macros.data.schema import describe
from macros.data.validate import PromiseFiles, build_municipality, build_promise
from macros.model import Dataset, Municipality, Promise, swedish_order


class _Reader:
    """Collects problems while reading; the display path is relative to the data folder's parent."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self._prefix = str(root) + os.sep
        # What each entry is, from the folder listing (os.scandir), so that no entry is asked
        # again with a stat of its own: "dir", "file" or "other".
        self._kinds: dict[Path, str] = {}
        # The files whose text a quick look cannot rule out for personnummer (see privacy):
        # when there is none, no value of the data set needs to be read for them.
        self.may_hold_personal_numbers: list[str] = []

    def show(self, path: Path) -> str:
        text = str(path)
        if text.startswith(self._prefix):  # plain string work: pathlib is slow at 10 000 files
            return f"{self.root.name}/{text[len(self._prefix) :].replace(os.sep, '/')}"
        return (Path(self.root.name) / path.relative_to(self.root)).as_posix()

    def report(self, path: Path, message: str, line: int = 1) -> None:
        self.problems.append(Problem(self.show(path), line, message))

    def read(self, path: Path) -> YamlFile | None:
        shown = self.show(path)
        text, problems = read_text(path, shown)
        content, more = (None, []) if text is None else parse_yaml(text, shown)
        self.problems.extend(problems + more)
        if text is None or content is None:
            return None
        if not file_cannot_hold_one(text, shown):
            self.may_hold_personal_numbers.append(shown)
        return YamlFile(shown, content)

    def _kind(self, path: Path) -> str:
        kind = self._kinds.get(path)
        if kind is None:
            kind = "dir" if path.is_dir() else "file" if path.is_file() else "other"
        return kind

    def refused_link(self, path: Path) -> bool:
        """A link under data/ is reported and never followed."""
        if not path.is_symlink():
            return False
        self.report(
            path,
            "är en länk (symbolisk länk). Länkar används inte i data/ och följs aldrig: "
            "lägg filen eller mappen här i stället.",
        )
        return True

    def entries(self, folder: Path, most: int, what: str) -> list[Path]:
        """The entries that count (see folder_entries), sorted; links and too many entries
        reported. One listing tells what each entry is (a link is never followed)."""
        with os.scandir(folder) as listing:
            items = sorted(
                (e for e in listing if not folder_entries.ignored(e.name)), key=lambda e: e.name
            )
        found = []
        for item in items:
            path = folder / item.name
            if item.is_symlink():
                self.refused_link(path)
                continue
            self._kinds[path] = (
                "dir"
                if item.is_dir(follow_symlinks=False)
                else "file"
                if item.is_file(follow_symlinks=False)
                else "other"
            )
            found.append(path)
        if len(found) > most:
            self.report(
                folder,
                f"mappen har {len(found)} {what}, men får ha högst {most}. Dela upp innehållet.",
            )
            return found[:most]
        return found

    def yaml_files(self, folder: Path) -> list[Path]:
        """The .yml files of a folder, sorted; anything else there is reported."""
        found = []
        for path in self.entries(folder, limits.FILES_PER_FOLDER, "filer"):
            is_file = self._kind(path) == "file"
            if is_file and path.suffix == ".yml":
                found.append(path)
            elif is_file and path.suffix == ".yaml":
                self.report(path, "filändelsen ska vara .yml, inte .yaml. Byt namn på filen.")
            else:
                self.report(
                    path,
                    f"{'mappen' if self._kind(path) == 'dir' else 'filen'} hör inte hemma "
                    f"här: {self.show(folder)}/ ska bara innehålla .yml-filer.",
                )
        return found

    def subfolders(
        self,
        folder: Path,
        what: str,
        files: frozenset[str] = frozenset(),
        most: int = limits.FILES_PER_FOLDER,
    ) -> list[Path]:
        """The sub-folders of a folder; any file there other than `files` is reported."""
        found = []
        for path in self.entries(folder, most + len(files), "mappar"):
            if path.name in files:
                continue
            if self._kind(path) != "dir":
                self.report(
                    path,
                    f"filen hör inte hemma här: {self.show(folder)}/ ska bara "
                    f"innehålla mappar, en för varje {what}.",
                )
            elif not layout.FOLDER_NAME.fullmatch(path.name):
                self.report(
                    path,
                    f"mappnamnet {describe(path.name)} ska bara ha små bokstäver a–z, "
                    "siffror och bindestreck.",
                )
            else:
                found.append(path)
        return found


LINKED_ROOT = (
    "är en länk (symbolisk länk). Datan läses bara ur en riktig mapp, så att det som granskas "
    "som data/ är det som publiceras: ersätt länken med mappen."
)


def linked_folder(root: Path) -> str | None:
    """The data folder itself, or a folder above it inside its git repository, when it is a
    link, shown relative to the repository. A link there would let a change outside data/
    decide what is read as data. Outside a repository there is no review to go around, and
    nothing is refused (the tests link a data set into a project folder of their own)."""
    start = Path(os.path.abspath(root))
    chain = [start, *start.parents]
    top = next((p for p in chain if (p / ".git").exists()), None)
    if top is None:
        return None
    for folder in chain[: chain.index(top)]:
        if folder.is_symlink():
            return folder.relative_to(top).as_posix()
    return None


def _reader_of(root: Path) -> _Reader:
    """A reader of the data folder `root`; raise DataError when the folder is a link (or lies
    under one inside the repository) or does not exist."""
    linked = linked_folder(root)
    if linked is not None:
        raise DataError([Problem(linked, 1, "mappen " + LINKED_ROOT)])
    if not root.is_dir():
        raise DataError([Problem(root.name, 1, "mappen med data finns inte.")])
    return _Reader(root)


def read_municipalities(root: Path) -> tuple[Municipality, ...]:
    """Only the municipalities (their kommun.yml), for what a site part needs to know of the
    whole country: the counties and who belongs to each. Raise DataError on any problem."""
    reader = _reader_of(root)
    found = []
    for folder in reader.subfolders(root, "kommun", most=limits.MUNICIPALITIES):
        if folder.name in layout.RESERVED_ROOT_NAMES:
            continue  # read_dataset reports it
        municipality = _read_municipality(reader, folder)
        if municipality is not None:
            found.append(municipality)
    if reader.problems:
        raise DataError(reader.problems)
    return tuple(found)


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Python's cycle collector walks every live object again and again while a data set of
    hundreds of thousands of objects is built (a fifth of the load time at 290 municipalities,
    measured). Nothing read here forms a cycle, so reference counting frees it all the same.

    Once read, what is alive is moved out of the collector's sight (`gc.freeze`): turned on
    again, it would otherwise walk the whole data set three times over as it ages the objects
    made while it was off (a tenth of the data layer at 290 municipalities, measured). Frozen
    objects are still freed by reference counting when they are no longer used, but a frozen
    cycle never is, so only a process that builds once and ends may freeze (`freeze`): in
    `mkdocs serve` each rebuild would keep the previous build's pages for good."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if FREEZE_AFTER_READING:
                gc.freeze()
            gc.enable()


# Set by a process that reads one data set and ends (see _without_cycle_collector).
FREEZE_AFTER_READING = False


def read_dataset(
    root: Path, today: dt.date | None = None, only: frozenset[str] | None = None
) -> Dataset:
    """Read and validate everything under `root` (or only the municipality folders named in
    `only`); raise DataError listing every problem. Approval dates after `today` (default: the
    real today) are problems."""
    with _without_cycle_collector():
        return _read_dataset(root, today, only)


def _read_dataset(root: Path, today: dt.date | None, only: frozenset[str] | None) -> Dataset:
    reader = _reader_of(root)
    municipalities: list[Municipality] = []
    promises: list[Promise | None] = []
    for folder in reader.subfolders(root, "kommun", most=limits.MUNICIPALITIES):
        if only is not None and folder.name not in only:
            continue
        if folder.name in layout.RESERVED_ROOT_NAMES:
            reader.report(
                folder,
                f'mappnamnet "{folder.name}" används redan av webbplatsen. '
                "Ge kommunens mapp ett annat namn.",
            )
            continue
        municipality = _read_municipality(reader, folder)
        if municipality is None:
            continue
        municipalities.append(municipality)
        periods = reader.subfolders(
            folder,
            "löftesperiod",
            frozenset({layout.MUNICIPALITY_FILE}),
            most=limits.PERIODS_PER_MUNICIPALITY,
        )
        if not periods:
            reader.report(
                folder / layout.MUNICIPALITY_FILE,
                "kommunen har inget löfte: lägg till en mapp "
                "för perioden, till exempel 2023-2025/.",
            )
        for period in periods:
            if period.name in layout.RESERVED_PERIOD_NAMES:
                reader.report(
                    period,
                    f'mappnamnet "{period.name}" används redan av webbplatsen. Ge '
                    "löftesperiodens mapp ett annat namn, till exempel 2023-2025.",
                )
                continue
            promises.append(_read_promise(reader, municipality, period, today))
    if not municipalities and not reader.problems:
        reader.report(root, "det finns ingen kommun här: lägg till en mapp per kommun.")
    counties = {layout.county_slug(m.county): m.county for m in municipalities}
    for municipality in municipalities:
        if municipality.id in counties:
            reader.report(
                root / municipality.id,
                f'mappnamnet "{municipality.id}" är adressen till sidan för '
                f"{counties[municipality.id]}. Ge kommunens mapp ett annat namn.",
            )
    if reader.problems:
        raise DataError(reader.problems)
    dataset = Dataset(
        municipalities=tuple(sorted(municipalities, key=lambda m: swedish_order(m.short_name))),
        promises=tuple(
            sorted(
                (p for p in promises if p is not None),
                key=lambda p: (swedish_order(p.municipality.short_name), p.slug),
            )
        ),
    )
    problems = consistency.dataset_problems(dataset)
    if reader.may_hold_personal_numbers:
        problems += privacy_errors(dataset)
    if problems:
        raise DataError(problems)
    return dataset


def _read_municipality(reader: _Reader, folder: Path) -> Municipality | None:
    path = folder / layout.MUNICIPALITY_FILE
    if reader.refused_link(path):
        return None  # the folder's other entries are not read without it
    if not path.is_file():
        reader.report(folder, "filen kommun.yml saknas i kommunens mapp.")
        return None
    file = reader.read(path)
    if file is None:
        return None
    before = len(reader.problems)
    municipality = build_municipality(folder.name, file, reader.problems)
    return municipality if len(reader.problems) == before else None


def _read_promise(
    reader: _Reader, municipality: Municipality, folder: Path, today: dt.date | None
) -> Promise | None:
    for path in reader.entries(folder, limits.FILES_PER_FOLDER, "filer"):
        if path.name == layout.PROMISE_FILE:
            continue
        if not (path.is_dir() and path.name in layout.PROMISE_FOLDERS):
            reader.report(
                path,
                f'"{path.name}" hör inte hemma i löftets mapp. Där finns '
                "lofte.yml och mapparna " + ", ".join(sorted(layout.PROMISE_FOLDERS)) + ".",
            )
    promise_path = folder / layout.PROMISE_FILE
    promise = None
    if promise_path.is_symlink():
        pass  # reported with the folder's entries
    elif promise_path.is_file():
        promise = reader.read(promise_path)
    else:
        reader.report(folder, "filen lofte.yml saknas i löftets mapp.")

    unreadable: set[str] = set()

    def files_in(name: str) -> tuple[YamlFile, ...]:
        sub = folder / name
        if sub.is_symlink() or not sub.is_dir():
            return ()
        read = [reader.read(path) for path in reader.yaml_files(sub)]
        if None in read:
            unreadable.add(name)
        return tuple(f for f in read if f is not None)

    follow_ups: list[tuple[str, YamlFile]] = []
    follow_up_root = folder / layout.FOLLOW_UPS
    if follow_up_root.is_dir() and not follow_up_root.is_symlink():
        for year_folder in reader.subfolders(follow_up_root, "år"):
            if not layout.YEAR_FOLDER.fullmatch(year_folder.name):
                reader.report(
                    year_folder,
                    f'mappen "{year_folder.name}" ska heta som året '
                    "uppföljningen gäller, till exempel 2024.",
                )
                continue
            for path in reader.yaml_files(year_folder):
                file = reader.read(path)
                if file is not None:
                    follow_ups.append((year_folder.name, file))
    areas, activities, indicators = (
        files_in(layout.AREAS),
        files_in(layout.ACTIVITIES),
        files_in(layout.INDICATORS),
    )
    if promise is None:
        return None
    files = PromiseFiles(
        folder.name,
        promise,
        areas,
        activities,
        tuple(follow_ups),
        indicators,
        frozenset(unreadable),
    )
    return build_promise(municipality, files, reader.problems, today)
