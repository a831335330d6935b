"""Online feature store API."""
