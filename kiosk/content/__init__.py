"""The typed content of content.yaml and its loader. No Qt here."""

from .errors import ContentError, ContentIssue
from .loader import LoadedContent, load_content
from .model import Content

__all__ = ["Content", "ContentError", "ContentIssue", "LoadedContent", "load_content"]
