"""normalizer: news articles from outlets in many languages -> one comparable English form.

The public API is re-exported here lazily (PEP 562 ``__getattr__``), so that ``import normalizer``
and ``normalizer --help`` stay fast: trafilatura, ctranslate2, scikit-learn and friends are only
imported when the stage that needs them is first called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "normalize": "normalizer.pipeline",
    "normalize_many": "normalizer.pipeline",
    "extract": "normalizer.extract",
    "detect_language": "normalizer.detect",
    "Detection": "normalizer.detect",
    "translate_to_english": "normalizer.translate",
    "ModelNotInstalled": "normalizer.translate",
    "merge_stories": "normalizer.merge",
    "Story": "normalizer.merge",
    "Article": "normalizer.record",
}

__all__ = [
    "Article",
    "Detection",
    "ModelNotInstalled",
    "Story",
    "detect_language",
    "extract",
    "merge_stories",
    "normalize",
    "normalize_many",
    "translate_to_english",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from normalizer.detect import Detection, detect_language
    from normalizer.extract import extract
    from normalizer.merge import Story, merge_stories
    from normalizer.pipeline import normalize, normalize_many
    from normalizer.record import Article
    from normalizer.translate import ModelNotInstalled, translate_to_english


# Stage modules reachable as attributes (``normalizer.names.group_variants(...)``) without an
# explicit ``import normalizer.names``, also loaded on first use.
_SUBMODULES = {"names"}


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        value = importlib.import_module(f"normalizer.{name}")
        globals()[name] = value
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'normalizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS) | _SUBMODULES)
