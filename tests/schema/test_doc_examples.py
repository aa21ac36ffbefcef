"""Every GraphQL example of README.md and docs/api.md, run exactly as printed.

On a freshly loaded demo, through the ASGI app, with the token the text before the
example names ("with `rep.li`'s token"). An example must answer without errors, every
list it reads must have rows, and every mutation must answer its result type — unless the
text says it deliberately fails. "Running it again deliberately fails" after an example
runs it a second time and expects a typed error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from engine import auth, demo
from engine.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ["README.md", "docs/api.md"]
BLOCK = re.compile(r"```graphql\n(?P<body>.*?)```", re.S)
TOKEN = re.compile(r"[Ww]ith `(?P<user>[a-z0-9._-]+)`'s\s+token")


@dataclass(frozen=True)
class Example:
    where: str
    query: str
    user: str | None
    fails: bool
    fails_again: bool


def examples() -> list[Example]:
    found = []
    for name in DOCUMENTS:
        text = (ROOT / name).read_text(encoding="utf-8")
        matches = list(BLOCK.finditer(text))
        for i, match in enumerate(matches):
            before = text[matches[i - 1].end() if i else 0:match.start()]
            after = text[match.end():matches[i + 1].start() if i + 1 < len(matches) else None]
            after = after.split("```", 1)[0]
            users = TOKEN.findall(before)
            line = text[:match.start()].count("\n") + 1
            found.append(Example(
                where=f"{name}:{line}", query=match["body"], user=users[-1] if users else None,
                fails="deliberately fail" in before.split("\n\n")[-1],
                fails_again="again deliberately fails" in after))
    return found


def _lists(value: Any, path: str = "") -> list[tuple[str, int]]:
    """Every connection in an answer, with its number of rows."""
    found: list[tuple[str, int]] = []
    if isinstance(value, dict):
        if isinstance(value.get("edges"), list):
            found.append((path, len(value["edges"])))
        for key, inner in value.items():
            found += _lists(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for inner in value:
            found += _lists(inner, path)
    return found


def test_the_documents_have_examples_and_say_whose_token() -> None:
    found = examples()
    assert len(found) >= 8
    assert [e.where for e in found if e.user is None] == []


async def test_every_example_runs_as_printed(http: httpx.AsyncClient,
                                             test_settings: Settings) -> None:
    await demo.load()
    for example in examples():
        assert example.user is not None
        token = auth.issue_token(test_settings, example.user)
        runs = [example.fails] + ([True] if example.fails_again else [])
        for expect_failure in runs:
            response = await http.post("/graphql", json={"query": example.query},
                                       headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 200, (example.where, response.text)
            body = response.json()
            assert "errors" not in body, (example.where, body)
            data = body["data"]
            if example.query.lstrip().startswith("mutation"):
                for field, answer in data.items():
                    failed = answer["__typename"].endswith("Error")
                    assert failed == expect_failure, (example.where, field, answer)
            else:
                empty = [path for path, rows in _lists(data) if rows == 0]
                assert empty == [], (example.where, empty, data)


@pytest.mark.parametrize("text", ["README.md", "docs/api.md"])
def test_no_example_hides_a_fixed_version(text: str) -> None:
    # versions move with escalation and follow-ups: an example with a literal
    # expectedVersion would work on one day's demo only
    for match in BLOCK.finditer((ROOT / text).read_text(encoding="utf-8")):
        assert "expectedVersion:" not in match["body"], match["body"][:80]
