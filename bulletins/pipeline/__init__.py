"""Bulletin parsing pipeline: read a file, clean the text, split it, extract entities. No Django here."""

from .extracting import parse
from .model import Evidence, Extraction, KnownNames
from .reading import MAX_BULLETIN_BYTES, BulletinReadError, read_document

__all__ = ["MAX_BULLETIN_BYTES", "BulletinReadError", "Evidence", "Extraction", "KnownNames", "parse",
           "read_document"]
