"""Benchmarks: this engine vs PyTorch CPU vs hand-written NumPy (``python -m bench.run``)."""
