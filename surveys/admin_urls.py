from django.urls import path

from surveys import views

app_name = "surveys_admin"
urlpatterns = [
    path("<int:page_id>/results/", views.admin_results, name="results"),
    path("<int:page_id>/invitations/", views.admin_invitations, name="invitations"),
    path(
        "<int:page_id>/export.<str:file_format>",
        views.admin_export,
        name="export",
    ),
]
