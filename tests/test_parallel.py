"""Pages rendered by helper processes (macros/plugin/parallel.py), without MkDocs: every page is rendered exactly once,
by a helper or by the main process; what a helper logged is logged again in the main process; a page a helper
could not render, or a helper that died, is left to the main process; a background job that fails is run again
by the caller. Building a real site with and without helpers is in tests/test_parallel_build.py."""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time

import pytest

from macros.plugin import parallel


@pytest.fixture
def records():
    """What the main process logs under the logger "sotay.test"."""
    kept: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            kept.append(record)

    logger = logging.getLogger("sotay.test")
    handler = Keep()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield kept
    finally:
        logger.removeHandler(handler)


def render_in_main(workers: parallel.PageWorkers, keys: list[str]) -> dict[str, str]:
    """The main process's loop: a page a helper rendered is taken, any other is "rendered" here (2 ms a page, once
    a helper has taken its first page, so that the helpers get their share)."""
    deadline = time.monotonic() + 30
    while workers._back.value == len(keys) and time.monotonic() < deadline:
        time.sleep(0.001)
    done = {}
    for key in keys:
        time.sleep(0.002)
        rendered = workers.take(key)
        if rendered is None:
            done[key] = f"main:{key}"
        else:
            parallel.replay(rendered.logs)
            done[key] = rendered.changed["content"]
    return done


def helper_render(key: str) -> tuple[dict, str]:
    time.sleep(0.002)  # as long as the main process takes
    logging.getLogger("sotay.test").warning("trang %s", key)
    return {"content": f"helper:{key}"}, f"search:{key}"


def test_every_page_once_and_helpers_take_from_the_end(records):
    keys = [f"p{n:03}.md" for n in range(200)]
    workers = parallel.PageWorkers(keys)
    workers.start(1, helper_render)
    done = render_in_main(workers, keys)
    taken = workers.close()
    assert sorted(done) == keys
    assert 0 < taken < len(keys)
    by_helper = [key for key in keys if done[key].startswith("helper:")]
    assert len(by_helper) == taken
    # The helper went backwards from the last page: its pages are the end of the list, in one run.
    assert by_helper == keys[len(keys) - taken:]
    assert all(done[key] == f"main:{key}" for key in keys[:len(keys) - taken])
    # Its warnings were logged again here, with their message, level and logger, once per page it rendered.
    assert [(r.name, r.levelno, r.getMessage()) for r in records] == [
        ("sotay.test", logging.WARNING, f"trang {key}") for key in by_helper]


