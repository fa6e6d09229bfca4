"""The extraction engine measured on real letters to parliament (see evaluation/evaluate.py)."""
