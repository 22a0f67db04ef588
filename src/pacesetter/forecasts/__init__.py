"""Managers' forecasts: submitted on the managers page or by the API (one service for both)."""
