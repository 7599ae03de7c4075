"""The `lofte` command, run as staff run it: as a program, with real files."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

import pytest

from macros.staff import arguments, cli
from tests.conftest import EXAMPLE, lofte


def test_kontrollera_on_shipped_content() -> None:
    result = lofte("kontrollera")
    assert result.returncode == 0, result.stdout + result.stderr
    # Valid content may carry warnings (klarspråk, contacts) before the closing line.
    assert result.stdout.splitlines()[-1].startswith("Allt stämmer: ")


def test_kontrollera_counts_what_it_checked() -> None:
    result = lofte("kontrollera", "--data", str(EXAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Allt stämmer: 2 löften, 19 aktiviteter och 38 uppföljningar")


def test_kontrollera_reports_problems_as_github_annotations(valid_data: Path) -> None:
    path = valid_data / "testby" / "2024-2025" / "uppfoljning" / "2024" / "trafik.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: genomförd", "status: klart"),
        encoding="utf-8",
    )
    result = lofte("kontrollera", "--data", str(valid_data), "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=data/testby/2024-2025/uppfoljning/2024/trafik.yml,line=4::"
        '"status" i uppföljningen av "Hastighetskontroller" 2024 (uppfoljningar.1.status) '
        'är "klart", men ska vara ett av: planerad, pågår, genomförd, försenad, avbruten.'
    ]
    assert "Traceback" not in result.stderr


def test_bad_arguments_exit_2_in_swedish() -> None:
    result = lofte("kontrolera")
    assert result.returncode == 2
    assert 'lofte: fel i kommandot: KOMMANDO: kommandot "kontrolera" finns inte. Menade du ' in (
        result.stderr
    )


def test_generera_writes_a_valid_data_set(tmp_path: Path) -> None:
    target = tmp_path / "data"
    result = lofte("generera", "--kommuner", "2", "--fro", "7", "--ut", str(target))
    assert result.returncode == 0, result.stderr
    check = lofte("kontrollera", "--data", str(target))
    assert check.returncode == 0, check.stdout
    assert check.stdout.splitlines()[-1].startswith("Allt stämmer: 2 löften,")
    again = lofte("generera", "--kommuner", "2", "--ut", str(target))
    assert again.returncode == 2
    assert "finns redan och är inte tom" in again.stderr


def test_every_command_has_help_with_an_example() -> None:
    for command in COMMANDS:
        result = lofte(command, "--help")
        assert result.returncode == 0
        assert "Exempel: lofte " + command in result.stdout, command


def test_a_bad_argument_to_a_command_exits_2() -> None:
    result = lofte("status", "--ar", "tjugo")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "användning: lofte status [-h] [--data MAPP] [--ar ÅR]",
        'lofte: fel i kommandot: --ar: "tjugo" är inte ett årtal. Skriv året med fyra '
        "siffror, till exempel 2026.",
    ]


COMMANDS = (
    "kontrollera",
    "status",
    "ny-uppfoljning",
    "ny-period",
    "diff",
    "schema",
    "generera",
    "sidor",
)
# Words argparse prints when its own texts are not translated.
ENGLISH = re.compile(
    r"\b(usage|options|optional|positional|arguments|show this help|error|required|invalid"
    r"|choose from|unrecognized|expected)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_swedish_and_every_argument_explained(command: str) -> None:
    result = lofte(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"användning: lofte {command} [-h]")
    assert "\nflaggor:\n" in result.stdout
    assert "visa den här hjälpen och avsluta" in result.stdout
    assert ENGLISH.search(result.stdout) is None, ENGLISH.search(result.stdout)
    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[
        command
    ]
    unexplained = [a.dest for a in (*parser._actions, *sub._actions) if not a.help]
    assert unexplained == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["statsu"],
            'lofte: fel i kommandot: KOMMANDO: kommandot "statsu" finns inte. Menade du '
            '"status"? Välj ett av: kontrollera, status, ny-uppfoljning, ny-period, diff, '
            "schema, generera, sidor.",
        ),
        (
            ["kontrollera", "--format", "gihub"],
            'lofte: fel i kommandot: --format: värdet "gihub" finns inte. Menade du '
            '"github"? Välj ett av: text, github.',
        ),
        (
            ["ny-period"],
            "lofte: fel i kommandot: det här saknas: KOMMUN, START-SLUT",
        ),
        (
            ["ny-uppfoljning", "2026", "--okand"],
            "lofte: fel i kommandot: okända argument: --okand",
        ),
        (
            ["generera", "--kommuner", "två", "--ut", "x"],
            'lofte: fel i kommandot: --kommuner: "två" är inte ett heltal. Skriv bara '
            "siffror, till exempel 5.",
        ),
        (
            ["status", "--ar"],
            "lofte: fel i kommandot: --ar: ett värde behövs efter flaggan",
        ),
    ],
)
def test_command_line_errors_are_swedish(args: list[str], expected: str) -> None:
    result = lofte(*args)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == expected
    assert result.stderr.startswith("användning: lofte")
    assert ENGLISH.search(result.stderr) is None


def test_argparse_asks_for_no_text_without_a_translation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    arguments.untranslated.clear()
    for args in (
        ["--help"],
        *([c, "--help"] for c in COMMANDS),
        ["statsu"],
        ["status", "--ar"],
        ["ny-period"],
        ["kontrollera", "--format", "x"],
        ["status", "--okand"],
    ):
        with pytest.raises(SystemExit):
            cli.main(args)
    capsys.readouterr()
    assert arguments.untranslated == set()
    restored: Any = argparse
    assert restored._("usage: ") == "usage: "  # argparse is itself again afterwards


def test_kontrollera_counts_in_the_singular_too(valid_data: Path) -> None:
    """One promise is "1 löfte", not "1 löften"."""
    import shutil

    for year in ("2024", "2025"):
        for path in (valid_data / "testby" / "2024-2025" / "uppfoljning" / year).glob("*.yml"):
            path.unlink()
    shutil.rmtree(valid_data / "testby" / "2024-2025" / "indikatorer", ignore_errors=True)
    result = lofte("kontrollera", "--data", str(valid_data))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("Allt stämmer: 1 löfte, ")
    assert "0 uppföljningar" in result.stdout.splitlines()[-1]
