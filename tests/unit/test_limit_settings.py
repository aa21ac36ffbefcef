"""Issue 11: the limits' settings read from the environment, with safe defaults."""

from __future__ import annotations

import pytest

from engine.settings import Settings, SettingsError


def test_safe_defaults() -> None:
    s = Settings.from_env({})
    assert (s.max_body_bytes, s.max_upload_bytes, s.max_json_depth, s.max_query_cost) == (
        1_000_000, 65_000_000, 32, 50_000)
    assert (s.rate_limit_auth_failures, s.rate_limit_mutations) == ("20/minute", "300/minute")
    assert (s.introspection, s.introspection_anonymous) == (True, False)
    assert s.webhook_allowed_hosts == ()


@pytest.mark.parametrize(("raw", "expected"), [
    ("authenticated", (True, False)), ("true", (True, True)), ("on", (True, True)),
    ("false", (False, False)), ("0", (False, False)),
])
def test_introspection_modes(raw: str, expected: tuple[bool, bool]) -> None:
    s = Settings.from_env({"GRAPHQL_INTROSPECTION": raw})
    assert (s.introspection, s.introspection_anonymous) == expected


def test_limits_from_the_environment() -> None:
    s = Settings.from_env({
        "HTTP_MAX_BODY_BYTES": "200000", "JSON_MAX_DEPTH": "10", "GRAPHQL_MAX_COST": "900",
        "RATE_LIMIT_AUTH_FAILURES": "", "RATE_LIMIT_MUTATIONS": "10 per second",
        "WEBHOOK_ALLOWED_HOSTS": " Hooks.Internal ,127.0.0.1"})
    assert (s.max_body_bytes, s.max_json_depth, s.max_query_cost) == (200_000, 10, 900)
    assert (s.rate_limit_auth_failures, s.rate_limit_mutations) == ("", "10 per second")
    assert s.webhook_allowed_hosts == ("hooks.internal", "127.0.0.1")


@pytest.mark.parametrize(("name", "raw"), [
    ("RATE_LIMIT_MUTATIONS", "lots"), ("GRAPHQL_INTROSPECTION", "maybe"),
    ("JSON_MAX_DEPTH", "2"), ("HTTP_MAX_BODY_BYTES", "10"),
])
def test_bad_values_name_the_variable(name: str, raw: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: raw})
