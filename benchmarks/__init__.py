"""`make bench`: timings of the real commands over synthetic 100-5,000-drill projects (not
shipped in the package)."""
