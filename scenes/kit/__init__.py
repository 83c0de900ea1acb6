"""The lecture kit: what every lecture in scenes/*.py is built from (one module per job)."""
