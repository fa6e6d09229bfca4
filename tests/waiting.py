import time

import pytest


def wait_until(predicate, *, timeout=15.0, interval=0.05):
    """Poll `predicate` until it is true; fail the test when `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} seconds")
