from django.views.generic import DetailView

from commitments.models import Commitment


class CommitmentDetailView(DetailView):
    """The public page of one commitment: what reminder emails link to."""

    queryset = Commitment.objects.select_related(
        "ministry", "official", "committee", "source", "fulfilled_by"
    )
    slug_field = "number"
    slug_url_kwarg = "number"
    context_object_name = "commitment"
