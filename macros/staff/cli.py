"""`lofte`: the staff command. Messages are Swedish; the checks are the same as the site build's.

Each command is a small function; the data set is read by the same code that builds the site.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from macros import progress
from macros.data import approval, layout, privacy
from macros.data.folders import read_dataset
from macros.data.problems import DataError, Problem
from macros.format import format_change, format_share, plain
from macros.model import Dataset, Status
from macros.site import budget, texts
from macros.staff import editor_schema, generate, github_annotations, revision
from macros.staff.diff import citizen_diff


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"lofte: fel i kommandot: {message}", file=sys.stderr)
        raise SystemExit(2)


def _github(level: str, problem: Problem) -> str:
    return github_annotations.command(level, problem)


def _read(data: Path) -> Dataset | None:
    try:
        return read_dataset(data)
    except DataError as error:
        print(str(error), file=sys.stderr)
        return None


def _report(error: DataError, output_format: str) -> int:
    if output_format == "github":
        for problem in error.problems:
            print(_github("error", problem))
    print(str(error), file=sys.stderr if output_format == "github" else sys.stdout)
    return 1


def _base_problems(data: Path, base: str, dataset: Dataset) -> list[Problem] | str:
    """Approved follow-ups changed since `base` without new dates, or why base is unreadable."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            old_root = revision.data_at(base, data, Path(tmp) / "bas")
        except revision.RevisionError as error:
            return str(error)
        try:
            old = read_dataset(old_root)
        except DataError:
            return []  # nothing approved can be read from a broken base
    return approval.changed_without_approval(old, dataset, base)


def check_command(data: Path, output_format: str, base: str | None = None) -> int:
    try:
        dataset = read_dataset(data)
    except DataError as error:
        return _report(error, output_format)
    over = budget.over_budget(budget.estimate(dataset), budget.budget_bytes())
    if over is not None:
        return _report(DataError([over]), output_format)
    if base is not None:
        found = _base_problems(data, base, dataset)
        if isinstance(found, str):
            print(f"lofte: {found}", file=sys.stderr)
            return 2
        if found:
            return _report(DataError(found), output_format)
    for warning in privacy.warnings(dataset):
        if output_format == "github":
            print(_github("warning", warning))
        else:
            print(f"Varning: {warning}")
    activities = sum(len(p.activities) for p in dataset.promises)
    follow_ups = sum(len(p.follow_ups) for p in dataset.promises)
    print(
        f"Allt stämmer: {len(dataset.promises)} löften, {activities} aktiviteter och "
        f"{follow_ups} uppföljningar i {data}."
    )
    return 0


