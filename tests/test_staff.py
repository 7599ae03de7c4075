"""The staff commands on real files and real git history: status, ny-uppfoljning, diff, schema,
and the plain-language and privacy checks."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.data import layout, privacy, schema
from macros.data.folders import read_dataset
from macros.staff import editor_schema
from tests.conftest import FIXTURES, ROOT, lofte, problems_of


def committed_fixture(tmp_path: Path) -> Path:
    """A git repository holding the valid fixture data in one commit."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid" / "data", repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bas")
    return repo


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


# --- status ----------------------------------------------------------------------------------


def test_status_prints_the_same_numbers_as_the_site(valid_data: Path) -> None:
    result = lofte("status", "--ar", "2024", "--data", str(valid_data))
    assert result.returncode == 0, result.stderr
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "Droger 0 1 0 0 0 1 0 % –" in lines
    assert "Trafik 0 0 1 0 0 0 100 % –" in lines
    assert "Alla områden 0 1 1 0 0 1 50 % –" in lines


# --- ny-uppfoljning ----------------------------------------------------------------------------


def test_ny_uppfoljning_scaffolds_drafts_and_never_overwrites(valid_data: Path) -> None:
    shutil.rmtree(valid_data / "testby" / "2024-2025" / "uppfoljning" / "2025")
    result = lofte("ny-uppfoljning", "2025", "--data", str(valid_data))
    assert result.returncode == 0, result.stderr
    folder = valid_data / "testby" / "2024-2025" / "uppfoljning" / "2025"
    assert sorted(p.name for p in folder.iterdir()) == ["droger.yml", "trafik.yml"]
    assert problems_of(valid_data) == []  # drafts with empty texts are valid
    promise = read_dataset(valid_data).promise("testby/2024-2025")
    new = {f.activity_id: f for f in promise.follow_ups if f.year == 2025}
    assert set(new) == {"kontroller", "skolvag", "skolbesok", "fritidsgard"}
    assert all(f.draft and f.text == "" for f in new.values())
    assert new["kontroller"].status.value == "genomförd"  # carried over from 2024
    assert new["skolbesok"].status.value == "pågår"
    assert new["skolvag"].status.value == "planerad"  # did not run 2024
    again = lofte("ny-uppfoljning", "2025", "--data", str(valid_data))
    assert again.returncode == 1
    assert "finns redan och skrivs inte över" in again.stderr


def test_ny_uppfoljning_outside_every_period(valid_data: Path) -> None:
    result = lofte("ny-uppfoljning", "2031", "--data", str(valid_data))
    assert result.returncode == 1
    assert "inget löfte pågår 2031" in result.stderr


# --- diff across real git commits -----------------------------------------------------------


def test_diff_between_two_commits_says_what_citizens_see(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    promise = repo / "data" / "testby" / "2024-2025"
    path = promise / "uppfoljning" / "2024" / "droger.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("status: pågår", "status: genomförd")
        .replace("framsteg: 50", "framsteg: 100")
        .replace("Hälften av klasserna har fått besök.", "Alla klasser har fått besök."),
        encoding="utf-8",
    )
    acts = promise / "aktiviteter" / "droger.yml"
    acts.write_text(
        acts.read_text(encoding="utf-8").replace("titel: Skolbesök", "titel: Samtal i skolan"),
        encoding="utf-8",
    )
    ind = promise / "indikatorer" / "kontroller.yml"
    ind.write_text(
        ind.read_text(encoding="utf-8").replace("varde: 12", "varde: 14"), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "mål")
    for args in (("diff", "HEAD~1", "HEAD"), ("diff", "HEAD~1")):
        result = lofte(*args, "--data", "data", cwd=repo)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert out.startswith("## Vad ändringen betyder för medborgarna")
        assert "- Nytt namn: **Skolbesök** → **Samtal i skolan** (`skolbesok`)" in out
        assert "- Status 2024 för **Samtal i skolan**: pågår → genomförd" in out
        assert "> Alla klasser har fått besök." in out
        assert "- Indikatorn **Antal kontroller** 2024: 12 → 14 kontroller" in out
        assert "| Droger | – | – | 0 av 0 |" not in out
    # The working tree differs from HEAD only where it was edited after the commit.
    same = lofte("diff", "HEAD", "--data", "data", cwd=repo)
    assert "Ändringen påverkar inte det som visas för medborgarna." in same.stdout


