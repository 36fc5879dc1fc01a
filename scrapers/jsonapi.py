"""A JSON:API document reader (https://jsonapi.org/format/): `data` + `included`, resolved by type/id.

Many public APIs (the UK Trade Tariff among them) answer in JSON:API. Spiders ask this reader for an
object's attributes and the objects its relationships point to, instead of walking dicts by hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

JsonObject = dict[str, Any]


class JsonApiError(ValueError):
    """The response is not a JSON:API document, or a relationship points at nothing."""


class JsonApiDocument:
    """One parsed JSON:API document with its `included` objects indexed by (type, id)."""

    def __init__(self, document: JsonObject) -> None:
        if not isinstance(document, dict) or "data" not in document:
            raise JsonApiError("not a JSON:API document: no top-level 'data'")
        self.data: JsonObject | list[JsonObject] = document["data"]
        self._included = {(obj["type"], str(obj["id"])): obj for obj in document.get("included", [])}

    @classmethod
    def from_bytes(cls, body: bytes) -> JsonApiDocument:
        try:
            return cls(json.loads(body))
        except json.JSONDecodeError as err:
            raise JsonApiError(f"response is not JSON: {err}") from err

    def primary(self) -> list[JsonObject]:
        """The primary object(s) as a list, whether `data` is one object or many."""
        return self.data if isinstance(self.data, list) else [self.data]

    def get(self, type_: str, id_: str) -> JsonObject | None:
        return self._included.get((type_, str(id_)))

    def related(self, obj: JsonObject, name: str) -> Iterator[JsonObject]:
        """The included objects a relationship of `obj` points to (none if absent or null)."""
        linkage = obj.get("relationships", {}).get(name, {}).get("data")
        if linkage is None:
            return
        for ref in linkage if isinstance(linkage, list) else [linkage]:
            target = self.get(ref["type"], ref["id"])
            if target is None:
                raise JsonApiError(f"{obj['type']} {obj['id']}: {name} -> {ref['type']} {ref['id']} not included")
            yield target

    def related_one(self, obj: JsonObject, name: str) -> JsonObject | None:
        return next(self.related(obj, name), None)

    def of_type(self, type_: str) -> Iterator[JsonObject]:
        return (obj for (kind, _), obj in self._included.items() if kind == type_)
