"""promoflow's engine: the domain, its rules and everything that runs them."""

__version__ = "0.1.0"
