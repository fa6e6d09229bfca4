"""Hypothesis settings for the fuzzers (tests/test_fuzz.py, tests/api/test_api_schema.py).

Each fuzzer names how many examples it tries in the default suite, sized so that `make test`
stays within its few minutes; FUZZ_EXAMPLES sets the number for every fuzzer, for a longer run
(RELIABILITY.md): `FUZZ_EXAMPLES=1000 .venv/bin/python -m pytest tests/test_fuzz.py`.
Derandomised, so a run of the suite tries the same cases every time and a failure can be run
again.
"""

import os

from hypothesis import HealthCheck, settings


def fuzz_settings(examples: int):
    """`examples` for the default suite, or FUZZ_EXAMPLES for a longer run."""
    return settings(
        max_examples=int(os.environ.get("FUZZ_EXAMPLES") or examples),
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )
