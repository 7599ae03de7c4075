"""`lofte`: the staff command. Messages are Swedish; the checks are the same as the site build's.

Each command is a small function; the data set is read by the same code that builds the site.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from macros import progress
from macros.data import approval, privacy
from macros.data.folders import read_dataset
from macros.data.problems import DataError, Problem
from macros.format import format_change, format_share, plain
from macros.model import Dataset, FollowUp, Promise, Status
from macros.site import budget, texts
from macros.staff import arguments, editor_schema, generate, github_annotations, revision, scaffold
from macros.staff.arguments import Parser
from macros.staff.diff import citizen_diff, code


def _counted(n: int, one: str, many: str) -> str:
    """A count with its noun in Swedish: 1 löfte, 2 löften."""
    return f"{n} {one if n == 1 else many}"


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


def _docs_problems(docs: Path) -> list[Problem]:
    """The build's checks of docs/ beside the data folder: files, links, front matter and
    personnummer (imported here: the other commands start without MkDocs)."""
    if not docs.is_dir():
        return []
    from macros.site.front_matter import check_docs
    from macros.site.security import folder_problems

    return folder_problems(docs, docs=True) + check_docs(docs)


def check_command(data: Path, output_format: str, base: str | None = None) -> int:
    try:
        dataset = read_dataset(data)
    except DataError as error:
        return _report(error, output_format)
    over = budget.over_budget(budget.estimate(dataset), budget.budget_bytes())
    if over is not None:
        return _report(DataError([over]), output_format)
    pages = _docs_problems(data.parent / "docs")
    if pages:
        return _report(DataError(pages, "Sidorna i docs/"), output_format)
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
        f"Allt stämmer: {_counted(len(dataset.promises), 'löfte', 'löften')}, "
        f"{_counted(activities, 'aktivitet', 'aktiviteter')} och "
        f"{_counted(follow_ups, 'uppföljning', 'uppföljningar')} i {data}."
    )
    to_write = sum(len(progress.review_state(p).to_write) for p in dataset.promises)
    if to_write:
        print(f"{to_write} utkast att skriva (lofte status visar vilka).")
    return 0


def _review_lines(promise: Promise, year: int) -> list[str]:
    """What is left before the follow-ups of a year can be published."""
    state = progress.review_state(promise, year)

    def names(follow_ups: tuple[FollowUp, ...]) -> str:
        return ", ".join(f.activity_id for f in follow_ups)

    lines = [f"  Utkast att skriva: {len(state.to_write)}"]
    if state.to_write:
        lines.append(f"    {names(state.to_write)}")
    lines.append(f"  Skrivna, väntar på godkännande: {len(state.not_approved)}")
    if state.not_approved:
        lines.append(f"    {names(state.not_approved)}")
    # Only a draft can hold one party's date (data/approval.py): it waits for the other party.
    lines.append(f"  Godkända av en part: {len(state.one_party)}")
    for f in state.one_party:
        waiting = "kommunen" if f.approval.municipality is None else "polisen"
        lines.append(f"    {f.activity_id} (väntar på {waiting})")
    drafts = [f for f in state.both if f.draft]
    lines.append(f"  Godkända av båda: {len(state.both)}")
    if drafts:
        lines.append(
            f"    varav {len(drafts)} fortfarande utkast (ta bort utkast: true för att "
            f"publicera): {names(tuple(drafts))}"
        )
    return lines


def status(data: Path, year: int | None) -> int:
    dataset = _read(data)
    if dataset is None:
        return 1
    for promise in dataset.promises:
        shown = year if year is not None else progress.latest_year(promise)
        draft = " (utkast – ej undertecknat)" if promise.draft else ""
        print(f"{promise.municipality.name}: {promise.title}{draft}")
        for published in promise.published_follow_ups:
            print(
                f"  Uppföljning {published.year} publicerad av {published.publisher}: "
                f"{published.link.url}"
            )
        if shown is None or shown not in promise.years:
            print("" if promise.published_follow_ups else "  Ingen uppföljning att visa.\n")
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
        for line in _review_lines(promise, shown):
            print(line)
        for other in progress.followed_up_years(promise):
            state = progress.review_state(promise, other)
            waiting = len(state.not_approved) + len(state.one_party)
            if other != shown and (state.to_write or waiting):
                print(
                    f"  Även {other}: {len(state.to_write)} utkast att skriva, {waiting} texter "
                    f"som väntar på godkännande (lofte status --ar {other})"
                )
        print()
    return 0


def _write_new(data: Path, files: dict[PurePosixPath, str]) -> int:
    """Write new files below data/, or none of them if any exists already."""
    existing = [data / relative for relative in files if (data / relative).exists()]
    if existing:
        for path in existing:
            print(f"lofte: {path} finns redan och skrivs inte över.", file=sys.stderr)
        return 1
    for relative, content in files.items():
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"Skrev {path}")
    return 0


def new_follow_up(data: Path, year: int, municipality: str | None) -> int:
    dataset = _read(data)
    if dataset is None:
        return 1
    try:
        files = scaffold.new_follow_ups(dataset, year, municipality)
    except scaffold.ScaffoldError as error:
        print(f"lofte: {error}", file=sys.stderr)
        return 1
    code = _write_new(data, files)
    if code == 0:
        print(
            f"{len(files)} filer med utkast för {year}. Skriv texterna, fyll i granskad när "
            "parterna har godkänt och ta bort utkast: true. lofte status visar vad som är kvar."
        )
    return code


def new_period(data: Path, municipality: str, period: str, source: str | None) -> int:
    dataset = _read(data)
    if dataset is None:
        return 1
    try:
        files = scaffold.new_period(dataset, data, municipality, period, source)
    except scaffold.ScaffoldError as error:
        print(f"lofte: {error}", file=sys.stderr)
        return 1
    code = _write_new(data, files)
    if code == 0:
        promise_file = data / next(iter(files))
        print(
            f"Det nya löftet är ett utkast: fyll i {promise_file} och skriv aktiviteterna. "
            "Det visas bara i förhandsversionen (make preview) tills utkast: true tas bort."
        )
    return code


def diff(data: Path, base: str, head: str | None) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            old_root = revision.data_at(base, data, Path(tmp) / "bas")
            new_root = revision.data_at(head, data, Path(tmp) / "mal") if head else data
            outside = revision.changed_outside(base, head, data)
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
            print("\n".join(f"- {code(str(p))}" for p in error.problems))
            return 1
    print(citizen_diff(old, new, outside=outside), end="")
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


def generate_command(count: int, seed: int, out: Path, county: str | None = None) -> int:
    files = generate.generate(count, seed, county=county)
    generate.write(out, files)
    counties = {county} if county else {name for name, _ in generate.county_shares(count)}
    print(f"Skrev {len(files)} filer för {count} kommuner i {len(counties)} län till {out}.")
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


def _parser() -> Parser:
    parser = Parser(
        prog="lofte",
        description="Verktyg för medborgarlöftenas data.",
        epilog="Exempel: lofte kontrollera",
    )
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="KOMMANDO",
        help="ett av kommandona nedan; lofte KOMMANDO --help förklarar det",
    )
    with_data = Parser(add_help=False)
    with_data.add_argument(
        "--data",
        type=Path,
        default=Path("data"),
        metavar="MAPP",
        help="mappen med data (standard: data)",
    )

    def command(
        name: str, help_text: str, description: str, example: str, *, data: bool = True
    ) -> Parser:
        sub: Parser = commands.add_parser(
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
        "Visar för varje löfte samma tabell som webbplatsen (aktiviteter per status och "
        "område) och arbetet som är kvar det året: utkast att skriva, skrivna texter som "
        "väntar på godkännande och texter som båda har godkänt.",
        "lofte status --ar 2024",
    )
    stat.add_argument(
        "--ar",
        type=arguments.year,
        metavar="ÅR",
        help="året som visas (standard: senaste uppföljda)",
    )
    stat.set_defaults(run=lambda a: status(a.data, a.ar))
    new = command(
        "ny-uppfoljning",
        "skapa nästa års uppföljningsfiler",
        "Skapar en uppföljningsfil per område för ÅR, med en post per aktivitet som "
        "pågår det året: aktivitetens titel som kommentar, status från året innan, tom "
        "text, framsteg och granskad som kommentarer att fylla i, och utkast: true. "
        "Skriver aldrig över en fil som finns. Ligger året utanför alla löften: starta "
        "först nästa löfte med lofte ny-period.",
        "lofte ny-uppfoljning 2026 --kommun robertsfors (när löftet för 2026 har "
        "aktiviteter; annars först lofte ny-period)",
    )
    new.add_argument("ar", type=arguments.year, metavar="ÅR", help="året som ska följas upp")
    new.add_argument(
        "--kommun",
        metavar="KOMMUN",
        help="bara den här kommunen (mappens namn i data/, till exempel robertsfors)",
    )
    new.set_defaults(run=lambda a: new_follow_up(a.data, a.ar, a.kommun))
    period = command(
        "ny-period",
        "starta nästa medborgarlöfte",
        "Startar ett nytt löfte för KOMMUN och perioden START-SLUT från det förra: "
        "skriver lofte.yml som utkast (utkast: true) med perioden, parterna, underlaget "
        "att uppdatera och kommentarer om vad som ska fyllas i, och kopierar "
        "fokusområdena. Aktiviteter skrivs inte. Utkastet visas bara i "
        "förhandsversionen tills parterna har skrivit under. En period som överlappar "
        "ett löfte som finns går inte att starta.",
        "lofte ny-period robertsfors 2026-2028",
    )
    period.add_argument(
        "kommun", metavar="KOMMUN", help="kommunens mapp i data/, till exempel robertsfors"
    )
    period.add_argument(
        "period", metavar="START-SLUT", help="den nya perioden, till exempel 2026-2028"
    )
    period.add_argument(
        "--fran",
        metavar="PERIOD",
        help="löftet att utgå från, till exempel 2023-2025 (standard: det senaste)",
    )
    period.set_defaults(run=lambda a: new_period(a.data, a.kommun, a.period, a.fran))
    change = command(
        "diff",
        "vad en ändring betyder för medborgarna",
        "Jämför datan mellan två git-versioner (MÅL utelämnat: arbetskopian) och "
        "skriver i Markdown vad som ändras på webbplatsen.",
        "lofte diff origin/main",
    )
    change.add_argument(
        "bas", metavar="BAS", help="git-versionen att jämföra med, till exempel origin/main"
    )
    change.add_argument(
        "mal",
        metavar="MÅL",
        nargs="?",
        help="git-versionen som visas (standard: filerna som de ligger nu)",
    )
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
        "prestandamätning och tester. Kommunerna fördelas över landets 21 län som de "
        "verkliga (Västra Götalands län har 49 av 290, Gotlands län 1). Samma frö ger "
        "alltid samma filer.",
        "lofte generera --kommuner 29 --fro 1 --ut /tmp/data",
        data=False,
    )
    make.add_argument(
        "--kommuner",
        type=arguments.whole_number,
        required=True,
        metavar="ANTAL",
        help="antal kommuner",
    )
    make.add_argument(
        "--fro", type=arguments.whole_number, default=1, metavar="FRÖ", help="slumpfrö (standard 1)"
    )
    make.add_argument(
        "--ut", type=Path, required=True, metavar="MAPP", help="mappen som ska skapas"
    )
    make.add_argument(
        "--lan",
        metavar="LÄN",
        help="lägg alla kommuner i det här länet, till exempel 'Västerbottens län' "
        "(standard: fördelade över landets 21 län som de verkliga kommunerna)",
    )

    def run_generate(a: argparse.Namespace) -> int:
        if not 1 <= a.kommuner <= generate.MAX_MUNICIPALITIES:
            make.error(f"--kommuner ska vara från 1 till {generate.MAX_MUNICIPALITIES}")
        _empty_folder(make, a.ut)
        return generate_command(a.kommuner, a.fro, a.ut, a.lan)

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
    static.add_argument(
        "--ut", type=Path, required=True, metavar="MAPP", help="mappen som ska skapas"
    )
    static.add_argument(
        "--mkdocs",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FIL",
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
    # Swedish also while a command runs: it may refuse an argument (parser.error) itself.
    with arguments.swedish():
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
