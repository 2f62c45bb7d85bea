"""The Northeast Asia models, built only from nea_games' games, solvers and analysis.

Use :func:`get` to build a model by name and :func:`available` to list them.
"""

from nea_games.models.registry import available, get

__all__ = ["available", "get"]
