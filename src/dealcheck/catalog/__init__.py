"""The capability catalogue: model, loader and validation."""

from dealcheck.catalog.loader import LoadedCatalog, find_catalog, load_catalog
from dealcheck.catalog.model import Capability, Catalog, Metric

__all__ = ["Capability", "Catalog", "LoadedCatalog", "Metric", "find_catalog", "load_catalog"]
