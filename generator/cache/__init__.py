"""Remembering results between builds: one memo, keyed by everything a result is made from."""
