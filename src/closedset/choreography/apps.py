from django.apps import AppConfig


class ChoreographyConfig(AppConfig):
    name = "closedset.choreography"
    label = "choreography"
    verbose_name = "Choreography and the director's brief"

    def ready(self) -> None:
        from closedset.choreography import receivers  # noqa: F401 - connects the signal receivers
