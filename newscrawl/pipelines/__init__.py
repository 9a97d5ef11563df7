"""Item pipelines: clean -> convert (OpenCC) -> store (SQLAlchemy)."""
