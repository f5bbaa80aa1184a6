from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "closedset.web"
    label = "web"
    verbose_name = "Web pages"
