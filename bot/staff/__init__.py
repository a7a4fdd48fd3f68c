"""Staff accounts, sessions and roles."""
