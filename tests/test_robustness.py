"""Broken input never gives a traceback: random text in a data file loads or gives the report."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.data.folders import read_dataset
from macros.data.problems import DataError
from tests.conftest import VALID, scaled

FILES = [
    "testby/kommun.yml",
    "testby/2024-2025/lofte.yml",
    "testby/2024-2025/omraden/trafik.yml",
    "testby/2024-2025/aktiviteter/trafik.yml",
    "testby/2024-2025/uppfoljning/2024/trafik.yml",
    "testby/2024-2025/indikatorer/kontroller.yml",
]
YAMLISH = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>#'\"\n\t 0129.,åäö")), max_size=200)


def assert_a_report(error: DataError, root: Path) -> None:
    """The report a person reads: every problem names a file of the data set that exists, a line
    inside it, and says something; the whole report counts them."""
    assert str(error).startswith(f"Datan har {len(error.problems)} problem")
    assert error.problems, "ett fel utan problem"
    for problem in error.problems:
        assert problem.path.startswith("data/"), problem
        named = root.parent / problem.path
        assert named.exists(), problem
        if named.is_file():
            lines = max(1, named.read_bytes().count(b"\n") + 1)
            assert 1 <= problem.line <= lines, problem
        assert problem.message.strip() and "Traceback" not in problem.message, problem


def check(relative: str, mutate: str, position: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(VALID, root)
        path = root / relative
        text = path.read_text(encoding="utf-8")
        cut = int(len(text) * position)
        path.write_text(text[:cut] + mutate + text[cut:], encoding="utf-8")
        try:
            read_dataset(root)
        except DataError as error:
            assert_a_report(error, root)


@settings(max_examples=scaled(300))
@given(st.sampled_from(FILES), YAMLISH, st.floats(min_value=0, max_value=1))
def test_random_insertions_load_or_report(relative: str, mutate: str, position: float) -> None:
    check(relative, mutate, position)


@settings(max_examples=scaled(100))
@given(st.sampled_from(FILES), st.floats(min_value=0, max_value=1))
def test_truncated_files_load_or_report(relative: str, position: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(VALID, root)
        path = root / relative
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * position)])
        try:
            read_dataset(root)
        except DataError as error:
            assert_a_report(error, root)


# --- Structural mutations of the shipped-style data ------------------------------------------


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.just("a" * 20_000),
    st.just("no"),
    st.just("0114"),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@settings(max_examples=scaled(300))
@given(st.sampled_from(FILES), st.data())
def test_structural_mutations_load_or_report(relative: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(VALID, root)
        path = root / relative
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        paths = _paths(document)
        target = data.draw(st.sampled_from(paths))
        *parents, last = target
        holder: Any = document
        for step in parents:
            holder = holder[step]
        action = data.draw(st.sampled_from(["delete", "retype", "duplicate-key", "tabs", "swap"]))
        if action == "swap":  # e.g. two ids, or an id and a year, trade places
            other = data.draw(st.sampled_from(paths))
            *other_parents, other_last = other
            other_holder: Any = document
            for step in other_parents:
                other_holder = other_holder[step]
            holder[last], other_holder[other_last] = other_holder[other_last], holder[last]
        elif action == "delete":
            del holder[last]
        elif action == "retype":
            holder[last] = data.draw(VALUES)
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        if action == "duplicate-key":
            text = text + text.splitlines()[0] + "\n"  # the first key once more
        elif action == "tabs":
            text = text.replace("  ", "\t", 1)
        encoding = data.draw(st.sampled_from(["utf-8", "utf-16", "latin-1"]))
        path.write_bytes(text.encode(encoding, errors="replace"))
        try:
            read_dataset(root)
        except DataError as error:
            assert_a_report(error, root)


@settings(max_examples=scaled(200))
@given(VALUES)
def test_random_yaml_documents_load_or_report(value: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(VALID, root)
        (root / "testby" / "2024-2025" / "omraden" / "slump.yml").write_text(
            yaml.safe_dump(value, allow_unicode=True), encoding="utf-8"
        )
        try:
            read_dataset(root)
        except DataError as error:
            assert_a_report(error, root)
