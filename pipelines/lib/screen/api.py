"""The screening HTTP API for enforcement systems (Starlette, served by uvicorn).

    GET  /screen?name=...&country=CN&id=lei:...&policy=cn_control&limit=5
    POST /screen   {"name": "...", "country": "CN", "id": null, "policy": null, "limit": 5}
    GET  /entities/{entity_id}
    GET  /health

Every answer is JSON, errors too (``{"error": ..., "status": ...}``): an unknown
or repeated parameter is 400, a body that is not JSON 415, one over
``max_body_bytes`` 413, a value screening refuses (a name over
``max_name_length``, a country that is not ISO alpha-2, an unknown policy) 422,
an unknown entity 404.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.report import entity_record, result
from pipelines.lib.screen.screen import Query, QueryError, checked, screen

FIELDS = ("name", "country", "id", "policy", "limit")


def create_app(index: ScreenIndex) -> Starlette:
    def screen_get(request: Request) -> Response:
        params = request.query_params
        unknown = sorted(set(params) - set(FIELDS))
        repeated = sorted(k for k in set(params) if len(params.getlist(k)) > 1)
        if unknown or repeated:
            raise HTTPException(400, f"unknown parameters {unknown}" if unknown
                                else f"repeated parameters {repeated}")
        limit = params.get("limit")
        if limit is not None and not limit.isdigit():
            raise HTTPException(422, "limit: must be a whole number")
        return _answer(index, dict(params) | {"limit": int(limit) if limit else None})

    async def screen_post(request: Request) -> Response:
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            raise HTTPException(415, "send the query as application/json")
        body = await _body(request, index.settings.limits.max_body_bytes)
        try:
            fields = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise HTTPException(400, f"the body is not JSON: {exc}") from exc
        return _answer(index, _checked_fields(fields))

    def entity(request: Request) -> Response:
        record = entity_record(index, request.path_params["entity_id"])
        if record is None:
            raise HTTPException(404, f"no entity {request.path_params['entity_id']!r} in "
                                f"version {index.version.id}")
        return JSONResponse(record)

    def health(_: Request) -> Response:
        return JSONResponse({"status": "ok", "version": index.version.id,
                             "entities": index.version.entities.height})

    return Starlette(routes=[
        Route("/screen", screen_get, methods=["GET"]),
        Route("/screen", screen_post, methods=["POST"]),
        Route("/entities/{entity_id:str}", entity, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
    ], exception_handlers={HTTPException: _error})  # type: ignore[dict-item]


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the body is over {limit} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"the body is over {limit} bytes")
    return body


def _checked_fields(fields: Any) -> dict[str, Any]:
    if not isinstance(fields, dict):
        raise HTTPException(422, "the body must be a JSON object")
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise HTTPException(422, f"unknown fields {unknown}; allowed: {list(FIELDS)}")
    for key, value in fields.items():
        wanted = int if key == "limit" else str
        if value is not None and (type(value) is not wanted):
            raise HTTPException(422, f"{key}: must be {wanted.__name__} or null")
    return fields


def _answer(index: ScreenIndex, fields: dict[str, Any]) -> Response:
    if not fields.get("name"):
        raise HTTPException(400, "name: required")
    try:
        query = checked(index, Query(fields["name"], fields.get("country"), fields.get("id"),
                                     fields.get("policy"), fields.get("limit")))
    except QueryError as exc:
        raise HTTPException(422, str(exc)) from exc
    return JSONResponse(result(index, query, screen(index, [query])))


async def _error(_: Request, exc: HTTPException) -> Response:
    return JSONResponse({"error": exc.detail, "status": exc.status_code},
                        status_code=exc.status_code)
