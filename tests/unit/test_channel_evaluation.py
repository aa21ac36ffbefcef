"""The weighted channel evaluation file: validated at load, ranked by Σ score × weight."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.services.analytics import (
    EVALUATION_FILE,
    EvaluationFileError,
    load_evaluation,
    parse_evaluation,
    rank,
)

CRITERIA = [
    {"key": "user_match", "weight": 0.3},
    {"key": "traffic_potential_and_cost", "weight": 0.25},
    {"key": "brand_fit", "weight": 0.15},
    {"key": "operational_complexity", "weight": 0.15},
    {"key": "profit_and_risk", "weight": 0.15},
]
SCORES = {"user_match": 3, "traffic_potential_and_cost": 3, "brand_fit": 3,
          "operational_complexity": 3, "profit_and_risk": 3}
VALID: dict[str, Any] = {
    "scale": {"min": 1, "max": 5},
    "criteria": CRITERIA,
    "candidates": [
        {"key": "a", "name": "A", "channel": "douyin", "scores": SCORES},
        {"key": "b", "name": "B", "scores": SCORES | {"user_match": 5}},
        {"key": "c", "name": "C", "scores": SCORES | {"user_match": 5}},
    ],
}


def broken(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    data.update(changes)
    return data


def test_the_shipped_file_is_valid_and_ranked() -> None:
    model = load_evaluation()
    ranking = rank(model)
    assert len(model.criteria) == 5
    assert sum(c.weight for c in model.criteria) == 1
    assert [r.rank for r in ranking] == sorted(r.rank for r in ranking)
    for r in ranking:
        assert r.total == sum(b.contribution for b in r.breakdown).quantize(Decimal("0.01"))


def test_ranking_breakdown_and_ties() -> None:
    ranking = rank(parse_evaluation(VALID))
    assert [(r.key, r.rank, r.total) for r in ranking] == [
        ("b", 1, Decimal("3.60")), ("c", 1, Decimal("3.60")), ("a", 3, Decimal("3.00"))]
    first = ranking[0].breakdown[0]
    assert (first.criterion.key, first.score, first.contribution) == (
        "user_match", Decimal("5"), Decimal("1.5000"))


@pytest.mark.parametrize(("data", "message"), [
    (broken(criteria=[c | {"weight": 0.3} if c["key"] == "brand_fit" else c
                      for c in CRITERIA]), "weights must sum to 1 (they sum to 1.15)"),
    (broken(criteria=CRITERIA[:4]), "criteria missing: profit_and_risk"),
    (broken(criteria=[*CRITERIA, {"key": "vibes", "weight": 0}]), "unknown criterion 'vibes'"),
    (broken(criteria=[*CRITERIA, CRITERIA[0]]), "criterion 'user_match' appears twice"),
    (broken(criteria=[c | {"weight": "heavy"} if c["key"] == "brand_fit" else c
                      for c in CRITERIA]), "criteria[2].weight: must be a number"),
    (broken(candidates=[{"key": "a", "scores": SCORES | {"brand_fit": 6}}]),
     "candidates[0].scores.brand_fit: 6 is outside the scale 1–5"),
    (broken(candidates=[{"key": "a", "scores": {k: v for k, v in SCORES.items()
                                                if k != "brand_fit"}}]),
     "candidates[0].scores: no score for brand_fit"),
    (broken(candidates=[{"key": "a", "channel": "tv", "scores": SCORES}]),
     "candidates[0].channel: unknown channel 'tv'"),
    (broken(candidates=[{"key": "a", "scores": SCORES}, {"key": "a", "scores": SCORES}]),
     "candidates[1]: candidate 'a' appears twice"),
    (broken(candidates=[]), "candidates must be a non-empty list"),
    (broken(scale={"min": 5, "max": 1}), "scale.min and scale.max must be integers"),
    ([1, 2], "expected a mapping"),
])
def test_invalid_files_are_refused_with_the_place_named(data: Any, message: str) -> None:
    with pytest.raises(EvaluationFileError) as err:
        parse_evaluation(data)
    assert message in str(err.value)


def test_load_reports_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "channel_evaluation.yaml"
    bad.write_text("criteria: [", encoding="utf-8")
    with pytest.raises(EvaluationFileError, match=r"channel_evaluation\.yaml: cannot be read"):
        load_evaluation(bad)
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(VALID), encoding="utf-8")
    assert [c["key"] for c in load_evaluation(good).candidates] == ["a", "b", "c"]
    assert EVALUATION_FILE.name == "channel_evaluation.yaml"


def test_start_up_load_validates_and_caches(tmp_path: Path) -> None:
    from engine.services import analytics

    bad = tmp_path / "channel_evaluation.yaml"
    bad.write_text(yaml.safe_dump(broken(candidates=[])), encoding="utf-8")
    with pytest.raises(EvaluationFileError, match="candidates must be a non-empty list"):
        analytics.load(bad)
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(VALID), encoding="utf-8")
    try:
        analytics.load(good)
        model, ranking = analytics.channel_evaluation()
        assert [r.key for r in ranking] == ["b", "c", "a"]
        assert model.candidates[0]["key"] == "a"
    finally:
        analytics.load()  # back to the shipped file
    assert analytics.channel_evaluation()[1][0].key == "vertical_platform"
