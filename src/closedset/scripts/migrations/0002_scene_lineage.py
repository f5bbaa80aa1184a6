import uuid

from django.db import migrations, models


def follow_matches(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Give every scene a lineage; a matched scene shares its predecessor's."""
    Scene = apps.get_model("scripts", "Scene")
    lineage: dict[object, uuid.UUID] = {}
    for scene in Scene.objects.order_by("revision__number", "ordinal"):
        scene.lineage = lineage.get(scene.matched_id) or uuid.uuid4()
        lineage[scene.pk] = scene.lineage
        scene.save(update_fields=["lineage"])


class Migration(migrations.Migration):
    dependencies = [("scripts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="scene", name="lineage", field=models.UUIDField(null=True)
        ),
        migrations.RunPython(follow_matches, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="scene",
            name="lineage",
            field=models.UUIDField(db_index=True, default=uuid.uuid4),
        ),
    ]
