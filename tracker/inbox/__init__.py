"""The review inbox: articles in, proposals out, and an editor's decisions written as records."""
