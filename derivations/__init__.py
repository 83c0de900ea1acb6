"""SymPy re-derives every gradient, verifies fitting/'s code, and audits the lecturer's notes.

chain(name) -> [Step]            the notes' derivation `name`, each step checked
gradient_tex(model) -> {param: TeX of dJ/dparam}, model_tex(model), loss_tex(model)
optimum(model, data=NOTES)       the independent optimum (SymPy + scipy)
verify(model) -> Verification    the code's gradient vs SymPy vs finite differences
"""

from .audit import AuditError, Step
from .chains import NAMES as CHAINS
from .chains import chain
from .optimum import Optimum, optimum
from .symbolic import gradient_tex, loss_tex, model_tex
from .verify import Verification, verify

__all__ = [
    "CHAINS",
    "AuditError",
    "Optimum",
    "Step",
    "Verification",
    "chain",
    "gradient_tex",
    "loss_tex",
    "model_tex",
    "optimum",
    "verify",
]
