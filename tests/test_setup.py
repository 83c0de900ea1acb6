"""The set-up a fresh machine runs: the system-package script, ./dev, .ci/run, manim.cfg."""

import configparser
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_system_deps_script_is_a_no_op_when_everything_is_present():
    # The test command runs the set-up first, so by now every package is installed.
    result = run("bash", "scripts/install-system-deps.sh")
    assert result.returncode == 0, result.stderr
    assert "present" in result.stdout


def test_the_test_set_up_includes_the_browser_and_npm_packages():
    # ./dev test ran `install-system-deps.sh test` first: chromium and pdfinfo are there.
    result = run("bash", "scripts/install-system-deps.sh", "test")
    assert result.returncode == 0, result.stderr
    assert "present" in result.stdout
    assert (ROOT / "tools" / "web" / "node_modules" / "reveal.js" / "dist" / "reveal.js").is_file()


@pytest.mark.parametrize("task", ["slides", "page"])
def test_dev_publish_tasks_name_a_missing_scene_file(task):
    result = run("./dev", task, "scenes/no_such_lecture.py")
    assert result.returncode == 2, result.stderr
    assert "scenes/sigmoid.py" in result.stderr  # lists the lectures there are


def test_dev_rejects_an_unknown_task_with_usage():
    result = run("./dev", "publish")
    assert result.returncode == 2
    assert "usage: ./dev {video|slides|page" in result.stderr


def test_dev_video_names_a_missing_scene_file():
    result = run("./dev", "video", "scenes/no_such_lecture.py")
    assert result.returncode == 2
    assert "no scene file 'scenes/no_such_lecture.py'" in result.stderr
    assert "scenes/sigmoid.py" in result.stderr  # and lists the ones there are


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "./dev test" in readme and "./dev video" in readme
    assert ci.strip().splitlines()[-1] == "./dev test"


def test_manim_cfg_renders_into_media():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "manim.cfg")
    assert cfg["CLI"]["media_dir"] == "media"


def test_generated_media_is_ignored_but_its_readme_is_tracked():
    tracked = run("git", "ls-files", "media").stdout.split()
    assert tracked == ["media/README.md"]
    assert run("git", "check-ignore", "-q", "media/videos/sigmoid/x.mp4").returncode == 0
