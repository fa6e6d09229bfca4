class ReferenceConverter:
    """A number or abbreviation in a dashboard address: anything but a slash or a NUL byte, which
    no key holds and PostgreSQL refuses in a query."""

    regex = "[^/\x00]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
