"""Is the filesystem blob store's folder there and writable?"""
from __future__ import annotations

import os
from pathlib import Path

from ports.outbound.health import HealthProbe


class DirectoryProbe(HealthProbe):
    name = "blob_store"

    def __init__(self, root: str) -> None:
        self.root = Path(root)

    def check(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise PermissionError(f"{self.root} is not writable")
