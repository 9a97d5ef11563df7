"""Scrapy extensions of newscrawl (register them in settings.EXTENSIONS)."""
