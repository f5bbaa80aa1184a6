from django.apps import AppConfig


class ShootConfig(AppConfig):
    name = "closedset.shoot"
    label = "shoot"
    verbose_name = "Shoot days"
