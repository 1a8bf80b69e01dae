"""Citizens' attachments are private: stored outside MEDIA_ROOT (which the web
server publishes) and served only through a permission-checked admin view."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    """The storage of question attachments (a callable, so migrations keep no path)."""
    return FileSystemStorage(location=settings.QUESTIONS_PRIVATE_ROOT, base_url=None)
