"""SymPy re-derives every gradient, verifies fitting/'s code, and audits the lecturer's notes.

chain(name) -> [Step]            the notes' derivation `name`, each step checked
audit(path) -> Audit             every equation of a notes file, read and judged (notes/)
use_notes(path), notes_path()    the notes file chain() reads (or set $HOUSE_PRICES_NOTES)
gradient_tex(model) -> {param: TeX of dJ/dparam}, model_tex(model), loss_tex(model)
optimum(model, data=NOTES)       the independent optimum (SymPy + scipy)
verify(model) -> Verification    the code's gradient vs SymPy vs finite differences
"""

from .audit import Step
from .chains import NAMES as CHAINS
from .chains import chain, notes_path, use_notes
from .notes import Audit, NotesError, audit
from .optimum import Optimum, optimum
from .symbolic import gradient_tex, loss_tex, model_tex
from .verify import Verification, verify

__all__ = [
    "CHAINS",
    "Audit",
    "NotesError",
    "Optimum",
    "Step",
    "Verification",
    "audit",
    "chain",
    "gradient_tex",
    "loss_tex",
    "model_tex",
    "notes_path",
    "optimum",
    "use_notes",
    "verify",
]
