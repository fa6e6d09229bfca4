"""The readable console format: the line as usual, followed by the record's own fields.

A sweep or a send passes its figures as `extra` fields (see settings.LOGGING); Python's plain
formatter would drop them, and LOG_FORMAT=json writes them as JSON instead.
"""

import json
import logging

# What every record has; anything else on a record was passed as `extra`.
STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}
SCALARS = (str, int, float, bool)


class KeyValueFormatter(logging.Formatter):
    """A line such as
    `2024-07-04 07:00:01,234 INFO commitments.services.overdue message event=overdue_sweep`.
    """

    def __init__(self):
        super().__init__("{asctime} {levelname} {name} {message}", style="{")

    def formatMessage(self, record):
        fields = " ".join(
            f"{key}={quoted(value)}"
            for key, value in vars(record).items()
            # Objects some libraries attach (Django's request, for one) only repeat the message,
            # and an empty field says nothing on a line meant for reading.
            if key not in STANDARD_ATTRIBUTES and isinstance(value, SCALARS) and value is not None
        )
        line = super().formatMessage(record)
        return f"{line} {fields}" if fields else line


def quoted(value) -> str:
    text = str(value)
    if not text or any(character in text for character in ' ="'):
        return json.dumps(text, ensure_ascii=False)
    return text
