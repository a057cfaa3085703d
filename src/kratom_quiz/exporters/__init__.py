"""Package exporters."""
