"""World geometry for the country map, fetched at install time from the npm registry (never
loaded by the browser from outside) and served by the app itself."""
