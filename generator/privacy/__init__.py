"""Personal data: the screen that finds it, and the masking of every value a message quotes."""
