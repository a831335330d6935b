"""Relays CI build results to team chat channels."""
