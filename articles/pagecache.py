"""Reader pages from the cache, each dropped as soon as something it shows changes.

Django's cache middleware keeps a page until its timeout; an archive must show
an edit at once. So each reader view names what its page shows as tags
(``article:12``, ``section:3``, ``home``, ``month:2022-08``...; see
``Article.page_tags``), and a save records the time its tags changed. A cached
page is served only while none of its tags changed after it began rendering.
Tags live in the same cache as the pages, so with Redis an edit on one app
server clears the pages of every server, and without Redis the cache is a folder
of files that every gunicorn worker and every command reads and writes.

Releases become visible by time, without a save: the upcoming publication
times are kept in the cache too, and a page rendered before one of them that
has now passed is rendered again.

Values read from the database that pages show (the related releases of a section
and topics, a topic page's topic) are kept the same way (`keep_value`,
`kept_value`), with the tags they depend on, whether pages are kept or not.

The cache may fail (a full disk, a folder the process may not write): a page is
then served uncached, and a change that cannot be recorded empties the cache,
so that no page it touches is served stale.
"""

import hashlib
import logging
import math
import os
import tempfile
import time
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import transaction
from django.db.models import signals
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    has_vary_header,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

from newsroom.routers import is_reader_request

from .taxonomy import forget_sections

logger = logging.getLogger(__name__)
PAGE_KEY = "page:{}"
TAG_KEY = "pagetag:{}"
SCHEDULE_KEY = "pagecache:schedule"
SCHEDULE_LENGTH = 100
# Values pages show, kept as pages are (keep_value); their tags, not this, keep them fresh.
VALUE_KEY = "value:{}"
VALUE_SECONDS = 24 * 60 * 60
# When the reader page this request renders began (PageCacheMiddleware).
_page_started = ContextVar("page_started", default=None)
# Every page shows the sections in its navigation.
SITE_TAG = "site"
# Which months have releases: a month page links the months beside it.
MONTHS_TAG = "months"


def tag(response, *tags):
    """Offer a reader page to the cache, with the tags of everything it shows."""
    response.page_tags = {SITE_TAG, *tags}
    return response


def release_page_tags(pk, section_id, topic_ids):
    """What a release's own page shows: itself, and its related releases."""
    return {f"article:{pk}", *related_tags(section_id, topic_ids)}


def related_tags(section_id, topic_ids):
    """What the related releases of a section and topics depend on: the releases of each."""
    tags = {f"topic:{topic}" for topic in topic_ids}
    if section_id:
        tags.add(f"section:{section_id}")
    return tags


def touch(tags):
    """Mark tags changed, now and again when the transaction commits.

    Now, so no page rendered before the save is served again; at commit, so no
    page rendered from the old rows while the transaction ran is served either.
    """
    keys = [TAG_KEY.format(name) for name in tags]
    if not keys:
        return

    def mark():
        changed = time.time() + settings.PAGE_CACHE_REPLICA_LAG
        try:
            cache.set_many(dict.fromkeys(keys, changed), timeout=None)
            cache.delete(SCHEDULE_KEY)
        except OSError as error:
            forget_every_page(error)

    mark()
    transaction.on_commit(mark)


def forget_every_page(error):
    """Empty the cache when a change cannot be recorded, rather than fail the save that
    made it or let its pages be served stale. Deleting needs no free space: this works
    on a full disk."""
    logger.warning("The page cache could not record a change (%s): emptying it.", error)
    try:
        cache.clear()
    except OSError as clear_error:
        logger.error(
            "The page cache could not be emptied either (%s): pages may be stale for "
            "up to PAGE_CACHE_SECONDS.",
            clear_error,
        )


def _schedule():
    """Times at which releases become visible from now on, oldest first."""
    schedule = cache.get(SCHEDULE_KEY)
    if schedule is None:
        from .models import Article

        # From the primary: a lagging replica could miss a release just scheduled.
        upcoming = (
            Article.objects.using("default")
            .filter(status__in=Article.RELEASED, published_at__gt=timezone.now())
            .order_by("published_at")
        )
        schedule = [when.timestamp() for when in upcoming.values_list("published_at", flat=True)]
        cache.set(SCHEDULE_KEY, schedule[:SCHEDULE_LENGTH], timeout=None)
    return schedule


