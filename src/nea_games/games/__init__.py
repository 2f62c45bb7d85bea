"""What a game is: data, validation and conversions. No solving happens here."""

from nea_games.games.bayesian import BayesianGame
from nea_games.games.coalitional import CoalitionalGame, WeightedVotingGame, weighted_voting_game
from nea_games.games.extensive_form import BehaviourProfile, ExtensiveFormGame
from nea_games.games.normal_form import NormalFormGame
from nea_games.games.signalling import SignallingGame

__all__ = [
    "BayesianGame",
    "BehaviourProfile",
    "CoalitionalGame",
    "ExtensiveFormGame",
    "NormalFormGame",
    "SignallingGame",
    "WeightedVotingGame",
    "weighted_voting_game",
]
