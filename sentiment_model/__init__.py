"""Shared code of the course's sentiment model: its data, its files, and predicting with it."""
