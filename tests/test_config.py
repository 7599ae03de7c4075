"""The project's own configuration: what must stay set for the site to be safe and strict."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from tests.conftest import ROOT


def read(path: Path) -> Any:
    # BaseLoader keeps every value as written (no YAML 1.1 "on" → True surprises).
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_mkdocs_is_strict_swedish_and_local() -> None:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        config = yaml_load(stream)  # MkDocs' loader: it knows !ENV
    assert config["strict"] is True
    assert config["theme"]["language"] == "sv"
    assert config["theme"]["font"] is False
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["on_error_fail"] is True
    assert macros["on_undefined"] == "strict"
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search["lang"] == "sv"
    assert "data" in config["watch"]
    assert config["validation"]["links"]["anchors"] == "warn"


def test_pull_requests_run_with_read_only_rights() -> None:
    for path in workflow_files():
        workflow = read(path)
        assert "pull_request_target" not in workflow["on"], path
        assert workflow["permissions"] == {"contents": "read"}, path
        for name, job in workflow["jobs"].items():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] == "false", (path, name)
            writes = {k: v for k, v in job.get("permissions", {}).items() if v == "write"}
            if writes:
                # Write rights exactly where they are needed, on main only: the deploy job, and
                # the two buttons that open a pull request (and nothing else can start them).
                assert WRITE_JOBS.get((path.name, name)) == writes, (path, name, writes)
                assert job["if"] == "github.ref == 'refs/heads/main'"
                if path.name != "deploy.yml":
                    assert list(workflow["on"]) == ["workflow_dispatch"], path


WRITE_JOBS = {
    ("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("ny-uppfoljning.yml", "skapa"): {"contents": "write", "pull-requests": "write"},
    ("ny-period.yml", "skapa"): {"contents": "write", "pull-requests": "write"},
}
BUTTONS = {
    "ny-uppfoljning.yml": ("Skapa nästa års uppföljning", "ny-uppfoljning", {"ar", "kommun"}),
    "ny-period.yml": ("Starta nytt medborgarlöfte", "ny-period", {"kommun", "period", "fran"}),
}


@pytest.mark.parametrize("name", sorted(BUTTONS))
def test_the_buttons_run_lofte_and_never_expand_inputs_into_scripts(name: str) -> None:
    path = ROOT / ".github" / "workflows" / name
    workflow = read(path)
    title, command, inputs = BUTTONS[name]
    assert workflow["name"] == title
    assert set(workflow["on"]["workflow_dispatch"]["inputs"]) == inputs
    (job,) = workflow["jobs"].values()
    scripts = [str(step["run"]) for step in job["steps"] if "run" in step]
    # Inputs reach the job as environment variables only: no ${{ }} inside a script.
    assert all("${{" not in script for script in scripts), scripts
    assert {f"${{{{ inputs.{i} }}}}" for i in inputs} == {
        v for v in job["env"].values() if "inputs." in v
    }
    # They are checked against a strict pattern before anything runs.
    first = scripts[0]
    for variable in (k for k, v in job["env"].items() if "inputs." in v):
        assert f'"${variable}" =~ ^' in first, variable
    assert any(f".venv/bin/lofte {command} " in script for script in scripts)
    assert "bash scripts/open-pull-request.sh" in scripts[-1]
    assert "Allow GitHub Actions to create and approve pull requests" in path.read_text("utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert title in contributing
    assert "Allow GitHub Actions to create and approve pull requests" in contributing


def test_actions_are_pinned_by_commit_and_pull_requests_see_no_secrets() -> None:

    for path in workflow_files():
        text = path.read_text(encoding="utf-8")
        for uses in re.findall(r"uses:\s*(\S+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), (path, uses)
        if "pull_request" in read(path)["on"]:
            assert "secrets." not in text, path
    dependabot = read(ROOT / ".github" / "dependabot.yml")
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"pip", "github-actions"}


def test_every_dependency_is_locked_with_hashes() -> None:
    lock = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    pins = [line for line in lock.splitlines() if line and not line.startswith((" ", "#"))]
    assert pins and all("==" in line and line.endswith("\\") for line in pins)
    assert "--require-hashes" in (ROOT / "scripts" / "venv.sh").read_text(encoding="utf-8")


def test_ci_entry_calls_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme


# A job needs Debian's Chromium when it installs it (in any spelling of apt, over continued
# lines), runs the script that does, or runs tests that start it.
CHROMIUM_STEPS = re.compile(
    r"install-system-deps|\.ci/run|make (test|browser)\b|pytest(?![^\n]*not browser)"
    r"|\bapt(-get)?\b[^\n]*\binstall\b[^\n]*chromium"
)
DEBIAN_IMAGE = re.compile(r"^(python:\S*(\$\{\{[^}]*\}\})?\S*-(bookworm|trixie)|debian:\S+)$")


def workflow_files() -> list[Path]:
    """Every workflow GitHub runs: it reads both endings."""
    folder = ROOT / ".github" / "workflows"
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])


def chromium_jobs(workflow: Any) -> list[tuple[str, Any]]:
    """Jobs that install Debian's Chromium or run tests that need it."""
    found = []
    for name, job in workflow["jobs"].items():
        runs = "\n".join(str(step.get("run", "")) for step in job.get("steps", []))
        runs = re.sub(r"\\\n\s*", " ", runs)  # a command continued over lines is one line
        if CHROMIUM_STEPS.search(runs):
            found.append((name, job))
    return found


