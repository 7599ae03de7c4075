"""The folder layout of `data/`, described once. The loader (`data/folders.py`), the editor
schemas (`staff/editor_schema.py`), `lofte ny-uppfoljning` and the generator of test data sets
all read it from here:

    data/<kommun>/kommun.yml
    data/<kommun>/<period>/lofte.yml
    data/<kommun>/<period>/omraden/<område>.yml
    data/<kommun>/<period>/aktiviteter/<område>.yml
    data/<kommun>/<period>/uppfoljning/<år>/<område>.yml
    data/<kommun>/<period>/indikatorer/<indikator>.yml

It also names the site's own addresses that a folder in `data/` must keep free, since a
municipality folder becomes an address at the top of the site and an area id one below its
promise; `site/pages.py` builds its URLs from the same names.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePath, PurePosixPath


class FileKind(StrEnum):
    """The kinds of data file; the value names the editor schema (`<kind>.schema.json`)."""

    MUNICIPALITY = "kommun"
    PROMISE = "lofte"
    AREA = "omrade"
    ACTIVITIES = "aktiviteter"
    FOLLOW_UPS = "uppfoljning"
    INDICATOR = "indikator"


MUNICIPALITY_FILE = "kommun.yml"
PROMISE_FILE = "lofte.yml"
AREAS = "omraden"
ACTIVITIES = "aktiviteter"
FOLLOW_UPS = "uppfoljning"
INDICATORS = "indikatorer"
# The folders of a promise, each holding files of one kind (follow-ups one level deeper, by year).
PROMISE_FOLDERS = {
    AREAS: FileKind.AREA,
    ACTIVITIES: FileKind.ACTIVITIES,
    FOLLOW_UPS: FileKind.FOLLOW_UPS,
    INDICATORS: FileKind.INDICATOR,
}
# Files that explain a folder to people; the loader passes them by.
DOCUMENTATION = frozenset({"README.md", ".gitkeep"})
# Matched in full (fullmatch): a name with a trailing newline is not a folder name.
FOLDER_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
YEAR_FOLDER = re.compile(r"[0-9]{4}")

# The site's own addresses.
PLACES_PAGE = "platser"
OPEN_DATA_PAGE = "oppna-data"
YEARS_PAGE = FOLLOW_UPS  # <kommun>/<period>/uppfoljning/<år>/
ARCHIVE_PAGE = "arkiv"
ENGLISH_PAGE = "en"  # <kommun>/<period>/en/: the promise in English
TABLES_FOLDER = "tabeller"  # the tables a page shows, as files
# Names at the top of the site that a municipality folder must not take: the pages above, the
# hand-written pages in docs/ and MkDocs' own folders.
RESERVED_ROOT_NAMES = frozenset(
    {PLACES_PAGE, OPEN_DATA_PAGE, TABLES_FOLDER, "om", "tillganglighet", "search", "assets"}
)
# Names in a municipality's folder that a period must not take: a municipality's places page
# and its search index in a national site (macros/site/pages.py, search.py).
RESERVED_PERIOD_NAMES = frozenset({PLACES_PAGE, "search"})
# Names below a promise that a focus area must not take.
RESERVED_AREA_IDS = frozenset(
    {YEARS_PAGE, ARCHIVE_PAGE, OPEN_DATA_PAGE, PLACES_PAGE, ENGLISH_PAGE, TABLES_FOLDER}
)


def county_slug(county: str) -> str:
    """The address of a county's page: Västerbottens län becomes vasterbottens-lan."""
    ascii_name = county.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    words = re.findall(r"[a-z0-9]+", ascii_name)
    return "-".join(words)


def municipality_file(municipality: str) -> PurePosixPath:
    return PurePosixPath(municipality, MUNICIPALITY_FILE)


def promise_folder(municipality: str, period: str) -> PurePosixPath:
    return PurePosixPath(municipality, period)


def promise_file(municipality: str, period: str) -> PurePosixPath:
    return promise_folder(municipality, period) / PROMISE_FILE


def area_file(municipality: str, period: str, area_id: str) -> PurePosixPath:
    return promise_folder(municipality, period) / AREAS / f"{area_id}.yml"


def activities_file(municipality: str, period: str, area_id: str) -> PurePosixPath:
    return promise_folder(municipality, period) / ACTIVITIES / f"{area_id}.yml"


def follow_up_file(municipality: str, period: str, year: int, area_id: str) -> PurePosixPath:
    return promise_folder(municipality, period) / FOLLOW_UPS / str(year) / f"{area_id}.yml"


def indicator_file(municipality: str, period: str, name: str) -> PurePosixPath:
    return promise_folder(municipality, period) / INDICATORS / f"{name}.yml"


def kind_of(relative: PurePath) -> FileKind | None:
    """Which kind of data file a path below data/ is, from where it stands."""
    parts = relative.parts
    if not parts or not parts[-1].endswith(".yml"):
        return None
    if len(parts) == 2 and parts[1] == MUNICIPALITY_FILE:
        return FileKind.MUNICIPALITY
    if len(parts) == 3 and parts[2] == PROMISE_FILE:
        return FileKind.PROMISE
    if len(parts) == 4 and parts[2] in PROMISE_FOLDERS and parts[2] != FOLLOW_UPS:
        return PROMISE_FOLDERS[parts[2]]
    if len(parts) == 5 and parts[2] == FOLLOW_UPS:
        return FileKind.FOLLOW_UPS
    return None
