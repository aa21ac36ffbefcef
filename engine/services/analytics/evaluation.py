"""The weighted channel evaluation of the expansion plan: data in workflows/, ranked here.

`workflows/channel_evaluation.yaml` holds the criteria, their weights (summing to 1), the
scale and each candidate's scores; it is validated at start-up with the workflows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from engine import machines
from engine.authz import Principal
from engine.models.enums import Channel
from engine.services.analytics.figures import RATIO
from engine.sqlkit import CENT

EVALUATION_FILE = machines.WORKFLOWS_DIR / "channel_evaluation.yaml"
CRITERIA = ("user_match", "traffic_potential_and_cost", "brand_fit",
            "operational_complexity", "profit_and_risk")


class EvaluationFileError(ValueError):
    """The channel evaluation file is malformed; the message names the place."""


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: Decimal
    description: str


@dataclass(frozen=True)
class CriterionScore:
    criterion: Criterion
    score: Decimal
    contribution: Decimal  # score × weight


@dataclass(frozen=True)
class ChannelEvaluation:
    rank: int
    key: str
    name: str
    channel: str | None
    note: str
    total: Decimal
    breakdown: list[CriterionScore]


@dataclass(frozen=True)
class EvaluationModel:
    scale_min: int
    scale_max: int
    criteria: list[Criterion]
    candidates: list[dict[str, Any]]


def _decimal(where: str, raw: Any) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise EvaluationFileError(f"{where}: must be a number, got {raw!r}")
    try:
        value = Decimal(str(raw))
    except ArithmeticError:
        raise EvaluationFileError(f"{where}: must be a number, got {raw!r}") from None
    if not value.is_finite():
        raise EvaluationFileError(f"{where}: must be a number, got {raw!r}")
    return value


def parse_evaluation(data: Any, source: str = "channel_evaluation.yaml") -> EvaluationModel:
    """Validate the evaluation data: known criteria, weights summing to 1, scores in scale."""
    if not isinstance(data, dict):
        raise EvaluationFileError(f"{source}: expected a mapping at the top level")
    scale = data.get("scale") or {}
    if not isinstance(scale, dict):
        raise EvaluationFileError(f"{source}: scale must be a mapping with min and max")
    lo, hi = scale.get("min", 1), scale.get("max", 5)
    if not isinstance(lo, int) or not isinstance(hi, int) or lo >= hi:
        raise EvaluationFileError(f"{source}: scale.min and scale.max must be integers, min < max")
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise EvaluationFileError(f"{source}: criteria must be a non-empty list")
    criteria: list[Criterion] = []
    for i, raw in enumerate(raw_criteria):
        where = f"{source}: criteria[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
            raise EvaluationFileError(f"{where}: needs a key")
        key = raw["key"]
        if key not in CRITERIA:
            raise EvaluationFileError(f"{where}: unknown criterion {key!r}; "
                                      f"expected one of {', '.join(CRITERIA)}")
        if any(c.key == key for c in criteria):
            raise EvaluationFileError(f"{where}: criterion {key!r} appears twice")
        weight = _decimal(f"{where}.weight", raw.get("weight"))
        if weight <= 0 or weight > 1:
            raise EvaluationFileError(f"{where}.weight: must be above 0 and at most 1")
        criteria.append(Criterion(key, str(raw.get("label") or key), weight,
                                  str(raw.get("description") or "")))
    missing = [k for k in CRITERIA if k not in {c.key for c in criteria}]
    if missing:
        raise EvaluationFileError(f"{source}: criteria missing: {', '.join(missing)}")
    total_weight = sum((c.weight for c in criteria), Decimal("0"))
    if total_weight != 1:
        raise EvaluationFileError(f"{source}: criteria weights must sum to 1 (they sum to "
                                  f"{total_weight})")
    raw_candidates = data.get("candidates")
    if not isinstance(raw_candidates, list) or not raw_candidates:
        raise EvaluationFileError(f"{source}: candidates must be a non-empty list")
    candidates: list[dict[str, Any]] = []
    for i, raw in enumerate(raw_candidates):
        where = f"{source}: candidates[{i}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
            raise EvaluationFileError(f"{where}: needs a key")
        if any(c["key"] == raw["key"] for c in candidates):
            raise EvaluationFileError(f"{where}: candidate {raw['key']!r} appears twice")
        channel = raw.get("channel")
        if channel is not None and channel not in {c.value for c in Channel}:
            raise EvaluationFileError(f"{where}.channel: unknown channel {channel!r}")
        scores = raw.get("scores")
        if not isinstance(scores, dict):
            raise EvaluationFileError(f"{where}.scores: must map each criterion to a score")
        unknown = [k for k in scores if k not in CRITERIA]
        if unknown:
            raise EvaluationFileError(f"{where}.scores: unknown criterion {unknown[0]!r}")
        clean: dict[str, Decimal] = {}
        for c in criteria:
            if c.key not in scores:
                raise EvaluationFileError(f"{where}.scores: no score for {c.key}")
            value = _decimal(f"{where}.scores.{c.key}", scores[c.key])
            if value < lo or value > hi:
                raise EvaluationFileError(
                    f"{where}.scores.{c.key}: {value} is outside the scale {lo}–{hi}")
            clean[c.key] = value
        candidates.append({"key": raw["key"], "name": str(raw.get("name") or raw["key"]),
                           "channel": channel, "note": str(raw.get("note") or ""),
                           "scores": clean})
    return EvaluationModel(lo, hi, criteria, candidates)


def load_evaluation(path: Path = EVALUATION_FILE) -> EvaluationModel:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EvaluationFileError(f"{path.name}: cannot be read: {exc}") from exc
    return parse_evaluation(data, path.name)


def rank(model: EvaluationModel) -> list[ChannelEvaluation]:
    """Weighted total per candidate (Σ score × weight), best first; ties keep file order."""
    scored = []
    for cand in model.candidates:
        breakdown = [CriterionScore(c, cand["scores"][c.key],
                                    (cand["scores"][c.key] * c.weight).quantize(RATIO))
                     for c in model.criteria]
        total = sum((b.contribution for b in breakdown), Decimal("0")).quantize(CENT,
                                                                               ROUND_HALF_UP)
        scored.append((cand, total, breakdown))
    scored.sort(key=lambda item: -item[1])
    result: list[ChannelEvaluation] = []
    for i, (cand, total, breakdown) in enumerate(scored):
        position = i + 1
        if result and result[-1].total == total:
            position = result[-1].rank
        result.append(ChannelEvaluation(position, cand["key"], cand["name"], cand["channel"],
                                        cand["note"], total, breakdown))
    return result


_evaluation: EvaluationModel | None = None


def load(path: Path = EVALUATION_FILE) -> EvaluationModel:
    """Read and validate the evaluation file (at start-up, like the workflows)."""
    global _evaluation
    _evaluation = load_evaluation(path)
    return _evaluation


def channel_evaluation(actor: Principal | None = None, path: Path | None = None
                       ) -> tuple[EvaluationModel, list[ChannelEvaluation]]:
    """The expansion plan's candidate channels ranked by weighted score (data, not code).

    Every signed-in role may read it: it holds no records. `path` reads another file.
    """
    model = load_evaluation(path) if path is not None else (_evaluation or load())
    return model, rank(model)

