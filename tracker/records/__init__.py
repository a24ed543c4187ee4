"""The record layer: vocabularies, money, partial dates, derived values, disagreements and the
audit history that every input path (forms, imports, seeds, the inbox) shares."""
