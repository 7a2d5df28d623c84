"""MkDocs hooks for the offline copy. Thin: how the copy is made is macros/offline.py, which knows nothing of MkDocs.

- on_files adds the page tai-ve/index.md ("Tải bản ngoại tuyến"): what the copy is, how to open it, and the
  download button.
- Every page's footer (overrides/partials/copyright.html) links to that page between the markers
  <!--sotay-offline:link--> ... <!--/sotay-offline:link-->.
- on_post_build (listed last in mkdocs.yml, so the search index and the PDFs are already written) zips the built
  site into tai-ve/so-tay-tuyen-truyen-<build date>.zip, then fills in the markers: on the site the footer says
  "Tải bản ngoại tuyến (2,4 MB)" and the page shows the button with the size; inside the zip the footer says
  "Bản ngoại tuyến dựng ngày 01/5/2024" and the page says the reader is already looking at the offline copy
  (the zip cannot hold itself, and its size is only known once it is written). tai-ve/ban-ngoai-tuyen.json
  gives the name, size and date for scripts.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from macros import offline
from macros.dates import format_date
from macros.views import build_date

PAGE = "tai-ve/index.md"
INFO = "tai-ve/ban-ngoai-tuyen.json"
# Not in the offline copy: the zip itself, its description, and the sitemap (empty without a site_url, and the .gz
# carries the time of the build, which would make every zip different).
OFFLINE_EXCLUDE = ("tai-ve/*.zip", INFO, "sitemap.xml", "sitemap.xml.gz")
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")

log = logging.getLogger("mkdocs.plugins.sotay.offline")
_REGION = re.compile(r"<!--sotay-offline:(?P<name>[a-z]+)-->.*?<!--/sotay-offline:(?P=name)-->", re.S)


def _page_markdown(day: str, zip_name: str, folder: str) -> str:
    return f"""# Tải bản ngoại tuyến

Bản ngoại tuyến là toàn bộ Sổ tay tuyên truyền trong một tệp nén ZIP: kế hoạch, sự kiện, đề cương, đơn vị, dòng
thời gian, tìm kiếm và nút in. Tải về máy hoặc chép vào USB, giải nén rồi mở bằng trình duyệt, không cần mạng.

<div class="sotay-offline-download">
<!--sotay-offline:download--><p><a class="md-button md-button--primary" href="{zip_name}" download>Tải bản ngoại tuyến</a></p>
<p>Tệp <code>{zip_name}</code>, dựng ngày {day}.</p><!--/sotay-offline:download-->
</div>

## Cách dùng

1. Bấm nút **Tải bản ngoại tuyến** ở trên để tải tệp ZIP về máy.
2. Giải nén tệp: trên Windows, nhấp chuột phải vào tệp, chọn **Extract All…** (Giải nén tất cả); trên Linux,
   nhấp chuột phải, chọn **Giải nén tại đây** (hoặc lệnh `unzip {zip_name}`).
3. Mở thư mục `{folder}` vừa giải nén và nhấp đúp vào tệp `index.html`:
   trang chủ của sổ tay mở trong trình duyệt. Từ đó đi tới mọi trang như khi đọc trên mạng nội bộ.
4. Muốn dùng ở máy khác, chép cả thư mục đã giải nén vào USB rồi mở `index.html` trên máy đó.

Đừng mở thẳng `index.html` bên trong tệp ZIP khi chưa giải nén: trình duyệt chỉ thấy một trang, không thấy các
trang khác.

Bản ngoại tuyến không tự cập nhật. Chân mỗi trang của bản ngoại tuyến ghi ngày dựng; khi có kế hoạch, sự kiện mới,
hãy tải bản mới từ trang này.

Người quản trị xem thêm [hướng dẫn xuất bản](../huong-dan/xuat-ban.md) (xuất bản lên mạng nội bộ, cài đặt trên máy
không có mạng) và [giấy phép của các thành phần đi kèm](../huong-dan/giay-phep.md).
"""


def _build_day(config):
    return build_date(config.extra.get("build_date"))


def on_files(files: Files, config) -> Files:
    day = _build_day(config)
    if files.get_file_from_path(PAGE) is None:  # a hand-written page of the same path wins
        files.append(File.generated(config, PAGE, content=_page_markdown(format_date(day), offline.zip_name(day),
                                                                  offline.folder_name(day)),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    if "search" not in config.plugins:
        # Material's lunr search is off (the site has its own Vietnamese search, macros/search_hooks.py), yet the
        # theme still ships lunr and its language files: nothing loads them, so leave them out of the site and the
        # offline copy (fewer bytes, fewer third-party licences to list in huong-dan/giay-phep.md).
        for file in [f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES)]:
            files.remove(file)
    return files


def _fill(text: str, regions: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in regions:
            return match.group(0)
        return f"<!--sotay-offline:{name}-->{regions[name]}<!--/sotay-offline:{name}-->"
    return _REGION.sub(replace, text)


def on_post_build(config) -> None:
    site = Path(config.site_dir)
    day = _build_day(config)
    name = offline.zip_name(day)
    shown_day = format_date(day)
    target = site / "tai-ve" / name
    in_copy = {
        "link": f"Bản ngoại tuyến dựng ngày {shown_day}",
        "download": (f"<p><strong>Bạn đang xem bản ngoại tuyến</strong>, dựng ngày {shown_day} từ tệp "
                     f"<code>{name}</code>. Bản mới nhất có trên trang Sổ tay tuyên truyền của mạng nội bộ.</p>"),
    }
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sotay-offline-") as work:
        # Written outside the site (the walk must not meet a half-written zip), then moved in.
        copy = offline.make_offline_zip(site, Path(work) / name, day, exclude=OFFLINE_EXCLUDE,
                                        transform=lambda path, text: _fill(text, in_copy),
                                        site_title=config.site_name)
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in target.parent.glob(f"{offline.NAME_PREFIX}-*.zip"):  # `mkdocs serve` rebuilds into the same folder
            old.unlink()
        shutil.move(copy.path, target)
    size = offline.format_size(copy.size)
    online = {
        "link": f"Tải bản ngoại tuyến ({size})",
        "download": (f'<p><a class="md-button md-button--primary" href="{name}" download>Tải bản ngoại tuyến '
                     f"({size})</a></p>\n<p>Tệp <code>{name}</code>, {size}, dựng ngày {shown_day}; "
                     f"giải nén ra {offline.format_size(copy.content_size)}.</p>"),
    }
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "<!--sotay-offline:" in text:
            page.write_text(_fill(text, online), encoding="utf-8")
    (site / INFO).write_text(json.dumps({"name": name, "path": f"tai-ve/{name}", "size": copy.size,
                                          "size_text": size, "files": copy.files,
                                          "content_size": copy.content_size, "build_date": day.isoformat()},
                                         ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log.info(f"Đã tạo bản ngoại tuyến tai-ve/{name} ({size}, {copy.files} tệp) trong "
             f"{time.perf_counter() - started:.1f} giây.")
