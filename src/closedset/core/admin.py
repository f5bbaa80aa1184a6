"""The audit log in the admin: read-only, no add, change or delete path."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from closedset.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("seq", "occurred_at", "action", "actor", "production", "object_type", "summary")
    list_filter = ("action",)
    ordering = ("-seq",)
    list_per_page = 100
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
