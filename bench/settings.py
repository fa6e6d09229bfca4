"""The product's settings, with the benchmark's constant page added to its URLs."""

from tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
