"""Pages rendered by several processes at once, and work after the pages done beside MkDocs' own.

MkDocs renders the pages one after another in one process (macros, Markdown, the plugin's page passes); a build
machine has more than one core. When MkDocs asks for the first page, the plugin forks helpers
(`PageWorkers.start`): MkDocs goes on from the first page forwards, the helpers take pages from the last one
backwards, and they meet in the middle, so that nobody waits for a share fixed in advance.

A page a helper rendered comes back as `Rendered`: what rendering changed on the page (its Markdown, metadata, HTML,
table of contents, anchors, title, edit link), its search text, and what was logged meanwhile. MkDocs' own loop
still goes through every page: for a page already rendered the plugin hands MkDocs a stand-in
(`RenderedStandIn`) whose reading and rendering only return that HTML. The records logged in a helper are logged
again in the main process when MkDocs reaches the page, so warnings count in strict mode as they would have.

Anything that goes wrong in a helper (an error on a page, a value that cannot be sent back, a helper that dies or
stops answering) only means the main process renders that page itself, as without helpers: errors are raised and
reported there, exactly as in a build without them. Forking keeps the loaded data and templates without copying
them (Linux).

`Background` runs one job in a forked process while MkDocs goes on (the search index is made while MkDocs writes
the pages); if the job fails or hangs there, the main process runs it again itself and reports the error.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# Fewer pages than this are not worth a fork (a helper costs ~20 ms to start).
MIN_PAGES = 40
# A helper that has sent nothing for this long while the main process waits for it is stopped (a page takes
# milliseconds; a process forked while another thread held a lock could wait for ever), and its pages are rendered
# by the main process.
STALL_SECONDS = 300.0
# A background job (the search index: some 15 s at 5,000 pages) that has not finished after this long is stopped and
# run again by the main process.
JOB_SECONDS = 1800.0
# Attributes of a page that are links to the rest of the site, never results of rendering it.
_STRUCTURE = frozenset({"file", "parent", "children", "previous_page", "next_page", "_Page__active", "active"})
# The fields of a log record that are sent back (the message already formatted: its arguments may not pickle).
_RECORD_FIELDS = ("name", "levelno", "levelname", "msg", "pathname", "filename", "module", "lineno", "funcName",
                  "created", "msecs", "relativeCreated", "exc_text", "stack_info", "process", "processName")
_MAIN, _HELPER = 1, 2  # who took a page, in the shared table
# A helper's pipe holds this much (Linux allows 1 MiB without privileges; the default is 64 KiB, two or three
# pages): the thread reading it in the main process waits for the interpreter lock (up to sys.getswitchinterval(),
# 5 ms) before each page, and a helper whose pipe is full waits with it instead of rendering the next page.
PIPE_BYTES = 1 << 20


@dataclass
class Rendered:
    """What rendering one page in a helper produced."""

    changed: dict[str, Any]  # page attributes set or replaced by rendering, links to anchors by target path
    extra: Any  # what the plugin kept from the page (its search text)
    logs: list[dict[str, Any]] = field(default_factory=list)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def processes(jobs: int) -> int:
    """The processes to work with: `jobs` (the plugin's option), 0 meaning one per usable core."""
    return jobs if jobs > 0 else usable_cores()


def worker_count(jobs: int, pages: int) -> int:
    """Helpers to fork besides the main process for `pages` pages: `processes(jobs)` in all."""
    total = processes(jobs)
    if pages < MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return max(0, min(total, pages // (MIN_PAGES // 2)) - 1)


def keep_for_the_build(collect: bool = False) -> None:
    """What the build holds so far (data, templates, rendered pages) lives until it ends: left out of garbage
    collection, which otherwise walks all of it again and again (some 2 s at 5,000 pages, and half a second more as
    the process exits), and which would copy it into every forked helper (_keep_shared). `collect`: the
    garbage collected first (else it is kept too)."""
    if collect:
        gc.collect()
    gc.freeze()


def release_the_last_build() -> None:
    """What keep_for_the_build kept collected again as usual, at the start of a build: `mkdocs serve` builds again
    and again in one process, and the last build's pages must go. (Not at the end of a build: `mkdocs build` would
    then walk everything once more while exiting.)"""
    gc.unfreeze()


@contextmanager
def no_collection() -> Iterator[None]:
    """No garbage collection inside (loading the data, whose objects all live as long as the build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _widen(connection: Any) -> None:
    """The pipe behind `connection` made to hold PIPE_BYTES, where the system allows it (else it stays as it is)."""
    try:
        import fcntl  # Unix only, as fork is

        fcntl.fcntl(connection.fileno(), getattr(fcntl, "F_SETPIPE_SZ"), PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def _keep_shared() -> None:
    """In a forked process: the objects inherited from the main process are left out of garbage collection. A
    collection writes into every object it looks at, which would copy each memory page of the main process's data
    into the helper (some hundreds of MB at 5,000 pages)."""
    gc.freeze()


class _Capture(logging.Handler):
    """In a helper: every record that would have been handled, kept to be logged again by the main process."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not any(kept is record for kept in self.records):  # a record climbs through every logger with handlers
            self.records.append(record)

    def take(self) -> list[dict[str, Any]]:
        sent = [_record_fields(record) for record in self.records]
        self.records = []
        return sent


def _record_fields(record: logging.LogRecord) -> dict[str, Any]:
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    fields = {name: getattr(record, name, None) for name in _RECORD_FIELDS}
    fields["msg"] = record.getMessage()
    fields["args"] = None
    return fields


def _capture_logging() -> _Capture:
    """Every handler of the process replaced by one capture (in a helper, which never writes to the terminal)."""
    capture = _Capture()
    loggers = [logging.getLogger()] + [logger for logger in logging.Logger.manager.loggerDict.values()
                                       if isinstance(logger, logging.Logger)]
    for logger in loggers:
        if logger.handlers:
            logger.handlers = [capture]
    return capture


def replay(logs: Sequence[dict[str, Any]]) -> None:
    """Log again, in the main process, what a helper logged."""
    for fields in logs:
        record = logging.makeLogRecord(fields)
        logging.getLogger(record.name).handle(record)


def page_changes(before: dict[str, Any], page: Any) -> dict[str, Any]:
    """The attributes rendering set or replaced on `page` (its __dict__ before rendering was `before`)."""
    changed = {key: value for key, value in vars(page).items()
               if key not in _STRUCTURE and (key not in before or before[key] is not value)}
    links = changed.get("links_to_anchors")
    if links:  # keyed by File objects, which are the main process's own: sent by path
        changed["links_to_anchors"] = {target.src_uri: anchors for target, anchors in links.items()}
    return changed


def apply_changes(page: Any, changed: dict[str, Any], files: Any) -> None:
    """The helper's changes set on the main process's page."""
    for key, value in changed.items():
        if key == "links_to_anchors" and value:
            value = {files.get_file_from_path(src): anchors for src, anchors in value.items()}
            value.pop(None, None)
        setattr(page, key, value)


class PageWorkers:
    """Helpers rendering pages from the end of `keys` while the main process renders from its start."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)
        self.position = {key: n for n, key in enumerate(self.keys)}
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._owner = context.RawArray("b", len(self.keys))  # 0 nobody yet, _MAIN, _HELPER
        self._back = context.RawValue("l", len(self.keys))  # the lowest position a helper has taken
        self._context = context
        self._results: dict[int, Rendered | None] = {}
        self._ready = threading.Condition()
        self._running = 0
        self.helpers = 0
        self._children: list[int] = []
        self._readers: list[threading.Thread] = []

    # ---- the main process ----

    def start(self, helpers: int, render: Callable[[str], tuple[Any, Any]]) -> None:
        """Fork `helpers` processes; `render(key)` renders one page in a helper: (its changes, the plugin's extra)."""
        for _ in range(helpers):
            receive, send = self._context.Pipe(duplex=False)
            _widen(send)
            pid = os.fork()
            if pid == 0:  # the helper: never returns
                _keep_shared()
                receive.close()
                self._serve(send, render)
            send.close()
            self._children.append(pid)
            self.helpers += 1
            self._running += 1
            reader = threading.Thread(target=self._read, args=(receive,), daemon=True, name="sotay-page-helper")
            reader.start()
            self._readers.append(reader)

    def take(self, key: str) -> Rendered | None:
        """The page rendered by a helper, or None: the main process renders it (it is marked as taken by it)."""
        n = self.position.get(key)
        if n is None:
            return None
        with self._lock:
            if self._owner[n] == 0:
                self._owner[n] = _MAIN
                return None
        with self._ready:
            while n not in self._results and self._running:
                if not self._ready.wait(STALL_SECONDS):
                    self._stop_helpers()  # their readers then see the end of their pipes
            return self._results.pop(n, None)

    def _stop_helpers(self) -> None:
        for pid in self._children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def close(self) -> int:
        """Stop taking pages and wait for the helpers (after MkDocs' loop, or when the build fails); the number of
        pages the helpers took."""
        with self._lock:
            for n in range(len(self.keys)):
                if self._owner[n] == 0:
                    self._owner[n] = _MAIN
            taken = sum(1 for n in range(len(self.keys)) if self._owner[n] == _HELPER)
        for pid in self._children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        for reader in self._readers:
            reader.join()
        self._children, self._readers = [], []
        return taken

    def _read(self, receive: Any) -> None:
        try:
            while True:
                try:
                    message = receive.recv()
                except (EOFError, OSError, pickle.UnpicklingError):
                    break
                if message is None:
                    break
                n, rendered = message
                with self._ready:
                    self._results[n] = rendered
                    self._ready.notify_all()
        finally:
            receive.close()
            with self._ready:
                self._running -= 1
                self._ready.notify_all()

    # ---- a helper ----

    def _next(self) -> int | None:
        with self._lock:
            n = self._back.value - 1
            if n < 0 or self._owner[n] != 0:
                return None
            self._owner[n] = _HELPER
            self._back.value = n
            return n

    def _serve(self, send: Any, render: Callable[[str], tuple[Any, Any]]) -> None:
        code = 0
        try:
            capture = _capture_logging()
            while (n := self._next()) is not None:
                try:
                    changed, extra = render(self.keys[n])
                    message = pickle.dumps((n, Rendered(changed, extra, capture.take())), pickle.HIGHEST_PROTOCOL)
                except BaseException:  # the main process renders this page again and reports the error itself
                    send.send((n, None))
                    break
                send.send_bytes(message)
            send.send(None)
        except BaseException:
            code = 1
        finally:
            os._exit(code)  # no atexit handler, no finaliser of the main process's objects runs in a helper


class Background:
    """`job` run in a forked process while the main process goes on; `finish` says whether it was done there."""

    def __init__(self, job: Callable[[], None]) -> None:
        self.job = job
        self.pid: int | None = None
        self._receive: Any = None

    def start(self) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
        pid = os.fork()
        if pid == 0:
            _keep_shared()
            receive.close()
            code = 1
            try:
                capture = _capture_logging()
                self.job()
                send.send(capture.take())
                code = 0
            except BaseException:  # the main process runs the job again and reports the error
                pass
            finally:
                os._exit(code)
        send.close()
        self.pid, self._receive = pid, receive

    def done(self) -> bool:
        """Whether the job has ended (or was never forked): `finish` would not wait."""
        return self.pid is None or self._receive.poll(0)

    def finish(self) -> bool:
        """Wait for the job: True when it was done in the forked process (its log records logged again here)."""
        if self.pid is None:
            return False
        logs = None
        try:
            if self._receive.poll(JOB_SECONDS):
                logs = self._receive.recv()
            else:
                os.kill(self.pid, signal.SIGKILL)
        except (EOFError, OSError, pickle.UnpicklingError):
            pass
        self._receive.close()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if logs is None or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return False
        replay(logs)
        return True

    def cancel(self) -> None:
        """Stop the job (the build failed)."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._receive.close()
            self.pid = None