def _is_fresh(entry):
    started = entry["started"]
    keys = [TAG_KEY.format(name) for name in entry["tags"]]
    # One round trip to Redis for the tags and the schedule together.
    changed = cache.get_many([*keys, SCHEDULE_KEY])
    schedule = changed.pop(SCHEDULE_KEY, None)
    # A tag missing from the cache was evicted: its changes are unknown.
    if len(changed) < len(keys) or any(when >= started for when in changed.values()):
        return False
    if schedule is None:
        schedule = _schedule()
    now = time.time()
    return not any(started < when <= now for when in schedule)


def _remember_tags(tags, started):
    """Give each missing tag an entry, so that losing it later shows as a missing tag.

    A tag may be missing because the cache dropped it to make room, together with
    the time of its last change: it is recorded as changed just before this render
    began, so every page rendered before this one counts as stale, not fresh again.
    """
    keys = [TAG_KEY.format(name) for name in tags]
    changed = math.nextafter(started, 0)
    for key in set(keys) - cache.get_many(keys).keys():
        cache.add(key, changed, timeout=None)


def _can_store(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
    )


def _fresh_entry(key):
    """The stored entry while it is fresh; None when it is missing, stale or unreadable."""
    try:
        entry = cache.get(key)
        if entry is not None and _is_fresh(entry):
            return entry
    except OSError as error:
        logger.warning("The page cache could not be read (%s): reading the database.", error)
    return None


def _store(key, fields, tags, started, timeout, what="a page"):
    """Keep an entry; when the cache cannot take it, what it holds is served all the same."""
    try:
        _remember_tags(tags, started)
        _schedule()
        entry = {**fields, "tags": sorted(tags), "started": started}
        cache.set(key, entry, timeout=timeout)
    except OSError as error:
        logger.warning("The page cache could not keep %s (%s): serving it uncached.", what, error)


def kept_value(name):
    """What `keep_value` kept as `name`, while none of its tags changed; else None."""
    entry = _fresh_entry(VALUE_KEY.format(name))
    return None if entry is None else entry["value"]


def keep_value(name, value, tags, started):
    """Keep a value read from the database from `started` (a `time.time()`) on, with the
    tags of everything it depends on: as a page is, it is dropped once one changes, or
    once a release scheduled after `started` becomes visible.

    A value read while a page renders counts from when the page began: a tag it finds
    missing is recorded as changed before its start, and the page, which shows the
    value, must not find it changed after its own.
    """
    page_started = _page_started.get()
    if page_started is not None:
        started = min(started, page_started)
    key = VALUE_KEY.format(name)
    _store(key, {"value": value}, {SITE_TAG, *tags}, started, VALUE_SECONDS, what=name)


