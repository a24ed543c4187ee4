"""Article extractor: commodities, countries, organisations, money and events from news text."""

from .commodities import CommodityMatcher
from .pipeline import Extraction, Extractor, extract
from .reference import Reference

__all__ = ["CommodityMatcher", "Extraction", "Extractor", "Reference", "extract"]
