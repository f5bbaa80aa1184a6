from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "closedset.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from closedset.accounts import signals  # noqa: F401 - connects the log-in audit hooks
