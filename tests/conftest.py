"""Test-wide settings. Hypothesis runs a fixed, derandomized profile so CI results are repeatable
and bounded in time; set HYPOTHESIS_PROFILE=dev locally to explore more examples."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
