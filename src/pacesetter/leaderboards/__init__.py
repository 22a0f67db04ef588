"""Leaderboards and the TV view: people ranked by a catalogue metric (`board.py`), and the
revocable read-only links an admin makes for a screen on the wall (`tv.py`)."""
