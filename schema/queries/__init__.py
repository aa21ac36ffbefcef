"""Query roots, one module per aggregate; merged in schema/__init__.py."""
