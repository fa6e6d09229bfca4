"""The fault suite's SMTP sink: aiosmtpd in a process of its own, so the suite can stop it.

Run as: python -m tests.fault.sink PORT LOG DELAY_SECONDS

Every message it accepts appends one line of JSON to LOG (opened for appending, so a restarted
sink adds to what the first one wrote): the digest it carries (the X-Tracker-Digest header) and the
commitment numbers its text lists. SIGTERM stops it.
"""

import asyncio
import email
import email.policy
import json
import re
import signal
import sys

from aiosmtpd.controller import Controller

NUMBER = re.compile(r"\bTL\d{6}-\d+\b")


class RecordingSink:
    def __init__(self, log_path: str, delay: float):
        self.log = open(log_path, "a", buffering=1)  # noqa: SIM115 (open for the sink's lifetime)
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        # A slow server keeps the senders inside their tasks long enough for the faults to hit
        # them mid-send. The record is written after the wait, right before the answer, so a sink
        # stopped while it waits has not accepted the message, and its sender knows it.
        await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = message.get_body(("plain",)).get_content()
        record = {
            "digest": int(message["X-Tracker-Digest"]),
            "numbers": sorted(set(NUMBER.findall(text))),
        }
        self.log.write(json.dumps(record) + "\n")
        return "250 Message accepted for delivery"


def main() -> None:
    port, log_path, delay = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    # Blocked before the server's thread starts, so that only sigwait below receives them.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(RecordingSink(log_path, delay), hostname="127.0.0.1", port=port)
    controller.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
