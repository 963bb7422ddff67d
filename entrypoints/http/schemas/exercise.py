"""Schemas of the exercise area: exercises, workout templates, sessions with sets, personal records.

Weights go in and out as JSON numbers (never strings): NaN, Infinity and more than two
decimals are refused; whole values come out as integers (100, not 100.0).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from marshmallow import Schema, ValidationError, fields, pre_dump, validate

from domain.exercise import (CATEGORIES, MAX_KG, MAX_NAME, MAX_NOTE, MAX_REPS, MAX_SETS, MAX_TARGET_SETS, MAX_TEXT,
                             MAX_WORKOUT_EXERCISES)
from domain.personal_records import METRICS
from entrypoints.http.paging import PageQuery, page_list_schema


def _storable(value: str) -> None:
    """Postgres stores no NUL character and UTF-8 has no lone surrogates."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("Must not contain unpaired surrogates.") from None
    if "\x00" in value:
        raise ValidationError("Must not contain NUL characters.")


def text(maximum: int, minimum: int = 0) -> list:
    return [validate.Length(min=minimum, max=maximum), _storable]


NAME, BODY, NOTE = text(MAX_NAME, 1), text(MAX_TEXT), text(MAX_NOTE)


class Number(fields.Number):
    """A JSON number read as a Decimal within [minimum, maximum] with at most `places` decimals
    (a `number` in the OpenAPI document)."""

    num_type = Decimal

    default_error_messages = {"invalid": "Must be a number.", "special": "NaN and Infinity are not numbers here.",
                              "places": "Must have at most {places} decimals.",
                              "range": "Must be between {minimum} and {maximum}.",
                              "step": "Must be a multiple of {step}."}

    def __init__(self, *, minimum: Decimal = Decimal(0), maximum: Decimal = MAX_KG, places: int = 2,
                 step: Decimal | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.places, self.step = minimum, maximum, places, step

    def _deserialize(self, value, attr, data, **kwargs) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.make_error("invalid")
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except (InvalidOperation, ValueError):
            raise self.make_error("invalid") from None
        if not number.is_finite():
            raise self.make_error("special")
        if not self.minimum <= number <= self.maximum:
            raise self.make_error("range", minimum=self.minimum, maximum=self.maximum)
        if number.as_tuple().exponent < -self.places:
            raise self.make_error("places", places=self.places)
        if self.step is not None and number % self.step:
            raise self.make_error("step", step=self.step)
        return number

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() else float(value)


KG = {"minimum": Decimal(0), "maximum": MAX_KG,
      "metadata": {"description": "Kilograms, at most 2 decimals", "minimum": 0, "maximum": int(MAX_KG)}}


class ExerciseIn(Schema):
    name = fields.String(required=True, validate=NAME)
    category = fields.String(load_default="strength", validate=validate.OneOf(CATEGORIES))
    muscle_group = fields.String(load_default=None, allow_none=True, validate=NAME)
    equipment = fields.String(load_default=None, allow_none=True, validate=NAME)
    description = fields.String(load_default=None, allow_none=True, validate=BODY)


class ExerciseQuery(PageQuery):
    q = fields.String(load_default=None, validate=NAME, metadata={"description": "Part of the name, case-blind"})


class ExerciseOut(Schema):
    id = fields.UUID(required=True)
    name = fields.String(required=True)
    category = fields.String(required=True, metadata={"enum": list(CATEGORIES)})
    muscle_group = fields.String(allow_none=True)
    equipment = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    key = fields.String(allow_none=True, metadata={"description": "Catalog exercises only"})
    custom = fields.Boolean(required=True, metadata={"description": "The caller's own exercise"})
    created_at = fields.AwareDateTime(allow_none=True)


class PlannedExerciseIn(Schema):
    exercise_id = fields.UUID(required=True, metadata={"description": "A catalog exercise or one of your own"})
    target_sets = fields.Integer(load_default=None, allow_none=True, strict=True,
                                 validate=validate.Range(min=1, max=MAX_TARGET_SETS))
    target_reps = fields.Integer(load_default=None, allow_none=True, strict=True,
                                 validate=validate.Range(min=1, max=MAX_REPS))
    target_weight_kg = Number(load_default=None, allow_none=True, **KG)
    notes = fields.String(load_default=None, allow_none=True, validate=NOTE)


_PLANNED = validate.Length(max=MAX_WORKOUT_EXERCISES)


class WorkoutIn(Schema):
    name = fields.String(required=True, validate=NAME)
    description = fields.String(load_default=None, allow_none=True, validate=BODY)
    exercises = fields.List(fields.Nested(PlannedExerciseIn), load_default=list, validate=_PLANNED,
                            metadata={"description": "In order"})


class WorkoutPatchIn(Schema):
    name = fields.String(validate=NAME)
    description = fields.String(allow_none=True, validate=BODY)
    exercises = fields.List(fields.Nested(PlannedExerciseIn), validate=_PLANNED,
                            metadata={"description": "In order; replaces the whole list when given"})


class PlannedExerciseOut(Schema):
    exercise_id = fields.UUID(required=True)
    exercise_name = fields.String(allow_none=True)
    target_sets = fields.Integer(allow_none=True)
    target_reps = fields.Integer(allow_none=True)
    target_weight_kg = Number(allow_none=True)
    notes = fields.String(allow_none=True)


class WorkoutOut(Schema):
    id = fields.UUID(required=True)
    name = fields.String(required=True)
    description = fields.String(allow_none=True)
    exercises = fields.List(fields.Nested(PlannedExerciseOut), required=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class SetIn(Schema):
    exercise_id = fields.UUID(required=True)
    reps = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=MAX_REPS))
    weight_kg = Number(required=True, **KG)
    rpe = Number(load_default=None, allow_none=True, minimum=Decimal(1), maximum=Decimal(10), places=1,
                 step=Decimal("0.5"), metadata={"description": "1–10 in steps of 0.5", "minimum": 1, "maximum": 10,
                                                "multipleOf": 0.5})


