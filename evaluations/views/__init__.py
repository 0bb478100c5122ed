"""Evaluations' pages, one file per part."""
