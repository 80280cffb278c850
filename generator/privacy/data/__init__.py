"""Word lists the personal-data screen reads: names, workplaces. Plain text, one entry a line."""
