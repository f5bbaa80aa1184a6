import uuid

from django.http import HttpRequest
from ninja import Router, Schema

from closedset.productions.selectors import production_list

router = Router(tags=["accounts"])


class MyProductionOut(Schema):
    id: uuid.UUID
    title: str
    roles: list[str]


class MeOut(Schema):
    id: uuid.UUID
    email: str
    name: str
    productions: list[MyProductionOut]


@router.get("/me", response=MeOut, operation_id="me_get")
def me_get(request: HttpRequest) -> MeOut:
    """The person making the request and the productions they belong to."""
    user = request.user
    return MeOut(
        id=user.pk,  # type: ignore[arg-type]
        email=user.email,  # type: ignore[union-attr]
        name=user.name,  # type: ignore[union-attr]
        productions=[
            MyProductionOut(id=s.production.pk, title=s.production.title, roles=list(s.roles))
            for s in production_list(actor=user)
        ],
    )
