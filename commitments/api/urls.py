from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from commitments.api import odata, views

router = DefaultRouter()
router.register("commitments", views.CommitmentViewSet, basename="api-commitment")
router.register("ministries", views.MinistryViewSet, basename="api-ministry")
router.register("officials", views.OfficialViewSet, basename="api-official")
router.register("committees", views.CommitteeViewSet, basename="api-committee")
router.register("members", views.MemberViewSet, basename="api-member")
router.register("documents", views.DocumentViewSet, basename="api-document")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("odata/Toezegging", odata.ToezeggingFeed.as_view(), name="api-odata-toezegging"),
    path("", include(router.urls)),
]
