"""newscrawl: archive Chinese-language news articles and the links between them."""

from __future__ import annotations

__version__ = "0.1.0"
