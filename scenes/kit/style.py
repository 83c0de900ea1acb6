"""The lectures' type style: one font, a few sizes, the margin text keeps from the frame's edge.

Colours are not here: every colour comes from scenes/kit/palette.py.
"""

FONT = "DejaVu Sans"
TITLE_SIZE = 44
BODY_SIZE = 30
SMALL_SIZE = 22
TEX_SIZE = 40
READOUT_SIZE = 28
VALUE_SIZE = 26  # numbers on a net's graph
MARGIN = 0.2  # keep text this far inside the frame
