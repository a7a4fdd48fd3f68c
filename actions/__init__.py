"""Rasa SDK custom actions of the front door."""
