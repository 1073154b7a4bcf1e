"""The operations a user performs, each one unit of work. No Qt."""
