"""Letters arrive as bytes: UTF-8 (with or without a byte-order mark) or Windows-1252."""

ENCODINGS = ("utf-8-sig", "cp1252")


def decode_letter(data: bytes) -> str | None:
    """The letter's text, or None when it is in neither encoding."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
