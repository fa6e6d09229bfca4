from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from commitments.api import views
from commitments.api.odata import v2 as odata_v2
from commitments.api.odata import views as odata

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
    # Redoc adds style elements of its own while it loads, before it could be given the page's
    # nonce, and searches in a web worker it makes from a blob; only this page lets inline
    # styles and such a worker through (its scripts still need the nonce).
    path(
        "redoc/",
        csp_replace({"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(url_name="api-schema")
        ),
        name="api-redoc",
    ),
    path("odata/", odata.ServiceDocumentView.as_view(), name="api-odata-root"),
    path("odata/$metadata", odata.MetadataView.as_view(), name="api-odata-metadata"),
    path("odata/Toezegging", odata.CollectionView.as_view(), name="api-odata-toezegging"),
    path("odata/Toezegging/$count", odata.CountView.as_view(), name="api-odata-toezegging-count"),
    re_path(
        r"^odata/Toezegging\((?P<key>[\w'=%-]*)\)$",
        odata.EntityView.as_view(),
        name="api-odata-toezegging-entity",
    ),
    re_path(
        r"^odata/Toezegging\((?P<key>[\w'=%-]*)\)/(?P<navigation>\w+)$",
        odata.NavigationView.as_view(),
        name="api-odata-toezegging-navigation",
    ),
    path("odata/v2/", odata_v2.ServiceDocumentV2View.as_view(), name="api-odata-v2-root"),
    path("odata/v2/$metadata", odata_v2.MetadataV2View.as_view(), name="api-odata-v2-metadata"),
    path(
        "odata/v2/Toezegging", odata_v2.CollectionV2View.as_view(), name="api-odata-v2-toezegging"
    ),
    path(
        "odata/v2/Toezegging/$count",
        odata_v2.CountV2View.as_view(),
        name="api-odata-v2-toezegging-count",
    ),
    re_path(
        r"^odata/v2/Toezegging\((?P<key>[\w'=%-]*)\)$",
        odata_v2.EntityV2View.as_view(),
        name="api-odata-v2-toezegging-entity",
    ),
    re_path(r"^odata/(?P<path>.+)$", odata.UnknownView.as_view(), name="api-odata-unknown"),
    path("", include(router.urls)),
]
