"""Settings for the test suite: production settings, with a private data directory."""

import os
import tempfile

os.environ.setdefault("CLOSEDSET_DEBUG", "false")
os.environ.setdefault("CLOSEDSET_SECRET_KEY", "test-secret-key-" + "k" * 40)
os.environ.setdefault("CLOSEDSET_HTTPS", "false")
os.environ["CLOSEDSET_DATA_DIR"] = tempfile.mkdtemp(prefix="closedset-test-")
os.environ.pop("CLOSEDSET_MASTER_KEY_FILE", None)

from closedset.settings import *  # noqa: F403

# Argon2 is what runs in production (tests/core/test_settings.py checks it); the suite
# hashes with a fast hasher so that it stays quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Concern receipts are hashed with Argon2id here too, with cheaper parameters (same code path).
CLOSEDSET_RECEIPT_ARGON2 = {"time_cost": 1, "memory_cost": 8 * 1024, "parallelism": 1}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
