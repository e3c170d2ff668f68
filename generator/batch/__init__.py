"""Many organizations: the process pool, fingerprints and locks, the portal."""
