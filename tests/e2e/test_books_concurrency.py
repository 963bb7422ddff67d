"""Real parallel HTTP requests on real Postgres: reading sessions logged at once all move the
bookmark (none lost), and the book that they finish counts as finished once."""
from __future__ import annotations

import psycopg

from tests.support.parallel_http import signed_in, together

PARALLEL = 10


def test_sessions_logged_at_once_all_count_and_finish_the_book_once(server, database_url):
    http = signed_in(server, "reader@example.com")
    bid = http.post(f"{server}/api/v1/books", json={"title": "Dune", "total_pages": 95}, timeout=10).json()["id"]
    replies = together([lambda: http.post(f"{server}/api/v1/books/{bid}/reading-sessions",
                                          json={"minutes": 10, "pages": 10}, timeout=30)] * PARALLEL)
    assert [r.status_code for r in replies] == [201] * PARALLEL, [r.text for r in replies]
    book = http.get(f"{server}/api/v1/books/{bid}", timeout=10).json()
    assert (book["current_page"], book["status"]) == (95, "finished")
    with psycopg.connect(database_url.replace("+psycopg", ""), autocommit=True) as db:
        counts = dict(db.execute("SELECT event_type, count(*) FROM activity_events WHERE event_type IN "
                                 "('book.finished', 'reading.logged') GROUP BY event_type").fetchall())
    assert counts == {"book.finished": 1, "reading.logged": PARALLEL}
