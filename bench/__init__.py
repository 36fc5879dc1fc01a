"""Benchmarks of the Trade Point pipeline: `make bench` (python -m bench.pipeline). See docs/performance.md."""