class WorkoutSessionIn(Schema):
    workout_id = fields.UUID(load_default=None, allow_none=True, metadata={"description": "One of your workouts"})
    started_at = fields.AwareDateTime(required=True, metadata={"description": "After 2000, not in the future"})
    ended_at = fields.AwareDateTime(load_default=None, allow_none=True,
                                    metadata={"description": "After started_at, within 24 hours"})
    notes = fields.String(load_default=None, allow_none=True, validate=BODY)
    sets = fields.List(fields.Nested(SetIn), required=True, validate=validate.Length(min=1, max=MAX_SETS))


class SetOut(Schema):
    id = fields.UUID(required=True)
    exercise_id = fields.UUID(required=True)
    exercise_name = fields.String(allow_none=True)
    position = fields.Integer(required=True)
    reps = fields.Integer(required=True)
    weight_kg = Number(required=True)
    rpe = Number(allow_none=True)


class WorkoutSessionOut(Schema):
    id = fields.UUID(required=True)
    workout_id = fields.UUID(allow_none=True)
    started_at = fields.AwareDateTime(required=True)
    ended_at = fields.AwareDateTime(allow_none=True)
    notes = fields.String(allow_none=True)
    sets = fields.List(fields.Nested(SetOut), required=True)
    created_at = fields.AwareDateTime(allow_none=True)


class PersonalRecordOut(Schema):
    exercise_id = fields.UUID(required=True)
    exercise_name = fields.String(allow_none=True)
    metric = fields.String(required=True, metadata={"enum": list(METRICS)})
    value = Number(required=True, metadata={"description": "kg for max_weight and e1rm, reps for max_reps"})
    achieved_at = fields.AwareDateTime(required=True, metadata={"description": "When its session started"})
    session_id = fields.UUID(allow_none=True)


class NewRecordOut(PersonalRecordOut):
    previous_value = Number(allow_none=True, attribute="previous", metadata={"description": "null: the first"})


class WorkoutEarnedOut(Schema):
    points = fields.Integer(required=True)
    xp = fields.Integer(required=True)
    achievements = fields.List(fields.UUID(), required=True)
    quests = fields.List(fields.UUID(), required=True)


class LoggedSessionOut(WorkoutSessionOut):
    """The session, the records it set, and what its event earned (quest and achievement rewards)."""

    new_records = fields.List(fields.Nested(NewRecordOut), required=True)
    earned = fields.Nested(WorkoutEarnedOut, required=True)

    @pre_dump
    def flatten(self, logged, **_):
        earned = logged.earned
        return {**vars(logged.session), "new_records": logged.new_records, "earned": {
            "points": earned.points, "xp": earned.xp, "achievements": earned.achievements,
            "quests": [quest_id for quest_id, _ in earned.quests]}}


class PersonalRecordQuery(PageQuery):
    exercise_id = fields.UUID(load_default=None)


ExercisesOut = page_list_schema(ExerciseOut, "ExercisesOut")
WorkoutsOut = page_list_schema(WorkoutOut, "WorkoutsOut")
WorkoutSessionsOut = page_list_schema(WorkoutSessionOut, "WorkoutSessionsOut")
PersonalRecordsOut = page_list_schema(PersonalRecordOut, "PersonalRecordsOut")
