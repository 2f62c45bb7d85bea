"""What a game is: data, validation and conversions. No solving happens here."""

from nea_games.games.normal_form import NormalFormGame

__all__ = ["NormalFormGame"]
