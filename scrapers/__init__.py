"""Scrapy project of Trade Point: settings, items, base spiders, spiders and the source registry."""
