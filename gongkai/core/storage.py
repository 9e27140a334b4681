"""File storage that has no public URL: every stored file is served by a view that checks who asks.

Published attachments go through the portal's download view, drafts' attachments through the back
office's, request files through the applicant's or the handler's. ``url()`` refuses, so no page links
to ``/media/…``; files and folders are created readable by the application's own user only
(FILE_UPLOAD_PERMISSIONS, FILE_UPLOAD_DIRECTORY_PERMISSIONS), so even a front server configured to serve
MEDIA_ROOT cannot read them.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class NoPublicURL(ValueError):
    """Raised by ``url()``; a template asking for it renders nothing instead of failing."""

    silent_variable_failure = True


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise NoPublicURL("stored files have no public URL; link to the download view that checks access")
