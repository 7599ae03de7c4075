"""Files under data/: links are refused, editor leftovers ignored by build and kontrollera, and
`lofte diff` reads git revisions safely (no options, no links, no traceback)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.data.problems import Problem
from macros.staff import github_annotations
from tests.conftest import build_site, lofte, problems_of
from tests.test_staff import committed_fixture, git

PROMISE = Path("testby") / "2024-2025"


def test_a_folder_linked_from_outside_is_refused(valid_data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "utanfor"
    (valid_data / PROMISE / "indikatorer").rename(outside)
    (valid_data / PROMISE / "indikatorer").symlink_to(outside)
    assert problems_of(valid_data) == [
        "data/testby/2024-2025/indikatorer:1: är en länk (symbolisk länk). Länkar används inte i "
        "data/ och följs aldrig: lägg filen eller mappen här i stället."
    ]


def test_a_linked_file_is_refused(valid_data: Path, tmp_path: Path) -> None:
    secret = tmp_path / "hemlig.yml"
    secret.write_text("id: x\n", encoding="utf-8")
    (valid_data / PROMISE / "omraden" / "extra.yml").symlink_to(secret)
    assert problems_of(valid_data) == [
        "data/testby/2024-2025/omraden/extra.yml:1: är en länk (symbolisk länk). Länkar används "
        "inte i data/ och följs aldrig: lägg filen eller mappen här i stället."
    ]


def _leftovers(data: Path) -> None:
    # Emacs' lock file is a dangling link; vim's swap file and backups are plain files.
    (data / "testby" / ".#kommun.yml").symlink_to("user@host.1234:1700000000")
    (data / "testby" / "kommun.yml~").write_text("trasig: [", encoding="utf-8")
    (data / PROMISE / "omraden" / ".trafik.yml.swp").write_bytes(b"\x00\x01")
    (data / PROMISE / "omraden" / "#trafik.yml#").write_text("trasig: [", encoding="utf-8")


def test_editor_leftovers_are_ignored_by_kontrollera(valid_data: Path) -> None:
    _leftovers(valid_data)
    result = lofte("kontrollera", "--data", str(valid_data))
    assert result.returncode == 0, result.stdout + result.stderr


def test_editor_leftovers_are_ignored_by_the_build(valid_data: Path, tmp_path: Path) -> None:
    _leftovers(valid_data)
    build = build_site(valid_data, tmp_path)
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output


def test_a_folder_name_with_a_trailing_newline_is_refused(valid_data: Path) -> None:
    (valid_data / "testby").rename(valid_data / "testby\n")
    assert problems_of(valid_data) == [
        'data/testby\n:1: mappnamnet "testby " ska bara ha små bokstäver a–z, siffror och '
        "bindestreck."
    ]


# --- git revisions ----------------------------------------------------------------------------


def test_a_revision_that_looks_like_an_option_is_refused(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    result = lofte("diff", "--data", "data", "--", "--output=ut.txt", cwd=repo)
    assert result.returncode == 2
    assert result.stderr == (
        'lofte: versionen "--output=ut.txt" börjar med ett bindestreck. Ange en gren, en tagg '
        "eller en commit, till exempel origin/main.\n"
    )
    assert not (repo / "ut.txt").exists()


@pytest.mark.parametrize("target", ["/etc/passwd", "../../utanfor"])
def test_a_link_in_an_archived_revision_is_refused(tmp_path: Path, target: str) -> None:
    repo = committed_fixture(tmp_path)
    os.symlink(target, repo / "data" / "testby" / "lank.yml")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "länk")
    (repo / "data" / "testby" / "lank.yml").unlink()
    result = lofte("diff", "HEAD", "--data", "data", cwd=repo)
    assert result.returncode == 2
    assert result.stderr == (
        'lofte: versionen "HEAD" har en länk i datamappen (data/testby/lank.yml). Länkar '
        "används inte i data/ och läses aldrig: ersätt länken med filen den pekar på.\n"
    )


def test_diff_and_schema_outside_a_repository_say_so(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = lofte("diff", "main", "--data", "data", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "lofte: data ligger inte i ett git-arkiv, så det finns inga versioner att jämföra med.\n"
    )
    schema = lofte("schema", cwd=tmp_path / "data")
    assert "Traceback" not in schema.stderr
    assert schema.returncode == 1
    assert schema.stderr == (
        "lofte: mappen data finns inte här. Kör kommandot i arkivets översta mapp, eller ange "
        "mappen med --data.\n"
    )


def test_diff_without_git_says_so(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    env_path = tmp_path / "tom"
    env_path.mkdir()
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "macros.staff.cli", "diff", "main", "--data", "data"],
        cwd=repo,
        env={**os.environ, "PATH": str(env_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "lofte: git finns inte på datorn. Installera git och försök igen.\n"


def test_generera_has_an_upper_limit(tmp_path: Path) -> None:
    result = lofte("generera", "--kommuner", "100000000", "--ut", str(tmp_path / "ut"))
    assert result.returncode == 2
    assert "lofte: fel i kommandot: --kommuner ska vara från 1 till 1000" in result.stderr
    assert not (tmp_path / "ut").exists()


# --- annotations ----------------------------------------------------------------------------


def test_a_file_name_cannot_inject_an_annotation() -> None:
    problem = Problem("data/x\n::error file=falsk.yml,line=1::Allt är fel.yml", 3, "a%b\r\nc")
    assert github_annotations.command("error", problem) == (
        "::error file=data/x%0A%3A%3Aerror file=falsk.yml%2Cline=1%3A%3AAllt är fel.yml,"
        "line=3::a%25b%0D%0Ac"
    )


def test_kontrollera_escapes_file_names_in_annotations(valid_data: Path) -> None:
    bad = valid_data / "testby" / "2024-2025" / "omraden" / "x\n::error file=a,line=1::b.yml"
    bad.write_text("id: [\n", encoding="utf-8")
    result = lofte("kontrollera", "--data", str(valid_data), "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith("::error file=data/testby/") for line in lines), lines
    assert len(lines) == 1


# --- the data folder itself a link (attack finding 3) ------------------------------------------

_ROOT_LINK = (
    "{path}:1: mappen är en länk (symbolisk länk). Datan läses bara ur en riktig mapp, så att "
    "det som granskas som data/ är det som publiceras: ersätt länken med mappen."
)


def _linked_repo(tmp_path: Path) -> Path:
    """PR A copies data/ into docs/innehall; PR B replaces data/ with a link to that copy."""
    repo = committed_fixture(tmp_path)
    (repo / "docs").mkdir()
    os.rename(repo / "data", repo / "docs" / "innehall")
    (repo / "data").symlink_to(Path("docs") / "innehall", target_is_directory=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "data blir en länk")
    return repo


def test_a_data_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    repo = _linked_repo(tmp_path)
    result = lofte("kontrollera", "--data", "data", cwd=repo)
    assert result.returncode == 1
    assert _ROOT_LINK.format(path="data") in result.stdout


def test_a_folder_above_data_that_is_a_link_is_refused(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    (repo / "innehall").mkdir()
    os.rename(repo / "data", repo / "innehall" / "data")
    (repo / "webb").symlink_to("innehall", target_is_directory=True)
    result = lofte("kontrollera", "--data", "webb/data", cwd=repo)
    assert result.returncode == 1
    assert _ROOT_LINK.format(path="webb") in result.stdout


def test_diff_never_follows_a_linked_data_folder(tmp_path: Path) -> None:
    repo = _linked_repo(tmp_path)
    result = lofte("diff", "HEAD~1", "--data", "data", cwd=repo)
    assert result.returncode == 2
    assert result.stderr == (
        "lofte: data är en länk (symbolisk länk). Datan läses bara ur en riktig mapp, så att det "
        "som granskas som data/ är det som publiceras: ersätt länken med mappen.\n"
    )
    base = lofte("kontrollera", "--bas", "HEAD~1", "--data", "data", cwd=repo)
    assert base.returncode == 1
    assert _ROOT_LINK.format(path="data") in base.stdout


def test_diff_to_a_revision_where_data_is_a_link_is_refused(tmp_path: Path) -> None:
    repo = _linked_repo(tmp_path)
    (repo / "data").unlink()
    os.rename(repo / "docs" / "innehall", repo / "data")
    result = lofte("diff", "HEAD~1", "HEAD", "--data", "data", cwd=repo)
    assert result.returncode == 2
    assert result.stderr == (
        'lofte: versionen "HEAD" har en länk i datamappen (data). Länkar används inte i data/ '
        "och läses aldrig: ersätt länken med filen den pekar på.\n"
    )


# --- lofte diff names every changed file outside data/ (attack finding 5) ----------------------

_OUTSIDE = (
    "### Filer utanför data/\n\n"
    "Ändringen rör också filer utanför data/. De kan ändra vad webbplatsen visar och hur den "
    "byggs: granska dem i ändringens filer.\n\n"
)


def test_diff_names_changed_files_outside_data(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    (repo / "docs").mkdir()
    (repo / "docs" / "om.md").write_text("# Om\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "sidor")
    (repo / "docs" / "ny`sida.md").write_text("# Ny\n", encoding="utf-8")  # not yet added
    committed = lofte("diff", "HEAD~1", "HEAD", "--data", "data", cwd=repo)
    assert committed.returncode == 0, committed.stderr
    assert committed.stdout == (
        "## Vad ändringen betyder för medborgarna\n\n"
        + _OUTSIDE
        + "- `docs/om.md`\n- `mkdocs.yml`\n"
    )
    working = lofte("diff", "HEAD~1", "--data", "data", cwd=repo)
    assert working.returncode == 0, working.stderr
    assert working.stdout == (
        "## Vad ändringen betyder för medborgarna\n\n"
        + _OUTSIDE
        + "- ``docs/ny`sida.md``\n- `docs/om.md`\n- `mkdocs.yml`\n"
    )
    assert "påverkar inte" not in working.stdout


def test_diff_without_any_change_says_so(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    result = lofte("diff", "HEAD", "--data", "data", cwd=repo)
    assert result.stdout == (
        "## Vad ändringen betyder för medborgarna\n\n"
        "Ändringen påverkar inte det som visas för medborgarna.\n"
    )
