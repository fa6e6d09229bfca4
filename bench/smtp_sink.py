"""An SMTP sink for benchmarks that counts what it receives: one line per message in a file.

Run as: python -m aiosmtpd -n -l 127.0.0.1:PORT -c bench.smtp_sink.CountingSink PATH
"""


class CountingSink:
    @classmethod
    def from_cli(cls, parser, *args):
        return cls(*args)

    def __init__(self, path):
        self.log = open(path, "a", buffering=1)  # noqa: SIM115 (open for the server's lifetime)

    async def handle_DATA(self, server, session, envelope):
        self.log.write(f"{len(envelope.content)}\n")
        return "250 Message accepted for delivery"
