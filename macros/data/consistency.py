"""Rules across municipalities and periods: a kommunkod belongs to one municipality, and the
periods of one municipality do not overlap (otherwise which one is current is a guess)."""

from __future__ import annotations

from macros.data import layout
from macros.data.problems import Problem
from macros.model import Dataset, Municipality


def county_problems(
    municipalities: tuple[Municipality, ...], taken: frozenset[str] = frozenset()
) -> list[Problem]:
    """A county's name gives its address (Skåne län: skane-lan): the address must hold a
    letter or digit, belong to one county name only, and not be a name in `taken` (the
    national start's own folders, such as om/ and assets/)."""
    found = []
    first: dict[str, str] = {}
    for m in municipalities:
        slug = layout.county_slug(m.county)
        where = (m.origin.path, m.origin.line)
        if not slug:
            found.append(
                Problem(
                    *where,
                    f'"lan" är "{m.county}", som inte ger länet någon adress (den byggs av '
                    "bokstäverna och siffrorna i namnet). Skriv länets namn, till exempel "
                    '"Skåne län".',
                )
            )
        elif slug in taken:
            found.append(
                Problem(
                    *where,
                    f'"lan" är "{m.county}", som ger länet adressen {slug}/, men den adressen '
                    "har redan webbplatsens egen sida eller mapp. Skriv länets fullständiga "
                    'namn, till exempel "Skåne län".',
                )
            )
        elif first.setdefault(slug, m.county) != m.county:
            found.append(
                Problem(
                    *where,
                    f'"lan" är "{m.county}", men en annan kommun har "{first[slug]}", som ger '
                    f"samma adress ({slug}/). Skriv länets namn likadant i alla kommuner.",
                )
            )
    return found


def dataset_problems(dataset: Dataset) -> list[Problem]:
    found = county_problems(dataset.municipalities)
    by_code: dict[str, str] = {}
    for m in dataset.municipalities:
        if m.code in by_code:
            found.append(
                Problem(
                    m.origin.path,
                    m.origin.line,
                    f'"kommunkod" är "{m.code}", men den koden har redan kommunen '
                    f'"{by_code[m.code]}". Varje kommun har en egen kommunkod.',
                )
            )
        else:
            by_code[m.code] = m.id
    for m in dataset.municipalities:
        promises = sorted(
            (p for p in dataset.promises if p.municipality.id == m.id),
            key=lambda p: (p.start_year, p.slug),
        )
        for index, later in enumerate(promises[1:], start=1):
            earlier = max(promises[:index], key=lambda p: p.end_year)
            if later.start_year <= earlier.end_year:
                found.append(
                    Problem(
                        later.origin.path,
                        later.origin.line,
                        f"löftet {later.key} gäller {later.period_label}, men löftet "
                        f"{earlier.key} gäller {earlier.period_label}: perioderna för en kommun "
                        "får inte överlappa. Rätta start- eller slutåret.",
                    )
                )
    return found
