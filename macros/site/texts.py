"""Page text that Python writes: the labels and sentences that are not in a template. The pure
core (model, progress, format) returns data; this module and the templates say it in Swedish.
The staff commands (`lofte status`, `lofte diff`) take their table labels from here too, so a
citizen and a reviewer read the same words."""

from __future__ import annotations

from macros.model import Party

ALL_AREAS = "Alla områden"
AREA = "Område"
NOT_FOLLOWED_UP = "ej uppföljd"
SHARE_DONE = "Andel genomförda"

SHARE_EXPLAINED = (
    "Andelen genomförda är antalet aktiviteter med status genomförd delat med antalet "
    "aktiviteter som följts upp det året; aktiviteter som inte har följts upp räknas inte med."
)

PARTY_LABELS = {
    Party.POLICE: "Polisen",
    Party.MUNICIPALITY: "Kommunen",
    Party.BOTH: "Polisen och kommunen",
}


def change_against(year: int) -> str:
    return f"Förändring mot {year - 1}"


def area_title(title: str | None) -> str:
    """The title of an overview row: the area's own, or the row that sums every area."""
    return ALL_AREAS if title is None else title
