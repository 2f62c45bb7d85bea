"""What a game is: data, validation and conversions. No solving happens here."""

from nea_games.games.bayesian import BayesianGame
from nea_games.games.extensive_form import BehaviourProfile, ExtensiveFormGame
from nea_games.games.normal_form import NormalFormGame
from nea_games.games.signalling import SignallingGame

__all__ = ["BayesianGame", "BehaviourProfile", "ExtensiveFormGame", "NormalFormGame", "SignallingGame"]
