"""Spiders that exist only for the benchmark (enabled with -s SPIDER_MODULES=...,bench.spiders)."""
