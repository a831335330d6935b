"""GET /v1/entities/{kind}/{entity_id}?feature=... returns feature values from Redis."""

from typing import Annotated

import redis.asyncio as redis
from fastapi import FastAPI, HTTPException, Query

from feature_store_api.settings import Settings

settings = Settings()
app = FastAPI(title="feature-store-api", version="1.8.0")
store = redis.from_url(settings.redis_url, decode_responses=True)

ENTITY_KINDS = {"customer", "merchant", "card"}


def feature_key(kind: str, entity_id: str) -> str:
    return f"{settings.key_prefix}:{kind}:{entity_id}"


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    await store.ping()
    return {"status": "ok"}


@app.get("/v1/entities/{kind}/{entity_id}")
async def get_features(
    kind: str,
    entity_id: str,
    feature: Annotated[list[str], Query(min_length=1)],
) -> dict[str, object]:
    if kind not in ENTITY_KINDS:
        raise HTTPException(status_code=404, detail=f"unknown entity kind {kind!r}")
    if len(feature) > settings.max_features_per_request:
        raise HTTPException(status_code=422, detail="too many features requested")
    values = await store.hmget(feature_key(kind, entity_id), feature)
    return {
        "entity": {"kind": kind, "id": entity_id},
        "features": dict(zip(feature, values)),
        "missing": [name for name, value in zip(feature, values) if value is None],
    }
