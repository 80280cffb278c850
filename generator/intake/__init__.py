"""Story files to Story objects: load, front matter, validation, screening, approval, the gate."""
