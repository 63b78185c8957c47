"""Passwords for classroom mode, hashed with Argon2id (argon2-cffi, RFC 9106 parameters).

Only the hash is stored (``LearnerRow.password_hash``); it carries its own salt and
parameters, so a hash made with older parameters still verifies and is replaced at the
next sign-in (:func:`needs_rehash`). Needs the ``web`` extra.

>>> stored = hash_password("correct horse battery")
>>> stored.startswith("$argon2id$")
True
>>> verify_password(stored, "correct horse battery"), verify_password(stored, "wrong")
(True, False)
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from calcml.errors import InputError

MIN_LENGTH = 8
MAX_LENGTH = 1024
_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("calcml: a password nobody has")


def check_password(password: str) -> str:
    """``password`` if it is long enough (8 to 1,024 characters), else a clear error.

    >>> check_password("short")
    Traceback (most recent call last):
    ...
    calcml.errors.InputError: a password needs at least 8 characters; this one has 5
    """
    if len(password) < MIN_LENGTH:
        raise InputError(f"a password needs at least {MIN_LENGTH} characters; this one has "
                         f"{len(password)}")
    if len(password) > MAX_LENGTH:
        raise InputError(f"a password has at most {MAX_LENGTH:,} characters")
    return password


def hash_password(password: str) -> str:
    """The Argon2id hash of ``password`` (checked by :func:`check_password`)."""
    return _HASHER.hash(check_password(password))


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash. With no hash (an account with no
    password) the answer is ``False`` after the same work, so timing tells nothing."""
    try:
        return _HASHER.verify(stored or _DUMMY, password[:MAX_LENGTH]) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with other parameters than today's (rehash it).

    >>> needs_rehash(hash_password("correct horse battery"))
    False
    """
    return _HASHER.check_needs_rehash(stored)
