"""Enums of the pipeline and RFM analytics."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from engine.services import rfm


@strawberry.enum(description="Which records an analytics answer covers, by the caller's policy.")
class AnalyticsScope(Enum):
    OWN = strawberry.enum_value("own", description="Only the caller's own customers.")
    DEPARTMENT = strawberry.enum_value("department", description="The caller's department.")
    ALL = strawberry.enum_value("all", description="Every department.")
    NONE = strawberry.enum_value("none", description="Nothing: the policy grants no access.")


def _segment_enum() -> Any:
    members = {s.key.upper(): strawberry.enum_value(s.key, description=f"{s.label}: "
                                                    f"{s.description}") for s in rfm.SEGMENTS}
    mirrored: Any = Enum("RfmSegment", members)  # type: ignore[misc]
    return strawberry.enum(
        mirrored,
        description="An RFM segment (客户分层) from the R score and the FM score; see "
        "docs/pipeline-rfm.md for the grid.")


RfmSegment = _segment_enum()