def outside_debian(workflow: Any) -> list[str]:
    """The jobs that need Chromium but do not run in a Debian container."""
    wrong = []
    for name, job in chromium_jobs(workflow):
        container = job.get("container")
        image = container.get("image") if isinstance(container, dict) else container
        if not (image and DEBIAN_IMAGE.match(str(image))):
            wrong.append(name)
    return wrong


def test_chromium_is_installed_only_in_a_debian_container() -> None:
    """Ubuntu's apt has no Debian chromium (only a snap that does not run on a runner)."""
    checked = 0
    for path in workflow_files():
        workflow = read(path)
        assert outside_debian(workflow) == [], path.name
        checked += len(chromium_jobs(workflow))
    assert checked >= 1  # the browser tests do run somewhere on GitHub


@pytest.mark.parametrize(
    "job",
    [
        {"runs-on": "ubuntu-24.04", "steps": [{"run": "sudo apt-get install -y chromium"}]},
        {"runs-on": "ubuntu-24.04", "steps": [{"run": "sudo bash scripts/install-system-deps.sh"}]},
        {"container": {"image": "ubuntu:24.04"}, "steps": [{"run": "make test"}]},
        {"container": "node:22", "steps": [{"run": "make install && .venv/bin/pytest -n 2"}]},
        {"runs-on": "ubuntu-24.04", "steps": [{"run": "sudo apt-get -y install chromium"}]},
        {"runs-on": "ubuntu-24.04", "steps": [{"run": "sudo apt install -y \\\n  chromium"}]},
        {"runs-on": "ubuntu-24.04", "steps": [{"run": "bash .ci/run"}]},
    ],
)
def test_the_workflow_check_catches_chromium_outside_debian(job: dict[str, Any]) -> None:
    assert outside_debian({"jobs": {"t": job}}) == ["t"]


def test_the_workflow_check_accepts_a_debian_container() -> None:
    for image in (
        "python:3.13-bookworm",
        "python:3.13-slim-bookworm",
        "python:${{ matrix.python }}-bookworm",
        "debian:bookworm",
    ):
        job = {"container": {"image": image}, "steps": [{"run": "make test"}]}
        assert outside_debian({"jobs": {"t": job}}) == [], image
    lint = {"runs-on": "ubuntu-24.04", "steps": [{"run": "make lint"}]}
    assert outside_debian({"jobs": {"l": lint}}) == []


def test_the_tests_run_on_every_supported_python() -> None:
    workflow = read(ROOT / ".github" / "workflows" / "ci.yml")
    (_, job), *_ = chromium_jobs(workflow)
    assert job["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    # Each entry of the matrix really runs its own Python: the image and PYTHON follow it.
    assert job["container"]["image"] == "python:${{ matrix.python }}-bookworm"
    assert job["env"]["PYTHON"] == "python${{ matrix.python }}"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in pyproject
    assert 'requires-python = ">=3.11.4"' in pyproject


def choose_python(*args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path} if path is not None else None
    return subprocess.run(
        [shutil.which("bash") or "/bin/bash", str(ROOT / "scripts" / "python.sh"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_the_makefile_takes_the_python_it_is_given() -> None:
    result = choose_python(sys.executable)
    assert result.returncode == 0 and result.stdout.strip() == sys.executable


def test_an_unsupported_python_is_refused_in_swedish(tmp_path: Path) -> None:
    old = tmp_path / "python3.10"
    old.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    old.chmod(0o755)
    result = choose_python(str(old))
    assert result.returncode == 1 and result.stdout == ""
    assert f'Python-tolken "{old}" kan inte användas' in result.stderr
    assert "3.13, 3.12 eller 3.11 (3.11.4 eller senare)" in result.stderr


def test_without_a_supported_python_the_message_names_the_versions(tmp_path: Path) -> None:
    result = choose_python(path=str(tmp_path))  # an empty PATH: no python3.x at all
    assert result.returncode == 1
    assert result.stderr.startswith("Hittar ingen Python som projektet stöder.")
    assert "make PYTHON=" in result.stderr


def test_the_newest_supported_python_on_the_path_is_chosen(tmp_path: Path) -> None:
    for name in ("python3.11", "python3.12"):
        (tmp_path / name).symlink_to(sys.executable)
    result = choose_python(path=f"{tmp_path}:/usr/bin:/bin")
    assert result.stdout.strip() == "python3.12"


def test_the_site_address_comes_from_the_deployment() -> None:
    assert re.search(r"^site_url: !ENV SITE_URL$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    build = read(ROOT / ".github" / "workflows" / "deploy.yml")["jobs"]["build"]
    steps = build["steps"]
    pages = next(s for s in steps if str(s.get("uses", "")).startswith("actions/configure-pages"))
    make = next(s for s in steps if s.get("run") == "make build")
    expected = "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    assert make["env"]["SITE_URL"] == expected
    assert steps.index(pages) < steps.index(make)
