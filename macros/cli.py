"""`lofte`: the staff command. Messages are Swedish; the checks are the same as the site build's."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from macros import generate
from macros.dataset import read_dataset
from macros.problems import DataError, Problem


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"lofte: fel i kommandot: {message}", file=sys.stderr)
        raise SystemExit(2)


def _github(problem: Problem) -> str:
    # GitHub Actions annotations: newlines and % must be escaped in the message.
    text = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={problem.path},line={problem.line}::{text}"


def kontrollera(data: Path, output_format: str) -> int:
    try:
        dataset = read_dataset(data)
    except DataError as error:
        if output_format == "github":
            for problem in error.problems:
                print(_github(problem))
        print(str(error), file=sys.stderr if output_format == "github" else sys.stdout)
        return 1
    activities = sum(len(p.activities) for p in dataset.promises)
    follow_ups = sum(len(p.follow_ups) for p in dataset.promises)
    print(
        f"Allt stämmer: {len(dataset.promises)} löften, {activities} aktiviteter och "
        f"{follow_ups} uppföljningar i {data}."
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _Parser(
        prog="lofte",
        description="Verktyg för medborgarlöftenas data.",
        epilog="Exempel: lofte kontrollera",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    check = commands.add_parser(
        "kontrollera",
        help="kontrollera all data i data/",
        description="Kontrollerar all data, med samma regler som när webbplatsen byggs. "
        "Avslutar med 0 om allt stämmer och 1 om något behöver rättas.",
        epilog="Exempel: lofte kontrollera --format github",
    )
    check.add_argument("--data", type=Path, default=Path("data"), help="mappen med data")
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github skriver felen som anteckningar i en pull request",
    )
    make = commands.add_parser(
        "generera",
        help="skriv en påhittad men giltig datamängd (för prestandamätning och tester)",
        description="Skriver en påhittad datamängd med N kommuner till en tom mapp. Samma "
        "frö ger alltid samma filer.",
        epilog="Exempel: lofte generera --kommuner 29 --fro 1 --ut /tmp/data",
    )
    make.add_argument("--kommuner", type=int, required=True, help="antal kommuner")
    make.add_argument("--fro", type=int, default=1, help="slumpfrö (standard 1)")
    make.add_argument("--ut", type=Path, required=True, help="mappen som ska skapas")
    args = parser.parse_args(argv)
    if args.command == "generera":
        return generera(parser, args.kommuner, args.fro, args.ut)
    return kontrollera(args.data, args.format)


def generera(parser: argparse.ArgumentParser, count: int, seed: int, target: Path) -> int:
    if count < 1:
        parser.error("--kommuner ska vara minst 1")
    if target.exists() and any(target.iterdir()):
        parser.error(f"mappen {target} finns redan och är inte tom")
    files = generate.generate(count, seed)
    generate.write(target, files)
    print(f"Skrev {len(files)} filer för {count} kommuner till {target}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
