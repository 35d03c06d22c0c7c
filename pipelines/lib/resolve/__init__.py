"""Entity resolution: one canonical id per real-world entity."""
