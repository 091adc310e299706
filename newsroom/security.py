"""Response headers Django does not set itself, and a safe way to serve uploads without a proxy.

Uploaded files are never served as HTML or script: only the file types that
``articles/uploads.py`` accepts are served, each with a fixed Content-Type,
``nosniff`` and a Content-Security-Policy that forbids everything (a
sandboxed document for images). Production serves ``MEDIA_ROOT`` from the
proxy with the same rules; see docs/operations.md, "Uploaded files".
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
}
IMAGE_POLICY = "default-src 'none'; sandbox"
# Chromium's PDF viewer does not run in a sandboxed document, so PDFs get no
# sandbox; they are shown by the viewer, never parsed as a page.
PDF_POLICY = "default-src 'none'; frame-ancestors 'none'"


# Headers that govern a document (what it may load, run, be framed by, share a window
# with, or use): a stylesheet, script or font has no use for them.
DOCUMENT_ONLY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
)
# What is served under STATIC_URL and may be opened as a document keeps them.
DOCUMENT_TYPES = ("text/html", "image/svg+xml", "application/xml", "text/xml")


class StaticAssetHeadersMiddleware:
    """Static stylesheets, scripts and fonts without the headers only documents use.

    About 550 bytes a file, five files on a reader's first view of a release.
    Listed first, so that it sees the headers every other middleware added; each
    file keeps nosniff, its Cross-Origin-Resource-Policy and HSTS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if request.path.startswith(settings.STATIC_URL) and not content_type.startswith(
            DOCUMENT_TYPES
        ):
            for header in DOCUMENT_ONLY_HEADERS:
                del response[header]
        return response


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def serve_media(request, path):
    """Serve an uploaded file in local mode, as the proxy does in production."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = MEDIA_TYPES[suffix]
    response["X-Content-Type-Options"] = "nosniff"
    if suffix == ".pdf":
        response["Content-Security-Policy"] = PDF_POLICY
        response["Content-Disposition"] = f'inline; filename="{PurePosixPath(path).name}"'
    else:
        response["Content-Security-Policy"] = IMAGE_POLICY
    return response
