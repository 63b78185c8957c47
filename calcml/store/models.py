"""The store's tables: learners, their attempts, their per-skill mastery state, and the
classroom: classes, their members, settings and rate-limit counts the app's processes share.

SQLAlchemy 2 typed declarative models. The schema itself is created and changed only by
the Alembic migrations in ``calcml/store/migrations/versions``; these classes describe
the head revision and are what the queries use. Times are stored in UTC and always come
back timezone-aware (:class:`UTCDateTime`), on SQLite as on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMES = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
         "ck": "ck_%(table_name)s_%(constraint_name)s",
         "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
         "pk": "pk_%(table_name)s"}
"""Constraint names fixed by convention, so migrations can name what they change."""

JSONValue = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A datetime stored as UTC and read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the store takes timezone-aware datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMES)


class LearnerRow(Base):
    """A learner: a unique name, and room for the web app's password hash and role."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="learner")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AttemptRow(Base):
    """One answer a learner gave to one exercise, with its verdict.

    ``key`` is unique: a retried write of the same attempt finds it instead of adding a
    second row.
    """

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            index=True)
    skill: Mapped[str] = mapped_column(String(64), index=True)
    seed: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[int | None] = mapped_column(Integer)
    task: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    answer: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(Boolean)
    mistake: Mapped[str | None] = mapped_column(String(64))
    seconds: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SkillStateRow(Base):
    """A learner's state on one skill: the mastery probability (BKT), the counts, and the
    review card (FSRS, as JSON) with its due time. One row per learner and skill."""

    __tablename__ = "skill_states"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            primary_key=True)
    skill: Mapped[str] = mapped_column(String(64), primary_key=True)
    p_mastery: Mapped[float] = mapped_column(Float)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)
    card: Mapped[dict[str, Any] | None] = mapped_column(JSONValue)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ClassRow(Base):
    """A class an instructor teaches: its name and the join code learners sign up with."""

    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    instructor_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                               index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MembershipRow(Base):
    """A learner in a class (one row per class and learner)."""

    __tablename__ = "memberships"

    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"),
                                          primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"),
                                            primary_key=True, index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SettingRow(Base):
    """A value the app's processes share, such as the key that signs session cookies."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RateHitRow(Base):
    """One request counted by a rate limit: the limit's window, whose request (a learner,
    an account name, an address) and when (seconds since 1970, by the database's clock)."""

    __tablename__ = "rate_hits"
    __table_args__ = (Index("ix_rate_hits_window_key_at", "window", "key", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    window: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(160))
    at: Mapped[float] = mapped_column(Float)
