"""Crawl throughput benchmark: `bench/run` (see bench/README.md)."""
