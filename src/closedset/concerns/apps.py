from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "closedset.concerns"
    label = "concerns"
    verbose_name = "Concerns, IC requests and protection"

    def ready(self) -> None:
        from closedset.concerns.services import adverse_action_check
        from closedset.productions.services import adverse_action_checks

        if adverse_action_check not in adverse_action_checks:
            adverse_action_checks.append(adverse_action_check)
