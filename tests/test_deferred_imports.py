"""The builder defers a plugin's import that a build never uses (`builder.defer_imports`):
`import requests` costs nothing until the module is used, and then it is the real module."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

_PROBE = """
import sys
from macros.site import builder
builder.defer_imports()
import requests
assert "urllib3" not in sys.modules, "requests was imported at once"
import mkdocs_macros.util  # the plugin's own `import requests` stays cheap too
assert "urllib3" not in sys.modules, "the plugin's import loaded requests"
from requests.exceptions import RequestException
assert requests.exceptions.RequestException is RequestException
assert callable(requests.get) and "urllib3" in sys.modules
assert type(sys.modules["requests"]).__name__ == "module"
import requests.adapters
print("ok")
"""


def test_requests_is_loaded_on_first_use_only() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
