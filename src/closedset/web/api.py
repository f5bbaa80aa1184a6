from django.db import connection
from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["health"])


class HealthOut(Schema):
    status: str


@router.get("/health", response=HealthOut, auth=None, operation_id="health_get")
def health_get(request: HttpRequest) -> HealthOut:
    """Liveness and database check, for load balancers. Public."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HealthOut(status="ok")
