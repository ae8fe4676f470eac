from django.urls import path

from . import views

app_name = "safeguarding"

urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("help-now/", views.help_now, name="help_now"),
]
