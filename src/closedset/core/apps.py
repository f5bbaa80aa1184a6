from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "closedset.core"
    label = "core"
    verbose_name = "Closed Set core"
