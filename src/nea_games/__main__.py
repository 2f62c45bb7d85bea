"""``python -m nea_games`` runs the command line."""

from nea_games.cli import main

if __name__ == "__main__":
    main()
