"""The RFM segment grid over the R score (rows) and FM = ⌈(F + M) ÷ 2⌉ (columns), as data.

Shared by the full computation (engine/services/rfm.py) and the precomputed standing
window (engine/services/rfm_summary.py), in Python (`segment_of`) and SQL (`segment_case`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    r: tuple[int, int]  # R score range, both ends included
    fm: tuple[int, int]  # FM score range
    recall: bool  # worth a call back: they bought often or much, but not lately
    description: str


# The usual RFM grid over R (rows) and FM (columns); the rows below cover all 25 cells
# and are tried in order. Tests check the coverage; docs/pipeline-rfm.md shows the grid.
SEGMENTS: tuple[Segment, ...] = (
    Segment("champions", "重要价值客户", (4, 5), (4, 5), False,
            "bought recently, often and much"),
    Segment("loyal", "忠诚客户", (3, 5), (3, 5), False,
            "buy regularly and well; not quite the best on every count"),
    Segment("potential_loyalists", "潜力客户", (4, 5), (1, 2), False,
            "bought recently but little or seldom so far"),
    Segment("needs_attention", "需要关注", (3, 3), (1, 2), False,
            "middling recency, low frequency and value"),
    Segment("cant_lose", "重要挽回客户", (1, 1), (4, 5), True,
            "were among the best customers, have not bought for a long time"),
    Segment("at_risk", "流失风险客户", (1, 2), (3, 5), True,
            "bought often or much, but their last order is getting old"),
    Segment("hibernating", "休眠客户", (2, 2), (1, 2), False,
            "low value and not recent"),
    Segment("lost", "流失客户", (1, 1), (1, 2), False,
            "lowest recency and low value"),
)
SEGMENT_KEYS = tuple(s.key for s in SEGMENTS)
RECALL_SEGMENTS = tuple(s.key for s in SEGMENTS if s.recall)


def segment_of(r: int, fm: int) -> str:
    """The segment of one score pair (the same rule the SQL CASE applies)."""
    for s in SEGMENTS:
        if s.r[0] <= r <= s.r[1] and s.fm[0] <= fm <= s.fm[1]:
            return s.key
    raise ValueError(f"no segment for R={r}, FM={fm}")


def segment_case(r: str = "r_score", f: str = "f_score", m: str = "m_score") -> str:
    """The grid as a SQL CASE over score expressions (first matching row wins)."""
    fm = f"((({f}) + ({m}) + 1) / 2)"  # integer division on both dialects
    whens = " ".join(
        f"WHEN ({r}) BETWEEN {s.r[0]} AND {s.r[1]} AND {fm} BETWEEN {s.fm[0]} AND {s.fm[1]}"
        f" THEN '{s.key}'" for s in SEGMENTS)
    return f"CASE {whens} END"
