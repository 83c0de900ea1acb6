"""scenes/kit/checked.py: derivations' results kept on disk, recomputed when the notes change."""

import pytest


@pytest.fixture
def kept(tmp_path, monkeypatch):
    """checked, with a fake audit that counts its runs and a notes file in tmp_path."""
    from manim import tempconfig

    import derivations
    from scenes.kit import checked

    (tmp_path / "notes").mkdir()
    notes = tmp_path / "notes" / "notes.md"
    notes.write_text("J = 1/N sum (y' - y)^2\n")
    runs = []
    monkeypatch.setattr(derivations, "notes_path", lambda: notes)
    monkeypatch.setattr(
        derivations, "chain", lambda name: runs.append(name) or [name, notes.read_text()]
    )
    checked._chains.cache_clear()
    with tempconfig({"media_dir": str(tmp_path / "media")}):
        yield checked, notes, runs
    checked._chains.cache_clear()


def test_a_kept_audit_is_read_back_not_rerun(kept):
    import derivations

    checked, notes, runs = kept
    assert checked.chain("mse") == ["mse", notes.read_text()]
    assert sorted(runs) == sorted(derivations.CHAINS)  # one audit gives every chain
    checked._chains.cache_clear()  # as a new render process would start
    assert checked.chain("sigmoid") == ["sigmoid", notes.read_text()]
    assert len(runs) == len(derivations.CHAINS)


def test_an_edit_to_the_notes_reruns_the_audit(kept):
    import derivations

    checked, notes, runs = kept
    checked.chain("mse")
    notes.write_text("J = 1/N sum |y' - y|\n")
    assert checked.chain("mse") == ["mse", "J = 1/N sum |y' - y|\n"]
    assert len(runs) == 2 * len(derivations.CHAINS)


def test_an_edit_beside_the_notes_reruns_the_audit(kept):
    """The audit also reads files next to the notes (their declarations): they are part of it."""
    import derivations

    checked, notes, runs = kept
    checked.chain("mse")
    (notes.parent / "notes.toml").write_text("[[slip]]\n")
    checked.chain("mse")
    assert len(runs) == 2 * len(derivations.CHAINS)


def test_an_unknown_chain_is_named(kept):
    checked, *_ = kept
    with pytest.raises(KeyError, match="unknown chain 'nope'"):
        checked.chain("nope")
