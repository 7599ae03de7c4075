"""Rules across municipalities and periods: a kommunkod belongs to one municipality, and the
periods of one municipality do not overlap (otherwise which one is current is a guess)."""

from __future__ import annotations

from macros.data.problems import Problem
from macros.model import Dataset


def dataset_problems(dataset: Dataset) -> list[Problem]:
    found = []
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
