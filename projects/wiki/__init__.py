"""The MediaWiki idea template: render an idea to it, parse a page of such blocks back."""
