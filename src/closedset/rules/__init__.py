"""The rules of intimacy coordination as pure functions over plain data (no Django, no I/O)."""
