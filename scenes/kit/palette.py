"""One colour per quantity, the same in derivations, readouts, graphs and axes of every lecture.

Quantities (W, b, J, the nets' W1, b1, W2, b2, data, model) never lend their colour to anything
else: learning rates and models have colours of their own. Every colour reads on black (contrast
at least 4.5:1), and the quantities, the models and the rates each differ from one another and
from the quantities by at least 20 in CIELAB (tests/test_kit_derivation.py measures both).
"""

from manim import GREY_B, ORANGE, YELLOW

# quantities
DATA = YELLOW  # the houses: floors and prices
MODEL = "#4fa3ff"  # the fitted curve, y'
J = "#ff6b6b"  # the loss (J, MSE, MAE, L)
W = "#7ee081"  # W (and the nets' W1)
b = "#c792ea"  # b (and the nets' b1)
W2 = "#2ec4b6"
b2 = "#f78fb3"
W1, b1 = W, b
PATH = ORANGE  # the descent's path and its current point
LOCAL = "#ffb86c"  # a local derivative on a backprop edge
MUTED = GREY_B

# what each TeX name is drawn in (the derivation board colours a piece by its name, W_1, then by
# its symbol, W); the notes' theta_0 is b and theta_1 is W; MSE, MAE and L are the loss
TEX = {"W_1": W1, "W_2": W2, "b_1": b1, "b_2": b2, "W": W, "b": b, "J": J,
       r"\theta_0": b, r"\theta_1": W, "MSE": J, "MAE": J, r"\mathit{MAE}": J, "L": J}  # fmt: skip

# other things that need telling apart (never a quantity's colour)
RATES = ("#99e9f2", "#a9e34b", "#ff922b")  # learning rates: too small (cool) .. too large (hot)
MODELS = {  # the comparison lecture's five models
    "linear": "#ff922b",
    "sigmoid": "#a9e34b",
    "cubic": "#99e9f2",
    "relu_net": "#9775fa",
    "tanh_net": "#f8f9fa",
}

# verdicts of the audit: on a board beside W's green, J's red and the path's orange, so none of
# them (a red "wrong" box was once J's red)
VERDICT = {"correct": "#c2f542", "wrong": "#ff1f1f", "typo": "#fab005", "incomplete": "#a5d8ff"}
CHANGED = "#ffe066"  # highlight of what changed between two steps

SURFACE = ["#1d1747", "#263f80", "#22738f", "#2fa08a", "#86c66b", "#e3d96a"]  # low -> high
