from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_database(clean_db: None) -> None:
    """Every engine test starts from empty tables on the run's real database."""
