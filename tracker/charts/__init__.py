"""Chart builders: pure functions from aggregate rows to Plotly figures (no Flask, no SQL)."""