def status(data: Path, year: int | None) -> int:
    dataset = _read(data)
    if dataset is None:
        return 1
    for promise in dataset.promises:
        shown = year if year is not None else progress.latest_year(promise)
        print(f"{promise.municipality.name}: {promise.title}")
        if shown is None or shown not in promise.years:
            print("  Ingen uppföljning att visa.\n")
            continue
        names = [s.value for s in Status] + [texts.NOT_FOLLOWED_UP]
        header = [texts.AREA, *names, texts.SHARE_DONE, texts.change_against(shown)]
        rows = [header]
        for row in progress.overview(promise, shown):
            counts = [str(n) for _, n in row.count.by_status] + [str(row.count.not_followed_up)]
            rows.append(
                [
                    texts.area_title(row.title),
                    *counts,
                    plain(format_share(row.count.share_done)),
                    plain(format_change(row.change)),
                ]
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        print(f"  År {shown}")
        for r in rows:
            print("  " + "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)))
        print()
    return 0


def new_follow_up(data: Path, year: int) -> int:
    dataset = _read(data)
    if dataset is None:
        return 1
    targets: dict[Path, str] = {}
    for promise in dataset.promises:
        if year not in promise.years:
            continue
        for area in promise.areas:
            running = progress.running(promise, year, area.id)
            if not running:
                continue
            relative = layout.follow_up_file(promise.municipality.id, promise.slug, year, area.id)
            path = data / relative
            lines = [
                editor_schema.comment_for(relative, layout.FileKind.FOLLOW_UPS),
                f"# Uppföljning {year} av {area.title}. Fyll i texterna, sätt status och ta bort",
                "# utkast: true när polisen och kommunen har godkänt (datum under granskad).",
                f"ar: {year}",
                "uppfoljningar:",
            ]
            for activity in running:
                before = promise.follow_up(activity.id, year - 1)
                carried = before.status.value if before else Status.PLANNED.value
                lines += [
                    f"  - aktivitet: {activity.id}",
                    f"    status: {carried}",
                    "    text: |",
                    "    utkast: true",
                ]
            targets[path] = "\n".join(lines) + "\n"
    if not targets:
        print(
            f"lofte: inget löfte pågår {year}, så det finns inget att följa upp.", file=sys.stderr
        )
        return 1
    existing = [p for p in targets if p.exists()]
    if existing:
        for path in existing:
            print(f"lofte: {path} finns redan och skrivs inte över.", file=sys.stderr)
        return 1
    for path, content in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"Skrev {path}")
    return 0


def diff(data: Path, base: str, head: str | None) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            old_root = revision.data_at(base, data, Path(tmp) / "bas")
            new_root = revision.data_at(head, data, Path(tmp) / "mal") if head else data
        except revision.RevisionError as error:
            print(f"lofte: {error}", file=sys.stderr)
            return 2
        try:
            old = read_dataset(old_root)
        except DataError:
            old = Dataset()
        try:
            new = read_dataset(new_root)
        except DataError as error:
            print(
                "## Vad ändringen betyder för medborgarna\n\nDatan har fel och kan inte "
                "visas. Rätta dessa först:\n"
            )
            print("\n".join(f"- `{p}`" for p in error.problems))
            return 1
    print(citizen_diff(old, new), end="")
    return 0


def schemas(data: Path, check_only: bool) -> int:
    if not data.is_dir():
        print(
            f"lofte: mappen {data} finns inte här. Kör kommandot i arkivets översta mapp, eller "
            "ange mappen med --data.",
            file=sys.stderr,
        )
        return 1
    if check_only:
        folder = data / editor_schema.SCHEMA_FOLDER
        stale = [
            name
            for name, content in editor_schema.schema_texts().items()
            if not (folder / name).is_file()
            or (folder / name).read_text(encoding="utf-8") != content
        ]
        if stale:
            print(
                "lofte: schemafilerna stämmer inte med modellen: "
                + ", ".join(stale)
                + ". Kör lofte schema.",
                file=sys.stderr,
            )
            return 1
        print("Schemafilerna stämmer med modellen.")
        return 0
    for path in editor_schema.write_all(data):
        print(f"Skrev {path}")
    return 0


def generate_command(count: int, seed: int, out: Path) -> int:
    files = generate.generate(count, seed)
    generate.write(out, files)
    print(f"Skrev {len(files)} filer för {count} kommuner till {out}.")
    return 0


def pages_command(data: Path, config_file: Path, out: Path, drafts: bool) -> int:
    # Imported here: the renderer loads Jinja, Markdown and nh3, which no other command needs.
    from macros.site.static import StaticError, write_static_site

    dataset = _read(data)
    if dataset is None:
        return 1
    if not config_file.is_file():
        print(f"lofte: {config_file} finns inte; ange webbplatsens mkdocs.yml.", file=sys.stderr)
        return 1
    try:
        written = write_static_site(
            config_file, dataset if drafts else dataset.without_drafts(), out, data
        )
    except StaticError as error:
        print(f"lofte: {error}", file=sys.stderr)
        return 1
    print(f"Skrev {len(written)} sidor till {out / 'docs'} och {out / 'mkdocs.yml'}.")
    return 0


def _empty_folder(parser: argparse.ArgumentParser, folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        parser.error(f"mappen {folder} finns redan och är inte tom")


def _parser() -> _Parser:
    parser = _Parser(
        prog="lofte",
        description="Verktyg för medborgarlöftenas data.",
        epilog="Exempel: lofte kontrollera",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    with_data = _Parser(add_help=False)
    with_data.add_argument(
        "--data", type=Path, default=Path("data"), help="mappen med data (standard: data)"
    )

    def command(
        name: str, help_text: str, description: str, example: str, *, data: bool = True
    ) -> _Parser:
        sub: _Parser = commands.add_parser(
            name,
            help=help_text,
            description=description,
            epilog=f"Exempel: {example}",
            parents=[with_data] if data else [],
        )
        return sub

    check = command(
        "kontrollera",
        "kontrollera all data i data/",
        "Kontrollerar all data, med samma regler som när webbplatsen byggs, och "
        "varnar för texter som är svåra att läsa eller kan peka ut en person. "
        "Avslutar med 0 om allt stämmer och 1 om något behöver rättas.",
        "lofte kontrollera --format github",
    )
    check.add_argument(
        "--bas",
        metavar="VERSION",
        help="jämför med en git-version (till exempel origin/main): en godkänd uppföljning "
        "som har ändrats måste ha nya datum från både polisen och kommunen",
    )
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github skriver felen som anteckningar i en pull request",
    )
    check.set_defaults(run=lambda a: check_command(a.data, a.format, a.bas))
    stat = command(
        "status",
        "visa läget i terminalen",
        "Visar samma tabell som webbplatsen: aktiviteter per status och område.",
        "lofte status --ar 2024",
    )
    stat.add_argument("--ar", type=int, help="året som visas (standard: senaste uppföljda)")
    stat.set_defaults(run=lambda a: status(a.data, a.ar))
    new = command(
        "ny-uppfoljning",
        "skapa nästa års uppföljningsfiler",
        "Skapar en uppföljningsfil per område för ÅR, med en rad per aktivitet som "
        "pågår det året, status från året innan, tom text och utkast: true. "
        "Skriver aldrig över en fil som finns.",
        "lofte ny-uppfoljning 2025",
    )
    new.add_argument("ar", type=int, metavar="ÅR")
    new.set_defaults(run=lambda a: new_follow_up(a.data, a.ar))
    change = command(
        "diff",
        "vad en ändring betyder för medborgarna",
        "Jämför datan mellan två git-versioner (MÅL utelämnat: arbetskopian) och "
        "skriver i Markdown vad som ändras på webbplatsen.",
        "lofte diff origin/main",
    )
    change.add_argument("bas", metavar="BAS")
    change.add_argument("mal", metavar="MÅL", nargs="?")
    change.set_defaults(run=lambda a: diff(a.data, a.bas, a.mal))
    schema = command(
        "schema",
        "skriv JSON-scheman för redigerare",
        "Skriver JSON Schema för varje sorts datafil till data/.schema/ och "
        "pekar ut schemat på första raden i varje datafil, så att redigerare "
        "kan föreslå fält och visa fel medan man skriver.",
        "lofte schema",
    )
    schema.add_argument(
        "--kontrollera",
        action="store_true",
        help="ändra inget; avsluta med 1 om schemana inte stämmer med modellen",
    )
    schema.set_defaults(run=lambda a: schemas(a.data, a.kontrollera))
    make = command(
        "generera",
        "skriv en påhittad men giltig datamängd",
        "Skriver en påhittad datamängd med N kommuner till en tom mapp, för "
        "prestandamätning och tester. Samma frö ger alltid samma filer.",
        "lofte generera --kommuner 29 --fro 1 --ut /tmp/data",
        data=False,
    )
    make.add_argument("--kommuner", type=int, required=True, help="antal kommuner")
    make.add_argument("--fro", type=int, default=1, help="slumpfrö (standard 1)")
    make.add_argument("--ut", type=Path, required=True, help="mappen som ska skapas")

    def run_generate(a: argparse.Namespace) -> int:
        if not 1 <= a.kommuner <= generate.MAX_MUNICIPALITIES:
            make.error(f"--kommuner ska vara från 1 till {generate.MAX_MUNICIPALITIES}")
        _empty_folder(make, a.ut)
        return generate_command(a.kommuner, a.fro, a.ut)

    make.set_defaults(run=run_generate)
    static = command(
        "sidor",
        "skriv webbplatsens sidor som vanlig Markdown",
        "Skriver varje sida som webbplatsen bygger från datan som vanlig Markdown med "
        "front matter, de handskrivna sidorna med makronas resultat insatt, de öppna "
        "datafilerna och en mkdocs.yml utan hooks och makron. Mappen kan byggas med "
        "mkdocs build, eller av en efterföljare till Material som läser mkdocs.yml "
        "men inte kör hooks.",
        "lofte sidor --ut /tmp/sidor",
    )
    static.add_argument("--ut", type=Path, required=True, help="mappen som ska skapas")
    static.add_argument(
        "--mkdocs",
        type=Path,
        default=Path("mkdocs.yml"),
        help="webbplatsens mkdocs.yml (standard: mkdocs.yml)",
    )
    static.add_argument(
        "--utkast",
        action="store_true",
        help="ta med uppföljningar som inte är godkända (som make preview)",
    )

    def run_pages(a: argparse.Namespace) -> int:
        _empty_folder(static, a.ut)
        return pages_command(a.data, a.mkdocs, a.ut, a.utkast)

    static.set_defaults(run=run_pages)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except OSError as error:
        print(
            f"lofte: kunde inte läsa eller skriva {error.filename or 'en fil'} "
            f"({error.strerror or error}).",
            file=sys.stderr,
        )
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
