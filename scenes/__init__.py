"""Manim lectures: one Scene per file, rendered from what fitting/ and derivations/ computed."""
