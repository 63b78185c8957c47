"""calcml's benchmarks: ``python -m benchmarks`` (or ``make bench``) runs them all."""
