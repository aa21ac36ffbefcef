"""The import kinds are declared in one registry, and each has what a kind needs."""

from __future__ import annotations

import csv
from pathlib import Path

from engine.importing import columns, kinds
from engine.services import imports

POLICY = Path(__file__).resolve().parents[2] / "policies" / "policy.csv"


def test_every_registered_kind_has_a_column_mapping_and_no_mapping_lacks_a_kind() -> None:
    # given / when
    registered = tuple(kinds.KINDS)
    # then
    assert registered == columns.kinds() == imports.KINDS == (
        "customers", "orders", "channel-metrics")
    for name in registered:
        assert columns.column_table(name).required


def test_every_kind_is_an_action_of_the_import_object_in_the_policy() -> None:
    # given
    lines = [[cell.strip() for cell in row] for row in csv.reader(
        line for line in POLICY.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#"))]
    # when
    actions = {row[3] for row in lines if row[0] == "p" and row[2] == imports.OBJECT}
    # then
    assert set(kinds.KINDS) <= actions
