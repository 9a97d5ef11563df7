"""One spider per news source; they share NewsSpider's crawl logic."""
