"""The page that offers the offline copy (tai-ve/index.md) and the texts that differ between the site and the copy
itself: on the site the footer and the button give the zip's size, inside the zip they say which copy the reader
has (the zip cannot hold itself, and its size is only known once it is written). No MkDocs here."""

from __future__ import annotations

from .pages import GeneratedPage
from .render import Templates

PAGE = "tai-ve/index.md"
INFO = "tai-ve/ban-ngoai-tuyen.json"


def offline_page(templates: Templates, zip_name: str, folder: str, day: str) -> GeneratedPage:
    content = templates.render("offline/page.md.j2", zip_name=zip_name, folder=folder, day=day)
    return GeneratedPage(PAGE, content, listed=False)


def regions_online(templates: Templates, name: str, size: str, day: str, content_size: str) -> dict[str, str]:
    texts = templates.env.get_template("offline/regions.html.j2").module
    return {"link": str(texts.link_online(size)), "download": str(texts.download_online(name, size, day, content_size))}


def regions_in_copy(templates: Templates, name: str, day: str) -> dict[str, str]:
    texts = templates.env.get_template("offline/regions.html.j2").module
    return {"link": str(texts.link_in_copy(day)), "download": str(texts.download_in_copy(name, day))}


def regions_preview(templates: Templates, name: str) -> dict[str, str]:
    texts = templates.env.get_template("offline/regions.html.j2").module
    return {"link": str(texts.link_preview()), "download": str(texts.download_preview(name))}
