"""Calls of the personal areas: habits, goals, books, calendar, daily plans, notes, exercise, files."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from tests.e2e.budget import Call, Caller, calls
from tests.e2e.ownership.files import ANALYSIS, created, upload_blob, upload_track

TODAY = date.today()  # a fresh user's day is the UTC day
NOW = datetime.now(timezone.utc)


def _counted(params: dict) -> int:
    """How many rows this list's add_row made before (kept in the call's parameters)."""
    params["n"] = params.get("n", 0) + 1
    return params["n"]


def _habit(caller: Caller, params: dict | None = None) -> dict:
    made = {"habit_id": caller.post("/api/v1/habits", {"title": "Stretch", "frequency": "daily"})["id"]}
    caller.post(f"/api/v1/habits/{made['habit_id']}/logs", {})
    return made


def _habit_log(caller: Caller, params: dict) -> None:
    day = TODAY - timedelta(days=_counted(params))
    caller.post(f"/api/v1/habits/{params['habit_id']}/logs", {"date": day.isoformat()})


def _goal(caller: Caller, params: dict | None = None) -> dict:
    made = {"goal_id": caller.post("/api/v1/goals", {"title": "Marathon", "target_date": "2030-01-01"})["id"]}
    _milestone(caller, made)
    return made


def _milestone(caller: Caller, params: dict) -> None:
    caller.post(f"/api/v1/goals/{params['goal_id']}/milestones", {"title": "10 km"})


def _book(caller: Caller, params: dict | None = None) -> dict:
    made = {"book_id": caller.post("/api/v1/books", {"title": "Dune", "total_pages": 500})["id"]}
    _reading(caller, made)
    return made


def _reading(caller: Caller, params: dict) -> None:
    caller.post(f"/api/v1/books/{params['book_id']}/reading-sessions", {"minutes": 20, "pages": 10})


def _event(caller: Caller, params: dict) -> None:
    start = datetime(TODAY.year, TODAY.month, TODAY.day, 9, tzinfo=timezone.utc) + timedelta(hours=_counted(params))
    caller.post("/api/v1/calendar/events", {"title": "Standup", "starts_at": start.isoformat(),
                                            "ends_at": (start + timedelta(minutes=30)).isoformat(),
                                            "recurrence_rule": "FREQ=DAILY;COUNT=20"})


def _plan_item(caller: Caller, params: dict) -> None:
    """The day's plan with one more item."""
    items = [{"title": f"Task {n}"} for n in range(_counted(params))]
    assert caller.send("PUT", f"/api/v1/daily-plan/{TODAY}", {"items": items}).status_code == 200


def _idea(caller: Caller, params: dict) -> None:
    caller.post("/api/v1/ideas", {"title": "App", "body": "Streaks", "tags": ["x", "y"]})


def _entry(caller: Caller, params: dict) -> None:
    caller.post("/api/v1/infobase", {"title": "Rust ownership", "content": "Borrowing rules", "tags": ["lang"]})


def _exercise(caller: Caller, params: dict | None = None) -> str:
    name = f"Lift {caller.id[:8]} {_counted(params if params is not None else {})}"
    return caller.post("/api/v1/exercises", {"name": name})["id"]


def _lifts(caller: Caller) -> dict:
    return {"lifts": [_exercise(caller, {"n": i}) for i in range(2)]}


def _workout(caller: Caller, params: dict) -> None:
    caller.post("/api/v1/workouts", {"name": "Legs", "exercises": [{"exercise_id": e} for e in params["lifts"]]})


def _session(caller: Caller, params: dict) -> None:
    started = (NOW - timedelta(hours=_counted(params))).isoformat()
    sets = [{"exercise_id": e, "reps": 5, "weight_kg": 100} for e in params["lifts"]]
    caller.post("/api/v1/workout-sessions", {"started_at": started, "sets": sets})


def _record(caller: Caller, params: dict) -> None:
    """A session on a new exercise: one more exercise with personal records."""
    _session(caller, {"lifts": [_exercise(caller, params)]})


def _program(caller: Caller, params: dict) -> None:
    caller.post("/api/v1/programs", {"name": "Base", "weeks": [
        {"week_number": 1, "days": [{"day": 1}, {"day": 3}]}, {"week_number": 2, "days": [{"day": 1}]}]})


