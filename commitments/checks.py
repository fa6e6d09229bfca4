"""System checks of the register's configuration, run by every manage.py command and at start."""

from django.conf import settings
from django.core.checks import Error, register

from commitments.references import series_prefix_problem


@register()
def check_number_prefix(app_configs, **kwargs) -> list[Error]:
    """commitments.E001: the prefix of our own numbers must not share a namespace with a
    chamber's numbers (references.series_prefix_problem)."""
    prefix = settings.COMMITMENT_NUMBER_PREFIX
    problem = series_prefix_problem(prefix)
    if problem is None:
        return []
    return [
        Error(
            f"COMMITMENT_NUMBER_PREFIX {prefix!r} cannot be used: {problem}.",
            hint="Choose capital letters that no chamber uses, such as the default 'TL'.",
            id="commitments.E001",
        )
    ]
