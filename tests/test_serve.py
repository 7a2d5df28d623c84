"""`sotay serve` rebuilds when an editor saves a data file: the plugin asks MkDocs' live-reload server to watch
data/ as it watches docs/ (tests/bench_serve.py measures the loop in a browser)."""

from __future__ import annotations

from pathlib import Path

from macros.plugin.plugin import SotayPlugin


class Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, func=None, recursive: bool = True) -> None:  # LiveReloadServer.watch's signature
        self.watched.append(path)


def test_serve_watches_the_data_folder(tmp_path: Path) -> None:
    plugin = SotayPlugin()
    plugin.project = tmp_path
    server = Server()
    assert plugin.on_serve(server, config=None, builder=None) is server
    assert server.watched == [str(tmp_path / "data")]
