"""A dependency that /health asks whether it works."""
from __future__ import annotations

from abc import ABC, abstractmethod


class HealthProbe(ABC):
    name: str

    @abstractmethod
    def check(self) -> None:
        """Return when the dependency works; raise anything when it does not."""
