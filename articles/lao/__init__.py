"""Lao text rules as pure functions: storage clean-up, word segmentation, typography."""
