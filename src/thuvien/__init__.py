"""thuvien: the platform on which a Vietnamese province runs its library network."""

__version__ = "0.1.0"
