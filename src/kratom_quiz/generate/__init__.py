"""Package generate."""
