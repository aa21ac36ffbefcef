"""Transport limits of every HTTP request (issue 11): body size, JSON shape, parameters.

- `BodyLimit`, pure ASGI: a body larger than HTTP_MAX_BODY_BYTES (multipart uploads to
  /graphql: HTTP_MAX_UPLOAD_BYTES) is refused with 413 — from Content-Length before a byte
  is read, or as the bytes arrive, so a client cannot make the server buffer more.
- `decode_json`: the JSON of a GraphQL request (body, multipart `operations`, GET
  `variables`) must be UTF-8, nested at most JSON_MAX_DEPTH deep (checked before parsing:
  Python's decoder recurses and fails at about 1,000 levels), without NaN/Infinity and
  without unpaired surrogates, which no response could encode again.
- `check_params`: the path and query parameters of the file routes (exports, reports):
  how many, how long, no NUL or lone surrogate, before the route runs.

Each refusal is JSON in the GraphQL error shape naming the parameter or JSON path.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from engine import validation
from engine.errors import ValidationFailed
from engine.settings import Settings

MAX_PARAMS = 50
MAX_PARAM = 2_000  # characters of one path or query parameter


def error_response(status: int, message: str, extensions: dict[str, Any],
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message, "extensions": extensions}]},
                        status_code=status, headers=headers)


def refusal(exc: ValidationFailed, status: int = 400) -> JSONResponse:
    return error_response(status, exc.message, exc.extensions)


class BodyTooLarge(Exception):
    """Raised from `receive` when a body passes its limit (answered 413)."""


class BodyLimit:
    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def _limit(self, scope: Any) -> int:
        headers = dict(scope.get("headers") or [])
        multipart = headers.get(b"content-type", b"").startswith(b"multipart/form-data")
        if multipart and scope["path"] == "/graphql":
            return self.settings.max_upload_bytes
        return self.settings.max_body_bytes

    def _too_large(self, limit: int) -> JSONResponse:
        return error_response(
            413, f"the request body is larger than {limit} bytes",
            {"code": "REQUEST_TOO_LARGE", "maxBytes": limit})

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._too_large(limit)(scope, receive, send)
            return
        seen = {"bytes": 0, "started": False}

        async def counting_receive() -> Any:
            message = await receive()
            if message["type"] == "http.request":
                seen["bytes"] += len(message.get("body", b""))
                if seen["bytes"] > limit:
                    raise BodyTooLarge
            return message

        async def watching_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                seen["started"] = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            if seen["started"]:
                raise
            await self._too_large(limit)(scope, receive, send)


# A JSON string (escapes included) or a bracket: enough to count nesting without parsing.
_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def _depth(data: bytes, max_depth: int) -> None:
    depth = 0
    for match in _TOKENS.finditer(data):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > max_depth:
                raise ValidationFailed("body", f"the JSON is nested deeper than {max_depth} "
                                       "levels", rule="json_depth")
        elif token in (b"]", b"}"):
            depth -= 1


def _constant(name: str) -> Any:
    raise ValidationFailed("body", f"{name} is not JSON", rule="json")


def _strings(path: str, value: Any) -> None:
    """Unpaired surrogates anywhere (keys too): they cannot be encoded as UTF-8 again."""
    if isinstance(value, str):
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                validation.check_characters(path or "body", value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _strings(path, key)
            _strings(f"{path}.{key}" if path else str(key), item)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _strings(f"{path}.{i}", item)


def decode_json(data: str | bytes, max_depth: int) -> Any:
    """Parse a request's JSON within the limits; raises ValidationFailed (field: the JSON
    path, e.g. `variables.input.name`)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationFailed("body", f"the body is not UTF-8 (byte {exc.start})",
                               rule="encoding") from None
    _depth(raw, max_depth)
    try:
        value = json.loads(raw, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise ValidationFailed("body", f"the body is not JSON: {exc.msg} at {exc.pos}",
                               rule="json") from None
    _strings("", value)
    return value


def check_params(request: Request) -> None:
    """The path and query parameters of a file route, before it runs."""
    items = [*request.path_params.items(), *request.query_params.multi_items()]
    if len(items) > MAX_PARAMS:
        raise ValidationFailed("query", f"at most {MAX_PARAMS} parameters", rule="max_items")
    for name, value in items:
        validation.check_string(str(name)[:100], str(name), max_len=100)
        validation.check_string(str(name), str(value), max_len=MAX_PARAM)
