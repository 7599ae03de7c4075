"""Both parties approve, and the data proves it: approval dates, approved texts changed since
the base branch, the repository ruleset that requires both teams, and CODEOWNERS."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from macros.data.folders import read_dataset
from tests.conftest import ROOT, lofte, problems_of
from tests.test_staff import committed_fixture, git

TRAFIK_2025 = Path("testby") / "2024-2025" / "uppfoljning" / "2025" / "trafik.yml"
SHOWN_2025 = "data/testby/2024-2025/uppfoljning/2025/trafik.yml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- dates -------------------------------------------------------------------------------------


def test_an_approval_date_in_the_future_is_an_error(valid_data: Path) -> None:
    _edit(valid_data / TRAFIK_2025, "polisen: 2025-11-10", "polisen: 2099-12-31")
    assert problems_of(valid_data) == [
        f'{SHOWN_2025}:3: "granskad.polisen" är 2099-12-31, ett datum som inte har kommit än. '
        "Skriv dagen då texten godkändes."
    ]


def test_the_future_is_judged_against_the_day_of_the_check(valid_data: Path) -> None:
    with pytest.raises(Exception, match="ett datum som inte har kommit än"):
        read_dataset(valid_data, today=dt.date(2025, 11, 10))
    assert read_dataset(valid_data, today=dt.date(2025, 11, 11)).promises


def test_one_party_alone_is_fine_in_a_draft(valid_data: Path) -> None:
    """The police approve first, the municipality a week later: in between the text is a draft
    with one date, which `lofte status` lists as waiting for the other party."""
    _edit(
        valid_data / TRAFIK_2025,
        "    granskad:\n      polisen: 2025-11-10\n      kommunen: 2025-11-11\n",
        "    utkast: true\n    granskad:\n      polisen: 2025-11-10\n",
    )
    assert problems_of(valid_data) == []


def test_one_party_alone_is_an_error_when_published(valid_data: Path) -> None:
    _edit(
        valid_data / TRAFIK_2025,
        "    granskad:\n      polisen: 2025-11-10\n      kommunen: 2025-11-11\n",
        "    granskad:\n      polisen: 2025-11-10\n",
    )
    problems = problems_of(valid_data)
    assert len(problems) == 1
    assert problems[0].startswith(
        f'{SHOWN_2025}:3: uppföljningen av "kontroller" 2025 är inte utkast'
    )


def test_a_date_before_the_year_followed_up_is_an_error(valid_data: Path) -> None:
    _edit(valid_data / TRAFIK_2025, "kommunen: 2025-11-11", "kommunen: 2024-12-31")
    assert problems_of(valid_data) == [
        f'{SHOWN_2025}:3: "granskad.kommunen" är 2024-12-31, men en uppföljning av 2025 kan '
        "inte granskas före 2025."
    ]


# --- approved texts changed since the base branch -------------------------------------------


def _changed_text(repo: Path) -> Path:
    path = repo / "data" / TRAFIK_2025
    _edit(path, "Kontrollerna fortsätter.", "Kontrollerna har slutat.")
    return path


def test_an_approved_text_changed_without_new_dates_fails(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    _changed_text(repo)
    result = lofte("kontrollera", "--bas", "main", "--data", "data", cwd=repo)
    assert result.returncode == 1
    assert (
        f'  {SHOWN_2025}:3: uppföljningen av "kontroller" 2025 var godkänd i main, men texten, '
        'statusen, framsteget eller länkarna har ändrats utan nya datum under "granskad" från '
        "polisen och kommunen. Båda parterna måste godkänna den nya versionen: skriv in de nya "
        "datumen, eller skriv utkast: true tills de har godkänt."
    ) in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_new_dates_from_one_party_are_not_enough(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    path = _changed_text(repo)
    _edit(path, "polisen: 2025-11-10", "polisen: 2025-11-20")
    result = lofte("kontrollera", "--bas", "main", "--data", "data", "--format", "github", cwd=repo)
    assert result.returncode == 1
    assert result.stdout.startswith(
        f'::error file={SHOWN_2025},line=3::uppföljningen av "kontroller" 2025 var godkänd i '
        "main, men texten, statusen, framsteget eller länkarna har ändrats utan nya datum under "
        '"granskad" från kommunen.'
    )


def test_new_dates_from_both_or_back_to_draft_pass(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    path = _changed_text(repo)
    _edit(path, "polisen: 2025-11-10", "polisen: 2025-11-20")
    _edit(path, "kommunen: 2025-11-11", "kommunen: 2025-11-21")
    assert lofte("kontrollera", "--bas", "main", "--data", "data", cwd=repo).returncode == 0
    git(repo, "checkout", "-q", "--", "data")
    path = _changed_text(repo)
    # Back to draft: the dates, which approved the old text, go with it.
    _edit(
        path,
        "    granskad:\n      polisen: 2025-11-10\n      kommunen: 2025-11-11\n",
        "    utkast: true\n",
    )
    result = lofte("kontrollera", "--bas", "main", "--data", "data", cwd=repo)
    assert result.returncode == 0, result.stdout


def test_kontrollera_with_a_bad_base_says_so(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    result = lofte("kontrollera", "--bas", "finns-inte", "--data", "data", cwd=repo)
    assert result.returncode == 2
    assert 'versionen "finns-inte" finns inte i git-arkivet' in result.stderr


def test_the_pull_request_job_runs_kontrollera_against_the_base_branch() -> None:
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert 'lofte kontrollera --format github --bas "origin/${GITHUB_BASE_REF}"' in workflow


# --- who approves ----------------------------------------------------------------------------


def test_the_ruleset_requires_the_police_and_the_municipality_for_data() -> None:
    rulesets = sorted((ROOT / ".github" / "rulesets").glob("*.json"))
    assert rulesets
    ruleset = json.loads(rulesets[0].read_text(encoding="utf-8"))
    assert ruleset["target"] == "branch"
    assert ruleset["enforcement"] == "active"
    assert ruleset["conditions"]["ref_name"]["include"] == ["~DEFAULT_BRANCH"]
    assert ruleset.get("bypass_actors", []) == []
    (rule,) = [r for r in ruleset["rules"] if r["type"] == "pull_request"]
    parameters = rule["parameters"]
    assert parameters["dismiss_stale_reviews_on_push"] is True
    assert parameters["require_last_push_approval"] is True
    assert parameters["require_code_owner_review"] is True
    for_data = [r for r in parameters["required_reviewers"] if "data/**" in r["file_patterns"]]
    assert len(for_data) == 2
    assert all(r["minimum_approvals"] >= 1 for r in for_data)
    assert all(r["reviewer"]["type"] == "Team" for r in for_data)
    assert len({r["reviewer"]["id"] for r in for_data}) == 2  # two different teams
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f".github/rulesets/{rulesets[0].name}" in contributing


def _owners() -> dict[str, list[str]]:
    owners = {}
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *teams = line.split()
            owners[pattern] = teams
    return owners


@pytest.mark.parametrize(
    "pattern",
    ["*", "/Makefile", "/scripts/", "/.ci/", "/tests/", "/bench/", "/requirements/", "/macros/"],
)
def test_what_runs_at_build_or_in_ci_has_the_technical_owner(pattern: str) -> None:
    assert _owners()[pattern] == ["@medborgarloften/teknik"]


def test_data_is_owned_by_both_parties() -> None:
    assert _owners()["/data/"] == ["@medborgarloften/polisen", "@medborgarloften/kommunen"]


def test_the_ruleset_requires_checks_that_exist() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    names = set()
    for job in workflow["jobs"].values():
        pythons = job.get("strategy", {}).get("matrix", {}).get("python", [None])
        for python in pythons:
            names.add(job["name"].replace("${{ matrix.python }}", str(python)))
    for path in (ROOT / ".github" / "rulesets").glob("*.json"):
        for rule in json.loads(path.read_text(encoding="utf-8"))["rules"]:
            if rule["type"] == "required_status_checks":
                required = rule["parameters"]["required_status_checks"]
                assert {c["context"] for c in required} <= names
                # Only GitHub Actions (app 15368) may report them: a person with write access
                # cannot post a passing status under the same name (attack finding 13).
                assert all(c.get("integration_id") == 15368 for c in required)


def test_the_ruleset_requires_both_parties_for_docs_and_the_data_folder_itself() -> None:
    for path in (ROOT / ".github" / "rulesets").glob("*.json"):
        for rule in json.loads(path.read_text(encoding="utf-8"))["rules"]:
            if rule["type"] == "pull_request":
                for reviewer in rule["parameters"]["required_reviewers"]:
                    assert {"data/**", "data", "docs/**"} <= set(reviewer["file_patterns"])


def test_the_pull_request_template_matches_the_checks() -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    # What the template says the checks do is backed by the code and the ruleset.
    assert ".github/rulesets/" in template
    assert (ROOT / ".github" / "rulesets").is_dir()
    assert "**Godkänd text ändrad**" in template
    diff_source = ROOT / "macros" / "staff" / "diff.py"
    assert "**Godkänd text ändrad**" in diff_source.read_text(encoding="utf-8")
    # The reviewer is no longer asked to check by eye what the checks guarantee.
    reviewer = template.split("För granskaren:", 1)[1]
    assert "personnummer" not in reviewer.lower()
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for heading in (
        "Vem får ändra vad",
        "Vad som körs när webbplatsen byggs",
        "Vad en innehållsgranskare fortfarande måste läsa själv",
    ):
        assert heading in security


def test_status_lists_a_draft_waiting_for_the_other_party(valid_data: Path) -> None:
    _edit(
        valid_data / TRAFIK_2025,
        "    granskad:\n      polisen: 2025-11-10\n      kommunen: 2025-11-11\n",
        "    utkast: true\n    granskad:\n      polisen: 2025-11-10\n",
    )
    result = lofte("status", "--ar", "2025", "--data", str(valid_data))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    at = lines.index("  Godkända av en part: 1")
    assert lines[at + 1] == "    kontroller (väntar på kommunen)"


# --- texts that become published (attack finding 7) --------------------------------------------


def _newly_published(line: int, activity: str, revision: str, parties: str) -> str:
    return (
        f"  data/testby/2024-2025/uppfoljning/2025/trafik.yml:{line}: uppföljningen av "
        f'"{activity}" 2025 publiceras, men var inte publicerad med samma innehåll i {revision}, '
        f'och datumen under "granskad" från {parties} är inte senare än det senaste '
        f"godkännandet för kommunen i {revision} (polisen 2025-11-10, kommunen 2025-11-11). En "
        "text som publiceras för första gången eller igen behöver nya datum från båda parterna: "
        "skriv in dagarna då de godkände den, eller skriv utkast: true tills de har godkänt."
    )


def _stale_draft(revision: str, parties: str) -> str:
    return (
        '  data/testby/2024-2025/uppfoljning/2025/trafik.yml:3: uppföljningen av "kontroller" '
        f'2025 är utkast med datum under "granskad" från {parties} som inte hör till den här '
        f"texten: de är inte senare än det senaste godkännandet för kommunen i {revision} "
        "(polisen 2025-11-10, kommunen 2025-11-11), och texten, statusen, framsteget eller "
        "länkarna är inte desamma som när datumen skrevs in. Ta bort datumen tills parterna har "
        "godkänt den nya versionen, och skriv då in dagarna då de godkände den."
    )


def test_a_renamed_activity_cannot_carry_old_dates_to_a_new_text(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    for path in (repo / "data").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("kontroller\n", "kontroll\n"), encoding="utf-8")
    _changed_text(repo)
    assert lofte("kontrollera", "--data", "data", cwd=repo).returncode == 0
    result = lofte("kontrollera", "--bas", "main", "--data", "data", cwd=repo)
    assert result.returncode == 1, result.stdout
    assert _newly_published(3, "kontroll", "main", "polisen och kommunen") in result.stdout


def test_a_draft_round_trip_needs_new_dates(tmp_path: Path) -> None:
    repo = committed_fixture(tmp_path)
    path = _changed_text(repo)
    dates = "    granskad:\n      polisen: 2025-11-10\n      kommunen: 2025-11-11\n"
    _edit(path, dates, "    utkast: true\n" + dates)
    # The dates approved the old text: a draft with a new text cannot keep them ...
    first = lofte("kontrollera", "--bas", "main", "--data", "data", cwd=repo)
    assert first.returncode == 1, first.stdout
    assert _stale_draft("main", "polisen och kommunen") in first.stdout
    _edit(path, "    utkast: true\n" + dates, "    utkast: true\n")
    assert lofte("kontrollera", "--bas", "main", "--data", "data", cwd=repo).returncode == 0
    git(repo, "commit", "-qam", "utkast")
    # ... nor come back with it when the draft is published.
    _edit(path, "    utkast: true\n", dates)
    result = lofte("kontrollera", "--bas", "HEAD", "--data", "data", cwd=repo)
    assert result.returncode == 1, result.stdout
    assert _newly_published(3, "kontroller", "HEAD", "polisen och kommunen") in result.stdout
    diff = lofte("diff", "HEAD", "--data", "data", cwd=repo)
    assert (
        "- Uppföljningen 2025 av **Hastighetskontroller** är godkänd och publiceras, godkänd av "
        "polisen 2025-11-10 och kommunen 2025-11-11:\n\n> Kontrollerna har slutat.\n"
    ) in diff.stdout
    _edit(path, "polisen: 2025-11-10", "polisen: 2025-11-20")
    _edit(path, "kommunen: 2025-11-11", "kommunen: 2025-11-21")
    assert lofte("kontrollera", "--bas", "HEAD", "--data", "data", cwd=repo).returncode == 0
