"""Use cases, one module per aggregate. Each takes the acting `Principal` and plain values."""
