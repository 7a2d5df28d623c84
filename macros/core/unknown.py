"""The value "chưa rõ": what the source document does not say. Written in the data as `chưa rõ`, read into the one
UNKNOWN value, distinct from a field that was left out; shown on the site as "chưa rõ" or "Chưa rõ"."""

from __future__ import annotations

UNKNOWN_TEXT = "chưa rõ"


class Unknown:
    """The type of UNKNOWN; there is one value, so `value is UNKNOWN` is the test."""

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return UNKNOWN_TEXT[:1].upper() + UNKNOWN_TEXT[1:]

    # Copies of a record keep the one value.
    def __copy__(self) -> "Unknown":
        return self

    def __deepcopy__(self, memo: dict) -> "Unknown":
        return self

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN = Unknown()
