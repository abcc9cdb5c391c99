"""Test-wide settings. Hypothesis runs a fixed, derandomized profile so CI results are repeatable
and bounded in time; set HYPOTHESIS_PROFILE=dev locally to explore more examples."""

import atexit
import os
import shutil
import tempfile

from hypothesis import HealthCheck, settings

# stored tables (jieba's dictionary, pinyin) and cached responses go to this session's own folder,
# never the user's cache; subprocesses the tests start inherit it
if "SUBNOTES_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="subnotes-tests-")
    os.environ["SUBNOTES_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)

settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
