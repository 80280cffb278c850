"""Each survey language's way of saying what is written with figures, symbols and short forms."""
