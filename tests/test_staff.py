"""The staff commands on real files and real git history: status, ny-uppfoljning, diff, schema,
and the plain-language and privacy checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from macros import progress
from macros.data import layout, privacy, schema
from macros.data.folders import read_dataset
from macros.model import Approval, PartialDate
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


def test_ny_uppfoljning_names_each_activity_and_offers_the_fields_to_fill(
    valid_data: Path,
) -> None:
    shutil.rmtree(valid_data / "testby" / "2024-2025" / "uppfoljning" / "2025")
    result = lofte("ny-uppfoljning", "2025", "--kommun", "testby", "--data", str(valid_data))
    assert result.returncode == 0, result.stderr
    written = valid_data / "testby" / "2024-2025" / "uppfoljning" / "2025" / "trafik.yml"
    lines = written.read_text(encoding="utf-8").splitlines()
    start = lines.index("uppfoljningar:")
    assert lines[start + 1 : start + 10] == [
        "  # Hastighetskontroller",
        "  - aktivitet: kontroller",
        "    status: genomförd",
        "    text: |",
        "    # framsteg: 50",
        "    # granskad:",
        "    #   polisen: 2025-11-15",
        "    #   kommunen: 2025-11-15",
        "    utkast: true",
    ]
    assert lines[0] == "# yaml-language-server: $schema=../../../../.schema/uppfoljning.schema.json"
    # Untouched drafts are no warnings: they are counted as work left.
    check = lofte("kontrollera", "--data", str(valid_data))
    assert check.returncode == 0, check.stdout
    assert "Varning" not in check.stdout
    assert check.stdout.splitlines()[-1] == "4 utkast att skriva (lofte status visar vilka)."
    # Filling in the placeholders as the comments say gives a valid, published follow-up.
    text = written.read_text(encoding="utf-8")
    filled = text.replace(
        "    text: |\n    # framsteg: 50\n    # granskad:\n    #   polisen: 2025-11-15\n"
        "    #   kommunen: 2025-11-15\n    utkast: true\n",
        "    text: |\n      Kontrollerna fortsatte.\n    framsteg: 100\n    granskad:\n"
        "      polisen: 2025-11-15\n      kommunen: 2025-11-15\n",
        1,
    )
    assert filled != text
    written.write_text(filled, encoding="utf-8")
    assert problems_of(valid_data) == []
    follow_up = read_dataset(valid_data).promise("testby/2024-2025").follow_up("kontroller", 2025)
    assert follow_up is not None and not follow_up.draft and follow_up.progress == 100


def test_ny_uppfoljning_outside_every_period_points_to_ny_period(valid_data: Path) -> None:
    result = lofte("ny-uppfoljning", "2031", "--data", str(valid_data))
    assert result.returncode == 1
    assert result.stderr == (
        "lofte: inget löfte pågår 2031, så det finns inget att följa upp. Det senaste löftet "
        "(testby, 2024–2025) slutade 2025. Starta nästa löfte med lofte ny-period testby "
        "2031-2033, skriv dess aktiviteter och kör sedan lofte ny-uppfoljning igen.\n"
    )
    unknown = lofte("ny-uppfoljning", "2025", "--kommun", "testbi", "--data", str(valid_data))
    assert unknown.returncode == 1
    assert 'kommunen "testbi" finns inte. Menade du "testby"?' in unknown.stderr


# --- ny-period ---------------------------------------------------------------------------------


def test_ny_period_starts_a_draft_from_the_previous_promise(valid_data: Path) -> None:
    result = lofte("ny-period", "testby", "2026-2028", "--data", str(valid_data))
    assert result.returncode == 0, result.stderr
    folder = valid_data / "testby" / "2026-2028"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yml")) == [
        "lofte.yml",
        "omraden/droger.yml",
        "omraden/trafik.yml",
    ]
    old = valid_data / "testby" / "2024-2025" / "omraden" / "trafik.yml"
    assert (folder / "omraden" / "trafik.yml").read_text() == old.read_text()
    text = (folder / "lofte.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../.schema/lofte.schema.json\n")
    assert "\nutkast: true\n" in text
    assert "# 3. När polisen och kommunen har skrivit under: ta bort raden utkast: true" in text
    assert problems_of(valid_data) == []
    dataset = read_dataset(valid_data)
    new = dataset.promise("testby/2026-2028")
    assert (new.draft, new.signed, new.start_year, new.end_year) == (True, None, 2026, 2028)
    assert [a.id for a in new.areas] == ["droger", "trafik"]
    assert new.activities == () and new.follow_ups == ()
    assert (new.police_party, new.based_on) == ("Polisen i Testby", ("Trygghetsmätning 2023",))
    # Left out of everything the public sees until it is signed.
    assert [p.key for p in dataset.without_drafts().promises] == ["testby/2024-2025"]
    status = lofte("status", "--data", str(valid_data))
    assert "Testby kommun: Medborgarlöfte 2026–2028 (utkast – ej undertecknat)" in status.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["testby", "2025-2027"],
            "lofte: perioden 2025–2027 överlappar löftet 2024–2025 (data/testby/2024-2025/). "
            "Varje år hör till ett enda löfte: låt det nya börja 2026 eller senare, eller välj "
            "en period före 2024.",
        ),
        (
            ["testbi", "2026-2028"],
            'lofte: kommunen "testbi" finns inte i DATA. Menade du "testby"? De som finns: '
            "testby. En ny kommun läggs till med en mapp och en kommun.yml (se data/README.md).",
        ),
        (
            ["testby", "2026-2040"],
            'lofte: perioden "2026-2040" går inte: slutåret ska vara samma som eller upp till 10 '
            "år efter startåret, och åren mellan 2000 och 2100.",
        ),
        (
            ["testby", "2026–2028"],
            'lofte: perioden "2026–2028" ska skrivas som startår-slutår, till exempel 2026-2028.',
        ),
        (
            ["testby", "2026-2028", "--fran", "2024-2026"],
            'lofte: kommunen "testby" har inget löfte för perioden "2024-2026". Menade du '
            '"2024-2025"? De som finns: 2024-2025.',
        ),
    ],
    ids=["overlap", "unknown-municipality", "too-long", "en-dash", "unknown-source"],
)
def test_ny_period_refuses_in_swedish(valid_data: Path, args: list[str], message: str) -> None:
    result = lofte("ny-period", *args, "--data", str(valid_data))
    assert result.returncode == 1
    assert result.stderr == message.replace("DATA", str(valid_data)) + "\n"
    assert not (valid_data / "testby" / "2026-2028").exists()


def test_a_signed_promise_shows_its_date_and_overlaps_are_invalid(valid_data: Path) -> None:
    lofte_yml = valid_data / "testby" / "2024-2025" / "lofte.yml"
    lofte_yml.write_text(
        lofte_yml.read_text(encoding="utf-8") + "undertecknat: 2024-03-01\nutkast: true\n",
        encoding="utf-8",
    )
    assert problems_of(valid_data) == [
        'data/testby/2024-2025/lofte.yml:19: "undertecknat" är ifyllt, men löftet är '
        'fortfarande utkast. Ta bort raden "utkast: true" när båda parterna har skrivit under.'
    ]
    lofte_yml.write_text(
        lofte_yml.read_text(encoding="utf-8").replace("utkast: true\n", ""), encoding="utf-8"
    )
    assert read_dataset(valid_data).promises[0].signed == PartialDate(2024, 3, 1)
    shutil.copytree(
        valid_data / "testby" / "2024-2025",
        valid_data / "testby" / "2025",
        ignore=shutil.ignore_patterns("uppfoljning", "indikatorer", "aktiviteter"),
    )
    (valid_data / "testby" / "2025" / "lofte.yml").write_text(
        lofte_yml.read_text(encoding="utf-8").replace("start: 2024", "start: 2025"),
        encoding="utf-8",
    )
    assert problems_of(valid_data) == [
        "data/testby/2025/lofte.yml:1: löftet testby/2025 gäller 2025, men löftet "
        "testby/2024-2025 gäller 2024–2025: perioderna för en kommun får inte överlappa. "
        "Rätta start- eller slutåret."
    ]


# --- status: the work left -------------------------------------------------------------------


def test_status_shows_drafts_to_write_and_approvals(valid_data: Path) -> None:
    folder = valid_data / "testby" / "2024-2025" / "uppfoljning" / "2025"
    shutil.rmtree(folder)
    assert lofte("ny-uppfoljning", "2025", "--data", str(valid_data)).returncode == 0
    trafik = folder / "trafik.yml"
    text = trafik.read_text(encoding="utf-8")
    placeholders = (
        "    text: |\n    # framsteg: 50\n    # granskad:\n    #   polisen: 2025-11-15\n"
        "    #   kommunen: 2025-11-15\n"
    )
    # kontroller: written, not approved yet; skolvag: approved by both, still a draft.
    text = text.replace(placeholders, "    text: |\n      Klart.\n", 1)
    text = text.replace(
        placeholders,
        "    text: |\n      Klart.\n    granskad:\n      polisen: 2025-11-15\n"
        "      kommunen: 2025-11-16\n",
        1,
    )
    trafik.write_text(text, encoding="utf-8")
    result = lofte("status", "--ar", "2025", "--data", str(valid_data))
    assert result.returncode == 0, result.stderr
    work = result.stdout.split("\n\n")[1].splitlines()
    assert work == [
        "  Utkast att skriva: 2",
        "    fritidsgard, skolbesok",
        "  Skrivna, väntar på godkännande: 1",
        "    kontroller",
        "  Godkända av en part: 0",
        "  Godkända av båda: 1",
        "    varav 1 fortfarande utkast (ta bort utkast: true för att publicera): skolvag",
    ]


def test_review_state_counts_each_stage() -> None:
    promise = read_dataset(FIXTURES / "valid" / "data").promise("testby/2024-2025")
    done = promise.follow_up("kontroller", 2025)
    assert done is not None
    stages = {
        "to_write": dataclasses.replace(done, text="", draft=True, approval=Approval(None, None)),
        "one_party": dataclasses.replace(
            done, draft=True, approval=Approval(dt.date(2025, 11, 10), None)
        ),
        "not_approved": dataclasses.replace(done, draft=True, approval=Approval(None, None)),
        "both": done,
    }
    for stage, follow_up in stages.items():
        state = progress.review_state(dataclasses.replace(promise, follow_ups=(follow_up,)))
        counts = {name: len(getattr(state, name)) for name in stages}
        assert counts == {name: int(name == stage) for name in stages}, stage


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


def test_official_contacts_are_data_in_kommun_yml(valid_data: Path) -> None:
    path = valid_data / "testby" / "2024-2025" / "uppfoljning" / "2024" / "trafik.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Tolv kontroller gjordes.",
            "Tolv kontroller gjordes. Ring 0999-123 45 eller 114 14, eller skriv till "
            "Kommun@Testby.example.",
        ),
        encoding="utf-8",
    )
    found = [w.message for w in privacy.warnings(read_dataset(valid_data))]
    assert len(found) == 2
    assert "telefonnumret 0999-123 45" in found[0] + found[1]
    assert "e-postadressen Kommun@Testby.example" in found[0] + found[1]
    kommun = valid_data / "testby" / "kommun.yml"
    kommun.write_text(
        kommun.read_text(encoding="utf-8")
        + "kontakter:\n  - 0999-123 45\n  - kommun@testby.example\n",
        encoding="utf-8",
    )
    assert privacy.warnings(read_dataset(valid_data)) == []
    assert read_dataset(valid_data).municipalities[0].contacts == (
        "0999-123 45",
        "kommun@testby.example",
    )


def test_status_points_to_other_years_with_work_left(valid_data: Path) -> None:
    path = valid_data / "testby" / "2024-2025" / "uppfoljning" / "2024" / "trafik.yml"
    # 2024's traffic checks: back to a draft whose approval is withdrawn.
    text = path.read_text(encoding="utf-8").replace(
        "    granskad:\n      polisen: 2024-11-12\n      kommunen: 2024-11-20\n", "", 1
    )
    text = text.replace(
        "  - aktivitet: kontroller\n", "  - aktivitet: kontroller\n    utkast: true\n"
    )
    path.write_text(text, encoding="utf-8")
    result = lofte("status", "--data", str(valid_data))
    assert result.returncode == 0, result.stderr + result.stdout
    assert (
        "  Även 2024: 0 utkast att skriva, 1 texter som väntar på godkännande "
        "(lofte status --ar 2024)"
    ) in result.stdout.splitlines()