def test_diff_with_an_unknown_revision_exits_2(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    result = lofte("diff", "finns-inte", "--data", "data", cwd=repo)
    assert result.returncode == 2
    assert result.stderr == (
        'lofte: versionen "finns-inte" finns inte i git-arkivet. Ange en gren, en tagg eller '
        "en commit, till exempel origin/main.\n"
    )


# --- editor schemas ------------------------------------------------------------------------


def test_committed_schemas_match_the_model() -> None:
    folder = ROOT / "data" / editor_schema.SCHEMA_FOLDER
    assert {p.name for p in folder.glob("*.json")} == set(editor_schema.schema_texts())
    for name, content in editor_schema.schema_texts().items():
        assert (folder / name).read_text(encoding="utf-8") == content, f"kör lofte schema ({name})"
    assert lofte("schema", "--kontrollera").returncode == 0


def test_every_data_file_points_at_its_schema() -> None:
    data = ROOT / "data"
    for path in sorted(data.rglob("*.yml")):
        relative = path.relative_to(data)
        kind = layout.kind_of(relative)
        assert kind is not None, path
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == editor_schema.comment_for(relative, kind), path
        target = (path.parent / first.removeprefix(editor_schema.COMMENT_PREFIX)).resolve()
        assert target.is_file(), path


def test_schemas_accept_the_shipped_files_and_reject_typos() -> None:
    import jsonschema
    import yaml

    data = ROOT / "data"
    for path in sorted(data.rglob("*.yml")):
        kind = layout.kind_of(path.relative_to(data))
        assert kind is not None, path
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema.file_schema(kind), format_checker=None)
        # YAML's own date type is what editors see for 2024-11-12; compare as text.
        assert not [
            e.message for e in validator.iter_errors(json.loads(json.dumps(document, default=str)))
        ], path
    follow_up = schema.file_schema(layout.FileKind.FOLLOW_UPS)
    errors = list(
        jsonschema.Draft202012Validator(follow_up).iter_errors(
            {"ar": 2024, "uppfoljningar": [{"aktivitet": "a", "statsu": "klart", "text": ""}]}
        )
    )
    assert errors


# --- plain language and privacy --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kontakta 811218-9876 om detta.", ["811218-9876"]),
        ("Personen 19811218-9876.", ["19811218-9876"]),
        ("Samordningsnummer 701063-2391.", ["701063-2391"]),
        ("Mötet 2024-11-12 och ärende 2024-1234.", []),
        ("Fel kontrollsiffra 811218-9875.", []),
    ],
)
def test_personal_numbers_need_a_valid_check_digit(text: str, found: list[str]) -> None:
    assert privacy.personal_numbers(text) == found


def test_a_personal_number_fails_validation(valid_data: Path) -> None:
    path = valid_data / "testby" / "2024-2025" / "uppfoljning" / "2024" / "droger.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Hälften av klasserna", "Eleven 811218-9876 och hälften av klasserna"
        ),
        encoding="utf-8",
    )
    assert problems_of(valid_data) == [
        'data/testby/2024-2025/uppfoljning/2024/droger.yml:3: uppföljningen av "skolbesok" '
        '2024, fältet "text", innehåller något som ser ut som ett personnummer (811218-9876). '
        "Personnummer får aldrig publiceras: ta bort det."
    ]


def test_warnings_for_contacts_small_counts_and_hard_texts(valid_data: Path) -> None:
    promise = valid_data / "testby" / "2024-2025"
    path = promise / "uppfoljning" / "2024" / "trafik.yml"
    hard = " ".join(
        [
            "Kommunikationsinsatserna genomfördes tillsammans med "
            "samverkanspartnerorganisationerna inom trafiksäkerhetsområdet"
        ]
        * 6
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Tolv kontroller gjordes.",
            f"Ring 070-123 45 67 eller skriv till anna.svensson@example.com. {hard}.",
        ),
        encoding="utf-8",
    )
    ind = promise / "indikatorer" / "kontroller.yml"
    ind.write_text(
        ind.read_text(encoding="utf-8")
        .replace("enhet: kontroller", "enhet: personer")
        .replace("varde: 12", "varde: 3"),
        encoding="utf-8",
    )
    result = lofte("kontrollera", "--data", str(valid_data), "--format", "github")
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("::warning")]
    text = "\n".join(warnings)
    assert "telefonnumret 070-123 45 67" in text
    assert "e-postadressen anna.svensson@example.com" in text
    assert "svår att läsa (LIX" in text
    assert 'indikatorn "kontroller" har värdet 3 för 2024' in text
    assert all(w.startswith("::warning file=data/testby/") for w in warnings)


def test_official_numbers_and_plain_texts_give_no_warnings() -> None:
    dataset = read_dataset(FIXTURES / "valid" / "data")
    assert privacy.warnings(dataset) == []
    assert privacy.lix("Polisen gjorde kontroller. Det gick bra.") < privacy.LIX_LIMIT