class PageCacheMiddleware:
    """Serve and store tagged reader pages; mark them public for browsers and CDNs.

    Sits above the session, locale and auth middleware, so a cached page costs
    two cache reads and nothing else. Requests from staff (with a session
    cookie) neither read nor fill the cache, and their pages are never kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reader = is_reader_request(request)
        use_cache = reader and request.method == "GET" and settings.PAGE_CACHE_SECONDS > 0
        key = self._key(request) if use_cache else None
        if use_cache:
            entry = _fresh_entry(key)
            if entry is not None:
                return entry["response"]
        started = time.time()
        token = _page_started.set(started)
        try:
            response = self.get_response(request)
        finally:
            _page_started.reset(token)
        tags = getattr(response, "page_tags", None)
        if tags is None or not _can_store(response):
            return response
        if not reader:
            add_never_cache_headers(response)
            return response
        response["Last-Modified"] = http_date(started)
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_BROWSER_MAX_AGE,
            s_maxage=settings.PAGE_CDN_MAX_AGE,
        )
        set_response_etag(response)
        if use_cache:
            _store(key, {"response": response}, tags, started, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _key(request):
        """The page's full address. The Host header is taken as sent, unchecked: a page is
        stored only after CommonMiddleware accepted its host, so another host finds nothing."""
        host = request.META.get("HTTP_HOST", "")
        address = f"{request.scheme}://{host}{request.get_full_path()}"
        return PAGE_KEY.format(hashlib.sha256(address.encode()).hexdigest())


def _release_saving(sender, instance, raw=False, **kwargs):
    from .models import STORED_FIELDS

    if instance.pk and not raw:
        saved = sender.objects.defer(*STORED_FIELDS).filter(pk=instance.pk).first()
        instance._page_tags_before = saved.page_tags() if saved else set()


def _with_months(before, after):
    """The tags a change to a release touches: those it had and has, and MONTHS_TAG when
    the month it shows in changes (publishing, withdrawing, a new date), as that may
    change the months that have releases."""
    tags = before | after
    if _months(before) != _months(after):
        tags.add(MONTHS_TAG)
    return tags


def _months(tags):
    return {tag for tag in tags if tag.startswith("month:")}


def _release_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        touch(_with_months(getattr(instance, "_page_tags_before", set()), instance.page_tags()))


def _release_deleting(sender, instance, **kwargs):
    touch(_with_months(instance.page_tags(), set()))


def _topics_changing(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Adding or removing a topic changes the topic's page as well as the releases'."""
    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    if reverse:
        releases = (
            instance.articles.all() if pk_set is None else model.objects.filter(pk__in=pk_set)
        )
        topics = {instance.pk}
    else:
        releases, topics = [instance], pk_set or set()
    tags = set().union(*(release.page_tags() for release in releases))
    if tags:
        touch(tags | {f"topic:{pk}" for pk in topics})


def _part_changed(sender, instance, raw=False, **kwargs):
    """A gallery photo or official document shows on its release's page only."""
    if not raw:
        touch({f"article:{instance.article_id}"})


def _section_changed(sender, instance, raw=False, **kwargs):
    forget_sections()  # fixtures too: their sections must reach the navigation
    if not raw:
        touch({SITE_TAG})


def _topic_changed(sender, instance, raw=False, **kwargs):
    """A topic's name shows on its page, its releases' pages, in feeds and the sitemap."""
    if not raw:
        touch({f"topic:{instance.pk}", "feeds", "sitemap"})


def _loaded_as_stored(sender, instance, raw=False, **kwargs):
    """Rows loaded as they are stored (loaddata, a restored backup) may change any page."""
    if raw:
        touch({SITE_TAG})


def forget_every_page_after_migrating(sender, **kwargs):
    """A migration, and the code deployed with it, may change any page: the cache
    outlives the server's processes, so restarting them no longer empties it."""
    forget_sections()
    touch({SITE_TAG})


def check_cache_folder(app_configs, **kwargs):
    """A process that cannot write the file cache cannot clear the pages it changes: a
    command run by another user than the server's would leave them stale."""
    config = settings.CACHES["default"]
    if not config["BACKEND"].endswith(".FileBasedCache"):
        return []
    folder = Path(config["LOCATION"])
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, probe = tempfile.mkstemp(dir=folder)
        os.close(descriptor)
        os.remove(probe)
    except OSError as error:
        return [
            checks.Error(
                f"The cache folder {folder} cannot be written: {error}",
                hint="Run manage.py as the user that runs the server, or set CACHE_DIR "
                "to a folder that user may write (see docs/operations.md, Speed and caching).",
                id="articles.E001",
            )
        ]
    return []


def connect_signals():
    from .models import Article, Attachment, GalleryImage, Section, Topic

    for model in (Article, Attachment, GalleryImage, Section, Topic):
        signals.post_save.connect(_loaded_as_stored, sender=model)
    signals.pre_save.connect(_release_saving, sender=Article)
    signals.post_save.connect(_release_saved, sender=Article)
    signals.pre_delete.connect(_release_deleting, sender=Article)
    signals.m2m_changed.connect(_topics_changing, sender=Article.topics.through)
    for model in (GalleryImage, Attachment):
        signals.post_save.connect(_part_changed, sender=model)
        signals.post_delete.connect(_part_changed, sender=model)
    for handler, model in ((_section_changed, Section), (_topic_changed, Topic)):
        signals.post_save.connect(handler, sender=model)
        signals.post_delete.connect(handler, sender=model)
