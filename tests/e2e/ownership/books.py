"""Id-taking routes of books and their reading sessions."""
from __future__ import annotations

from tests.e2e.ownership import Resource, post_json


def _book(client, csrf):
    return {"book_id": post_json(client, csrf, "/api/v1/books", {"title": "Dune", "total_pages": 100})["id"]}


RESOURCES = [
    Resource("/api/v1/books/<uuid:book_id>", _book, {"PATCH": {"title": "Stolen", "status": "finished"}}),
    Resource("/api/v1/books/<uuid:book_id>/reading-sessions", _book, {"POST": {"minutes": 30, "pages": 100}},
             read="/api/v1/books/{book_id}"),
]
