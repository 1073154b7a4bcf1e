"""Who is the same person or organisation: name keys across scripts, candidate pairs
of likely duplicates with their evidence. Pure Python, no database, no Qt."""