def test_a_helpers_pipe_holds_many_pages_before_the_main_process_reads_them():
    # The main process reads a helper's pages in a thread that waits for the interpreter lock before each one: a
    # helper must not wait with it after two or three pages (the default pipe holds 64 KiB).
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    parallel._widen(send)
    os.set_blocking(send.fileno(), False)
    pages = b"<p>trang</p>" * ((parallel.PIPE_BYTES - 4096) // 12)
    assert os.write(send.fileno(), pages) == len(pages)  # no reader yet, and nothing was left unwritten
    assert receive.poll(0)
    receive.close()
    send.close()


def test_two_helpers_share_the_end():
    keys = [f"p{n:03}.md" for n in range(300)]
    workers = parallel.PageWorkers(keys)
    workers.start(2, helper_render)
    done = render_in_main(workers, keys)
    workers.close()
    assert sorted(done) == keys
    assert all(value.endswith(key) for key, value in done.items())


def test_a_page_the_helper_cannot_render_is_left_to_the_main_process():
    keys = [f"p{n:03}.md" for n in range(100)]

    def failing(key: str) -> tuple[dict, str]:
        if key == "p090.md":
            raise ValueError("lỗi trong trang")
        return helper_render(key)

    workers = parallel.PageWorkers(keys)
    workers.start(1, failing)
    done = render_in_main(workers, keys)
    assert workers.close() == 10  # p099 to p091, then p090, which it gave back
    assert done == {key: f"helper:{key}" if key > "p090.md" else f"main:{key}" for key in keys}


def test_a_value_that_cannot_be_sent_back_is_rendered_by_the_main_process():
    keys = [f"p{n:03}.md" for n in range(60)]

    def unpicklable(key: str) -> tuple[dict, object]:
        return {"content": key}, threading.Lock()

    workers = parallel.PageWorkers(keys)
    workers.start(1, unpicklable)
    done = render_in_main(workers, keys)
    assert workers.close() == 1  # the first page it took, given back
    assert done == {key: f"main:{key}" for key in keys}


def test_a_helper_that_dies_leaves_its_pages_to_the_main_process():
    keys = [f"p{n:03}.md" for n in range(60)]

    def dying(key: str) -> tuple[dict, str]:
        os._exit(3)

    workers = parallel.PageWorkers(keys)
    workers.start(1, dying)
    done = render_in_main(workers, keys)
    assert workers.close() == 1  # it had taken one page when it died
    assert done == {key: f"main:{key}" for key in keys}


def test_page_changes_send_links_by_path():
    class Target:
        src_uri = "khac.md"

    class Page:
        pass

    page = Page()
    page.file, page.meta, page.content = object(), {"a": 1}, None
    before = dict(vars(page))
    page.content = "<p>x</p>"
    page.links_to_anchors = {Target(): {"muc": "khac.md#muc"}}
    changed = parallel.page_changes(before, page)
    assert changed == {"content": "<p>x</p>", "links_to_anchors": {"khac.md": {"muc": "khac.md#muc"}}}

    class Files:
        def get_file_from_path(self, path: str) -> object:
            return {"khac.md": "FILE"}.get(path)

    fresh = Page()
    parallel.apply_changes(fresh, changed, Files())
    assert fresh.content == "<p>x</p>" and fresh.links_to_anchors == {"FILE": {"muc": "khac.md#muc"}}


@pytest.mark.parametrize(("jobs", "pages", "cores", "expected"), [
    (0, 1000, 2, 1),  # one per core: the main process and one helper
    (0, 1000, 1, 0),
    (1, 1000, 8, 0),  # jobs: 1 turns helpers off
    (4, 1000, 2, 3),
    (0, 39, 2, 0),  # too few pages to be worth a fork
    (0, 40, 2, 1),
    (8, 60, 8, 2),  # at least 20 pages a process
])
def test_worker_count(monkeypatch, jobs, pages, cores, expected):
    monkeypatch.setattr(parallel, "usable_cores", lambda: cores)
    assert parallel.worker_count(jobs, pages) == expected


def test_background_job_done_in_a_forked_process(tmp_path, records):
    target = tmp_path / "out.txt"

    def job() -> None:
        target.write_text(str(os.getpid()))
        logging.getLogger("sotay.test").info("xong")

    background = parallel.Background(job)
    background.start()
    assert background.finish() is True
    assert target.read_text() != str(os.getpid())  # written by another process
    assert [r.getMessage() for r in records] == ["xong"]


def test_background_job_that_fails_is_left_to_the_caller(records):
    def job() -> None:
        logging.getLogger("sotay.test").warning("không ghi lại")
        raise OSError("hỏng")

    background = parallel.Background(job)
    background.start()
    assert background.finish() is False
    assert records == []  # the caller runs the job again and logs what it logs


def test_a_helper_that_hangs_is_stopped_and_its_pages_left_to_the_main_process(monkeypatch):
    monkeypatch.setattr(parallel, "STALL_SECONDS", 0.5)
    keys = [f"p{n:03}.md" for n in range(60)]

    def hanging(key: str) -> tuple[dict, str]:
        time.sleep(3600)  # as a process forked while another thread held a lock would wait
        return helper_render(key)

    workers = parallel.PageWorkers(keys)
    workers.start(1, hanging)
    started = time.monotonic()
    done = render_in_main(workers, keys)
    workers.close()
    assert done == {key: f"main:{key}" for key in keys}
    assert time.monotonic() - started < 30


def test_background_job_that_hangs_is_stopped_and_left_to_the_caller(monkeypatch):
    monkeypatch.setattr(parallel, "JOB_SECONDS", 0.5)
    background = parallel.Background(lambda: time.sleep(3600))
    background.start()
    started = time.monotonic()
    assert background.finish() is False
    assert time.monotonic() - started < 30
