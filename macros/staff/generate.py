"""A synthetic, valid data set of any size, for benchmarks and tests: N municipalities, each with
a promise for 2023–2025, 5 focus areas, 8–15 activities per area, a follow-up per activity and
year, and two indicators per area. The municipalities are spread over Sweden's 21 counties in
the real proportions (Västra Götaland has 49 of the 290, Gotland 1), with the real county
names; the municipality names are made up. The same seed always gives the same files."""

from __future__ import annotations

import random
from pathlib import Path

from macros.data import layout

WORDS = [
    "polisen",
    "kommunen",
    "trygghet",
    "invånare",
    "skolan",
    "fritidsgården",
    "ungdomar",
    "föräldrar",
    "samverkan",
    "trafiken",
    "hastighet",
    "kontroller",
    "belysning",
    "gångvägen",
    "centrum",
    "byn",
    "området",
    "kvällstid",
    "helger",
    "information",
    "träffar",
    "utbildning",
    "personal",
    "socialtjänsten",
    "föreningar",
    "bedrägerier",
    "äldre",
    "telefon",
    "grannsamverkan",
    "vandring",
    "åtgärder",
    "planering",
    "stationen",
    "järnvägen",
    "skolvägen",
    "droger",
    "alkohol",
    "narkotika",
    "risk",
    "stöd",
    "hjälp",
    "våld",
    "hemmet",
    "anmälan",
    "brott",
    "oro",
    "upplevelse",
    "enkät",
    "resultat",
    "arbete",
    "insatser",
    "uppföljning",
    "rutin",
    "möten",
    "dialog",
    "samarbete",
    "lokalt",
    "tidigt",
]
AREAS = (
    ("droger", "Droger"),
    ("trafik", "Trafik"),
    ("hemmet", "Hemmet ska vara en trygg plats"),
    ("ekonomisk-brottslighet", "Ekonomisk brottslighet"),
    ("otrygga-platser", "Otrygga platser"),
)
PLACES = ("Centralorten", "Norrby", "Söderby", "Åby", "Älvsbyn", "Östervik", "Kyrkbyn")
STATUSES = ("planerad", "pågår", "genomförd", "genomförd", "genomförd", "försenad", "avbruten")
YEARS = (2023, 2024, 2025)
MAX_MUNICIPALITIES = 1000  # Sweden has 290; more is a typo, not a benchmark
# Sweden's counties and how many municipalities each has (290 in all), from SCB's list of
# municipality codes: https://www.scb.se/hitta-statistik/regional-statistik-och-kartor/regionala-indelningar/lan-och-kommuner/
COUNTIES = (
    ("Stockholms län", 26),
    ("Uppsala län", 8),
    ("Södermanlands län", 9),
    ("Östergötlands län", 13),
    ("Jönköpings län", 13),
    ("Kronobergs län", 8),
    ("Kalmar län", 12),
    ("Gotlands län", 1),
    ("Blekinge län", 5),
    ("Skåne län", 33),
    ("Hallands län", 6),
    ("Västra Götalands län", 49),
    ("Värmlands län", 16),
    ("Örebro län", 12),
    ("Västmanlands län", 10),
    ("Dalarnas län", 15),
    ("Gävleborgs län", 10),
    ("Västernorrlands län", 7),
    ("Jämtlands län", 8),
    ("Västerbottens län", 15),
    ("Norrbottens län", 14),
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def _text(rng: random.Random, sentences: tuple[int, int], indent: int) -> str:
    body = " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))
    pad = " " * indent
    lines, line = [], ""
    for word in body.split():
        if len(line) + len(word) > 88:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "|\n" + "\n".join(pad + part for part in lines)


def county_shares(municipalities: int) -> tuple[tuple[str, int], ...]:
    """How many of `municipalities` each county gets, in the real proportions (largest
    remainder); counties that get none are left out. 290 gives the real numbers."""
    total = sum(count for _, count in COUNTIES)
    quotas = [municipalities * count / total for _, count in COUNTIES]
    shares = [int(q) for q in quotas]
    by_remainder = sorted(range(len(COUNTIES)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[: municipalities - sum(shares)]:
        shares[i] += 1
    return tuple((name, n) for (name, _), n in zip(COUNTIES, shares, strict=True) if n)


def county_of_each(municipalities: int, county: str | None = None) -> list[str]:
    """The county of municipality 1, 2, …: all in `county` when given, else spread."""
    if county is not None:
        return [county] * municipalities
    return [name for name, n in county_shares(municipalities) for _ in range(n)]


def generate(
    municipalities: int,
    seed: int = 1,
    *,
    county: str | None = None,
    areas: int = len(AREAS),
    activity_range: tuple[int, int] = (8, 15),
) -> dict[str, str]:
    """The files of the data set: path relative to the data folder → file content. `county`
    puts every municipality in one county; `areas` and `activity_range` make a smaller set."""
    rng = random.Random(seed)
    files: dict[str, str] = {}
    counties = county_of_each(municipalities, county)
    for m in range(1, municipalities + 1):
        kommun = f"kommun-{m:03d}"
        name = f"Exempelkommun {m}"
        files[str(layout.municipality_file(kommun))] = (
            f'namn: {name}\nkortnamn: Exempel {m}\nkommunkod: "{9000 + m % 1000:04d}"\n'
            f"lan: {counties[m - 1]}\nwebbplats: https://kommun-{m}.example\n"
            f"oppna_data_kontakt:\n  namn: Kontaktcenter\n  epost: info@kommun-{m}.example\n"
        )
        period = "2023-2025"
        files[str(layout.promise_file(kommun, period))] = (
            "titel: Medborgarlöfte 2023–2025\nperiod:\n  start: 2023\n  slut: 2025\n"
            "tillstand: avslutat\nparter:\n  polisen: Polisen\n"
            f"  kommunen: {name}\nunderlag:\n  - Trygghetsundersökning 2022\n"
            "uppfoljning: årsvis\naterkoppling:\n  - Kommunens webbplats\nkalla:\n"
            f"  titel: Löftet\n  url: https://kommun-{m}.example/lofte\n"
            f"beskrivning: {_text(rng, (2, 4), 2)}\n"
        )
        follow_ups: dict[tuple[int, str], list[str]] = {}
        for order, (area_id, title) in enumerate(AREAS[:areas], start=1):
            files[str(layout.area_file(kommun, period, area_id))] = (
                f"id: {area_id}\ntitel: {title}\nsammanfattning: {_sentence(rng)}\n"
                f"ordning: {order}\nbeskrivning: {_text(rng, (2, 4), 2)}\n"
                f"bakgrund: {_text(rng, (1, 3), 2)}\n"
            )
            activities = [f"omrade: {area_id}", "aktiviteter:"]
            ids = []
            for a in range(1, rng.randint(*activity_range) + 1):
                activity_id = f"{area_id}-{a}"
                ids.append(activity_id)
                places = rng.sample(PLACES, rng.randint(0, 2))
                activities += [
                    f"  - id: {activity_id}",
                    f"    titel: {_sentence(rng)[:60].rstrip('.')}",
                    f"    beskrivning: {_text(rng, (1, 3), 6)}",
                    f"    ansvar: {rng.choice(('polisen', 'kommunen', 'båda'))}",
                ]
                if places:
                    activities.append("    platser:")
                    activities += [f"      - {p}" for p in places]
                for year in YEARS:
                    status = rng.choice(STATUSES)
                    entry = [f"  - aktivitet: {activity_id}", f"    status: {status}"]
                    if status == "genomförd":
                        entry.append("    framsteg: 100")
                    entry += [
                        f"    text: {_text(rng, (2, 5), 6)}",
                        "    granskad:",
                        f"      polisen: {year + 1}-02-{rng.randint(1, 14):02d}",
                        f"      kommunen: {year + 1}-02-{rng.randint(15, 28):02d}",
                    ]
                    follow_ups.setdefault((year, area_id), []).extend(entry)
            files[str(layout.activities_file(kommun, period, area_id))] = (
                "\n".join(activities) + "\n"
            )
            for i in (1, 2):
                kind = "aktivitetsmått" if i == 1 else "effektmått"
                values = "".join(f"  - ar: {y}\n    varde: {rng.randint(5, 80)}\n" for y in YEARS)
                name = _sentence(rng)[:50].rstrip(".")
                baseline, target = rng.randint(5, 80), rng.randint(5, 80)
                direction = "minska" if target < baseline else "öka"
                files[str(layout.indicator_file(kommun, period, f"{area_id}-{i}"))] = (
                    f"id: {area_id}-{i}\nomrade: {area_id}\n"
                    + (f"aktivitet: {ids[0]}\n" if i == 1 else "")
                    + f"namn: {name}\ntyp: {kind}\nriktning: {direction}\n"
                    f"enhet: {'antal' if i == 1 else 'procent'}\nkalla: Egen mätning\n"
                    f"utgangsvarde:\n  ar: 2022\n  varde: {baseline}\n"
                    f"mal:\n  ar: 2025\n  varde: {target}\nvarden:\n{values}"
                )
        for (year, area_id), entries in follow_ups.items():
            files[str(layout.follow_up_file(kommun, period, year, area_id))] = (
                f"ar: {year}\nuppfoljningar:\n" + "\n".join(entries) + "\n"
            )
    return files


def write(root: Path, files: dict[str, str]) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