def _blob(caller: Caller, params: dict) -> None:
    created(upload_blob(caller.client, caller.csrf))


def _track(caller: Caller, params: dict) -> None:
    track = created(upload_track(caller.client, caller.csrf))
    caller.send("PUT", f"/api/v1/tracks/{track}/analysis", ANALYSIS)


PLAN = {"items": [{"title": "Write"}, {"title": "Run", "done": True}], "notes": "Busy"}
RANGE = f"?from={TODAY.isoformat()}&to={(TODAY + timedelta(days=30)).isoformat()}"

CALLS = calls(
    Call("GET", "/api/v1/habits", add_row=_habit),
    Call("POST", "/api/v1/habits", body={"title": "Read", "frequency": "times_per_week", "times": 3}),
    Call("GET", "/api/v1/habits/<uuid:habit_id>", _habit, add_row=_habit_log),
    Call("GET", "/api/v1/habits/<uuid:habit_id>/logs", _habit, add_row=_habit_log),
    Call("GET", "/api/v1/goals", add_row=_goal),
    Call("POST", "/api/v1/goals", body={"title": "Learn Go", "description": "Slowly"}),
    Call("GET", "/api/v1/goals/<uuid:goal_id>", _goal, add_row=_milestone),
    Call("GET", "/api/v1/books", add_row=_book),
    Call("POST", "/api/v1/books", body={"title": "Emma", "author": "Austen", "total_pages": 400}),
    Call("GET", "/api/v1/books/<uuid:book_id>/reading-sessions", _book, add_row=_reading),
    Call("GET", "/api/v1/calendar/events", add_row=_event, query=RANGE),
    Call("POST", "/api/v1/calendar/events", body={"title": "Dentist", "starts_at": NOW.isoformat(),
                                                  "ends_at": (NOW + timedelta(hours=1)).isoformat()}),
    Call("GET", "/api/v1/daily-plan", add_row=_plan_item),
    Call("PUT", "/api/v1/daily-plan/<date>", lambda c: {"date": TODAY.isoformat()}, body=PLAN),
    Call("GET", "/api/v1/ideas", add_row=_idea),
    Call("POST", "/api/v1/ideas", body={"title": "Garden", "tags": ["home"], "pinned": True}),
    Call("GET", "/api/v1/infobase", add_row=_entry, query="?q=rust"),
    Call("POST", "/api/v1/infobase", body={"title": "SQL", "content": "Joins", "tags": ["db"]}),
    Call("POST", "/api/v1/feedback", body={"kind": "idea", "message": "More themes"}),
    Call("GET", "/api/v1/exercises", add_row=lambda c, p: _exercise(c, p) and None),
    Call("POST", "/api/v1/exercises", lambda c: {"name": f"Row {c.id[:8]}"}, body=lambda p: {"name": p["name"]}),
    Call("GET", "/api/v1/workouts", _lifts, add_row=_workout),
    Call("POST", "/api/v1/workouts", _lifts,
         body=lambda p: {"name": "Push", "exercises": [{"exercise_id": e, "target_sets": 3} for e in p["lifts"]]}),
    Call("GET", "/api/v1/workout-sessions", _lifts, add_row=_session),
    Call("POST", "/api/v1/workout-sessions", _lifts, body=lambda p: {
        "started_at": (NOW - timedelta(hours=1)).isoformat(),
        "sets": [{"exercise_id": e, "reps": 5, "weight_kg": 80} for e in p["lifts"]]}),
    Call("GET", "/api/v1/personal-records", add_row=_record),
    Call("GET", "/api/v1/programs", add_row=_program),
    Call("POST", "/api/v1/programs", body={"name": "Base", "weeks": [{"week_number": 1, "days": [{"day": 1}]}]}),
    Call("GET", "/api/v1/blobs", add_row=_blob),
    Call("POST", "/api/v1/blobs", send=lambda c, p: upload_blob(c.client, c.csrf)),
    Call("GET", "/api/v1/tracks", add_row=_track),
    Call("POST", "/api/v1/tracks", send=lambda c, p: upload_track(c.client, c.csrf)),
)
