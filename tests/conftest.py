"""Shared fixtures: render scenes into a temporary media folder, never the user's media/."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_scene_class(name):
    """The one Scene class defined in scenes/<name>.py."""
    from manim import Scene

    spec = importlib.util.spec_from_file_location(f"scene_{name}", ROOT / "scenes" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    classes = [
        obj
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, Scene) and obj.__module__ == module.__name__
    ]
    assert len(classes) == 1, f"scenes/{name}.py must define exactly one Scene, found {classes}"
    return classes[0]


@pytest.fixture
def render(tmp_path):
    """render(name) renders scenes/<name>.py at -ql, uncached, into tmp_path; returns the scene."""
    from manim import tempconfig

    def _render(name, **overrides):
        options = {
            "media_dir": str(tmp_path / "media"),
            "quality": "low_quality",
            "disable_caching": True,
            "write_to_movie": True,
            "save_sections": True,
            "progress_bar": "none",
            "verbosity": "WARNING",
        }
        options.update(overrides)
        with tempconfig(options):
            scene = load_scene_class(name)()
            scene.render()
        return scene

    return _render
