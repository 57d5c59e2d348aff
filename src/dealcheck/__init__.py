"""dealcheck: check a customer's requirements against the product's capability catalogue."""

__version__ = "0.1.0"
