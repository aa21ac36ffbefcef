"""Workflow files are validated at start-up with messages naming the file and the entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine import machines
from engine.machines import WorkflowDefinitionError


@pytest.fixture
def workflows_copy(tmp_path: Path) -> Path:
    for path in machines.WORKFLOWS_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("guards: [deal_amount_given]", "guards: [has_money]",
         "customer_stage.yaml: transition 'win': unknown guard 'has_money'"),
        ("dest: won", "dest: closed", "customer_stage.yaml: transition 'win': unknown dest "
         "state 'closed'"),
        ("  - name: lost\n", "  - name: gone\n", "customer_stage.yaml: state 'gone' is not one of"),
        ("trigger: qualify", "trigger: promote",
         "customer_stage.yaml: transition 'promote': trigger must be one of"),
        ("    initial: true\n", "",
         "customer_stage.yaml: exactly one state must be 'initial: true'"),
        ("workflow: customer_stage", "workflow: customer_stages",
         "customer_stage.yaml: unknown workflow 'customer_stages'"),
    ],
)
def test_bad_definitions_are_named(
    workflows_copy: Path, old: str, new: str, message: str
) -> None:
    _edit(workflows_copy, "customer_stage.yaml", old, new)
    with pytest.raises(WorkflowDefinitionError) as caught:
        machines.load_directory(workflows_copy)
    assert message in str(caught.value)


def test_final_state_cannot_have_exits(workflows_copy: Path) -> None:
    _edit(workflows_copy, "customer_stage.yaml", "    source: lost\n", "    source: won\n")
    with pytest.raises(WorkflowDefinitionError, match="state 'won' is final"):
        machines.load_directory(workflows_copy)


def test_broken_yaml_is_named(workflows_copy: Path) -> None:
    (workflows_copy / "customer_stage.yaml").write_text("workflow: [unclosed\n")
    with pytest.raises(WorkflowDefinitionError, match=r"customer_stage\.yaml: not valid YAML"):
        machines.load_directory(workflows_copy)


def test_missing_workflow_is_named(workflows_copy: Path) -> None:
    (workflows_copy / "follow_up_status.yaml").unlink()
    with pytest.raises(WorkflowDefinitionError, match="follow_up_status"):
        machines.load_directory(workflows_copy)


def test_the_shipped_definitions_load() -> None:
    loaded = machines.load_directory()
    assert set(loaded) == {"customer_stage", "follow_up_status", "campaign_approval",
                           "task_status", "exception_handling", "channel_plan", "plan_channel",
                           "plan_milestone", "plan_risk"}
