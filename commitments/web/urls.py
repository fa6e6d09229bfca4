from django.urls import path, register_converter

from commitments.web import contact as contact_views
from commitments.web import converters, exports, feeds, views

register_converter(converters.ReferenceConverter, "ref")

urlpatterns = [
    path("", views.overview, name="overview"),
    path("commitments/", views.commitment_list, name="commitment-list"),
    path("commitments.csv", exports.commitments_csv, name="commitment-csv"),
    path("commitments.ics", feeds.commitments_calendar, name="commitment-calendar"),
    path("feed/changes.atom", feeds.ChangesFeed(), name="changes-feed"),
    path("commitments/<ref:number>/", views.commitment_detail, name="commitment-detail"),
    path("ministries/<ref:abbreviation>/", views.ministry_detail, name="ministry-detail"),
    path("members/", views.member_list, name="member-list"),
    path("members/<int:pk>/", views.member_detail, name="member-detail"),
    path("parties/", views.party_list, name="party-list"),
    path("parties/<ref:abbreviation>/", views.party_detail, name="party-detail"),
    path("respond/<str:token>/", contact_views.contact_response, name="contact-response"),
]
