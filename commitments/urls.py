from django.urls import path

from commitments import views

urlpatterns = [
    path(
        "commitments/<str:number>/",
        views.CommitmentDetailView.as_view(),
        name="commitment-detail",
    ),
]
