"""The `lofte` command, run as staff run it: as a program, with real files."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLE, lofte


def test_kontrollera_on_shipped_content() -> None:
    result = lofte("kontrollera")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Allt stämmer: ")


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
        '"uppfoljningar.1.status" är "klart", men ska vara ett av: planerad, pågår, '
        "genomförd, försenad, avbruten."
    ]
    assert "Traceback" not in result.stderr


def test_bad_arguments_exit_2_in_swedish() -> None:
    result = lofte("kontrolera")
    assert result.returncode == 2
    assert "lofte: fel i kommandot:" in result.stderr


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
    for command in (
        "kontrollera",
        "status",
        "ny-uppfoljning",
        "diff",
        "schema",
        "generera",
        "sidor",
    ):
        result = lofte(command, "--help")
        assert result.returncode == 0
        assert "Exempel: lofte " + command in result.stdout, command


def test_a_bad_argument_to_a_command_exits_2() -> None:
    result = lofte("status", "--ar", "tjugo")
    assert result.returncode == 2
    assert "lofte: fel i kommandot:" in result.stderr
