"""The problems of a file: every one counted, the first ones kept in (row, column) order."""

from __future__ import annotations

from typing import Any

PROBLEM_CAP = 1000


class Report:
    """Problems of a file: exact count, the first `cap` in (row, column) order."""

    def __init__(self, headers: dict[str, str] | None = None, cap: int = PROBLEM_CAP
                 ) -> None:
        self.count = 0
        self.headers = headers or {}
        self.cap = cap
        self._kept: list[tuple[int, int, dict[str, Any]]] = []
        self._seq = 0

    def add(self, row: int, column: str | None, value: Any, problem: str) -> None:
        self.count += 1
        self._seq += 1
        shown = None if value is None or value == "" else str(value)[:200]
        entry = {"row": row, "column": self.headers.get(column or "", column),
                 "value": shown, "problem": problem}
        self._kept.append((row, self._seq, entry))
        if len(self._kept) > 4 * self.cap:
            self._trim()

    def _trim(self) -> None:
        self._kept.sort(key=lambda t: (t[0], t[1]))
        del self._kept[self.cap:]

    def problems(self) -> list[dict[str, Any]]:
        self._trim()
        return [entry for _, _, entry in self._kept]
