"""Broken input never gives a traceback: random text in a data file loads or gives the report."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.dataset import read_dataset
from macros.problems import DataError
from tests.conftest import FIXTURES

FILES = [
    "testby/kommun.yml",
    "testby/2024-2025/lofte.yml",
    "testby/2024-2025/omraden/trafik.yml",
    "testby/2024-2025/aktiviteter/trafik.yml",
    "testby/2024-2025/uppfoljning/2024/trafik.yml",
    "testby/2024-2025/indikatorer/kontroller.yml",
]
YAMLISH = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>#'\"\n\t 0129.,åäö")), max_size=200)


def check(relative: str, mutate: str, position: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(FIXTURES / "valid" / "data", root)
        path = root / relative
        text = path.read_text(encoding="utf-8")
        cut = int(len(text) * position)
        path.write_text(text[:cut] + mutate + text[cut:], encoding="utf-8")
        try:
            read_dataset(root)
        except DataError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.path.startswith("data/") and problem.line >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), YAMLISH, st.floats(min_value=0, max_value=1))
def test_random_insertions_load_or_report(relative: str, mutate: str, position: float) -> None:
    check(relative, mutate, position)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(FILES), st.floats(min_value=0, max_value=1))
def test_truncated_files_load_or_report(relative: str, position: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(FIXTURES / "valid" / "data", root)
        path = root / relative
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * position)])
        try:
            read_dataset(root)
        except DataError as error:
            assert error.problems
