"""URL map. Every route needs a log-in unless its name is in PUBLIC_URL_NAMES."""

from django.contrib import admin
from django.urls import include, path

from closedset.api import api

# The only pages anyone may open without logging in. tests/test_urls.py holds the code to
# this list: a public view not named here, or a name here whose view is protected, fails.
PUBLIC_URL_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:password-reset",
        "accounts:password-reset-done",
        "accounts:password-reset-confirm",
        "productions:invitation-accept",
        "admin:login",
        "concerns:report-create",
        "concerns:receipt",
        "shoot:calendar-feed",
    }
)
# API operations that need no authentication (operation ids).
PUBLIC_API_OPERATIONS = frozenset({"health_get", "report_create"})
# The OpenAPI schema is public: the project is open source and the schema holds no data.
PUBLIC_API_PATHS = frozenset({"/api/v1/openapi.json"})

admin.site.site_header = "Closed Set administration"

urlpatterns = [
    path("", include("closedset.web.urls")),
    path("account/", include("closedset.accounts.urls")),
    path("", include("closedset.productions.urls")),
    path("", include("closedset.scripts.urls")),
    path("", include("closedset.consent.urls")),
    path("", include("closedset.choreography.urls")),
    path("", include("closedset.shoot.urls")),
    path("", include("closedset.concerns.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "closedset.web.views.bad_request"
handler403 = "closedset.web.views.forbidden"
handler404 = "closedset.web.views.not_found"
handler500 = "closedset.web.views.server_error"
