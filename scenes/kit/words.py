"""Numbers and TeX as the words a lecture shows and says: prices in EUR, decimals, plain text."""

import numpy as np

PRICE_UNIT_EUR = 100_000  # the notes' prices are in 100,000 EUR
MINUS = "\u2212"


def eur(price):
    """A price in the notes' unit (100,000 EUR) as whole euros: 0.7 -> '70,000 EUR'."""
    euros = round(float(price) * PRICE_UNIT_EUR)
    return f"{euros:,} EUR".replace("-", MINUS)


def eur_short(price):
    """Tick-label form: 2.5 -> '250k', 10 -> '1M'."""
    euros = float(price) * PRICE_UNIT_EUR
    if abs(euros) >= 1_000_000:
        return f"{euros / 1_000_000:g}M".replace("-", MINUS)
    return f"{euros / 1000:g}k".replace("-", MINUS) if euros else "0"


def decimals_for(value, significant=3):
    """Decimal places that show `significant` digits of a small value (0.000149 -> 6)."""
    value = abs(float(value))
    return max(2, significant - 1 - int(np.floor(np.log10(value)))) if value else 2


def small_number(value):
    """A loss or gradient with its significant digits: 0.000149 -> '0.000149'."""
    return f"{value:.{decimals_for(value)}f}"


def number(value):
    """A number on a graph or in a product: whole numbers (x, 1, a sign) without decimals."""
    value = float(value)
    return f"{value:.0f}" if value.is_integer() else f"{value:.3f}"


def spoken(value, places=2):
    """A number as narration says it: -21.4035 -> 'minus 21.40' (the voice reads 'minus')."""
    shown = f"{abs(float(value)):,.{places}f}"
    return f"minus {shown}" if float(value) < 0 and float(shown.replace(",", "")) else shown


# TeX names as Unicode, longest first where one is part of another; then TeX's markup dropped
_SYMBOLS = {
    "^3": "\u00b3",
    "^2": "\u00b2",
    r"\partial": "\u2202",
    r"\sigma": "\u03c3",
    r"\cdot": "\u00b7",
    r"\alpha": "\u03b1",
    r"\tanh": "tanh",
    "theta_0": "\u03b80",
    "theta_1": "\u03b81",
    "dtheta": "d\u03b8",
    "theta": "\u03b8",
    "sigma": "\u03c3",
    r"\mathrm{": "",
    "{": "",
    "}": "",
    "\\": "",
}


def plain(tex_string):
    """TeX (a formula, or a derivations/ reason with a few TeX names) as readable text.

    Subscripts stay written with "_" (W_1): readable, and what the reasons already use.
    """
    for name, symbol in _SYMBOLS.items():
        tex_string = tex_string.replace(name, symbol)
    return tex_string
