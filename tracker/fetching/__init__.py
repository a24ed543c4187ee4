"""Fetching from the web for the inbox and the jobs alike."""
