"""The admin, one module per area; admin.autodiscover() imports this package, which imports them
so that each registers its ModelAdmins."""

from commitments.admin import (  # noqa: F401
    answers,
    commitments,
    documents,
    outbox,
    register,
    sync,
    tokens,
)
