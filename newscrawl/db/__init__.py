"""Storage: SQLAlchemy 2 models, the engine, migrations and the article writer."""
