"""Editor accounts: passwords, the login rate limit, the login pages and the write guard."""
