"""Makes the HTML of a page safe to show, whatever a pull request put into it: links that a browser would treat as
script become plain text, event-handler attributes go, and elements that run or load code are shown as text.

A link's scheme is judged the way a browser judges it: after entity decoding (`&#106;avascript:`,
`javascript&colon;`), after dropping the tab and newline characters browsers ignore inside a URL and the control
characters and spaces they strip at its ends, in any letter case. Only http, https, mailto, tel, relative and
in-page links pass.

The page is parsed once and written out again from what the parser understood (tags and attributes quoted and
escaped, "<" in text escaped), so a browser cannot read the output differently from this check. A `listener` (the
search text extractor) can be handed the tags and text of the page as written, as if it parsed the output itself,
so that a page is parsed once, not once per reader. No MkDocs here.

The parser is Python's html.parser. A page made only of plain tags (a name of letters and digits, attributes in
double quotes or bare names), end tags, comments and text is read by one regular expression instead, which reports
exactly what html.parser reports for them (`_Sanitiser.read`), in less time; any other page, or one with <script>
or <style>, goes to html.parser whole.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Protocol

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Attributes whose value a browser loads or follows as a URL (href on any element: MathML and SVG allow it).
URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "action", "formaction", "data", "poster", "background",
                            "cite", "longdesc", "usemap", "ping", "lowsrc", "dynsrc", "codebase", "classid",
                            "archive", "manifest", "profile", "icon"})
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
# Elements that run, embed or redirect: shown as text. SVG animation elements can set an href to a script URL.
TEXT_ONLY_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
                                "link", "form", "portal", "animate", "set", "animatemotion", "animatetransform",
                                "animatecolor", "handler", "listener"})
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                           "track", "wbr"})
# The parser lower-cases names; inside <svg> the browser restores these (HTML standard, "adjust SVG attributes" and
# "adjust SVG tag names"), so the written page keeps their usual spelling.
_SVG_NAMES = {name.lower(): name for name in (
    "attributeName attributeType baseFrequency baseProfile calcMode clipPathUnits diffuseConstant edgeMode "
    "filterUnits glyphRef gradientTransform gradientUnits kernelMatrix kernelUnitLength keyPoints keySplines "
    "keyTimes lengthAdjust limitingConeAngle markerHeight markerUnits markerWidth maskContentUnits maskUnits "
    "numOctaves pathLength patternContentUnits patternTransform patternUnits pointsAtX pointsAtY pointsAtZ "
    "preserveAlpha preserveAspectRatio primitiveUnits refX refY repeatCount repeatDur requiredExtensions "
    "requiredFeatures specularConstant specularExponent spreadMethod startOffset stdDeviation stitchTiles "
    "surfaceScale systemLanguage tableValues targetX targetY textLength viewBox viewTarget xChannelSelector "
    "yChannelSelector zoomAndPan altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform "
    "clipPath feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting "
    "feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage "
    "feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence "
    "foreignObject linearGradient radialGradient textPath").split()}

# A page of plain markup, token by token: text (no "<"); a start tag whose name is letters and digits (not script
# or style, whose content html.parser reads in another way), whose attributes are names with a value in double
# quotes or none, separated by the white space html.parser's tag names stop at; an end tag of the same names; a
# comment ended as html.parser ends it (the first "--", spaces, ">").
_PLAIN = r"""([^<]+)
    |<((?![sS][cC][rR][iI][pP][tT][ \t\n\r\f/>]|[sS][tT][yY][lL][eE][ \t\n\r\f/>])[a-zA-Z][a-zA-Z0-9]*)
     ((?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)[ \t\n\r\f]*(/?)>
    |</([a-zA-Z][a-zA-Z0-9]*)>
    |<!--((?:(?!--\s*>).)*)--\s*>"""
_PLAIN_TOKEN = re.compile(_PLAIN, re.S | re.X)
_PLAIN_ATTRIBUTE = re.compile(r'[ \t\n\r\f]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space


def url_scheme(value: str, *, decoded: bool = False) -> str | None:
    """The scheme a browser reads from an attribute value, lower case; None for a relative or in-page link.
    `value` as written in HTML (entities not yet decoded), or already `decoded` by an HTML parser."""
    text = value if decoded else html.unescape(value)
    match = _SCHEME_RE.match(_URL_IGNORED.sub("", text).strip(_URL_EDGES))
    return match.group(1).lower() if match else None


def is_safe_url(value: str, *, decoded: bool = False) -> bool:
    """True for relative and in-page links and http, https, mailto, tel."""
    scheme = url_scheme(value, decoded=decoded)
    return scheme is None or scheme in SAFE_SCHEMES


def _safe_srcset(value: str) -> bool:
    return all(is_safe_url(candidate.split()[0], decoded=True) for candidate in value.split(",") if candidate.split())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(name: str, value: str | None) -> str:
    name = _SVG_NAMES.get(name, name)
    if value is None:
        return f" {name}"
    return f' {name}="{_escape(value).replace(chr(34), "&quot;")}"'


class Listener(Protocol):
    """What reads the page as written (HTMLParser's handlers): it gets what a parser of the output would report,
    text unescaped, in pieces that may be cut anywhere; comments, declarations and dropped tags never reach it."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None: ...

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None: ...

    def handle_endtag(self, tag: str) -> None: ...

    def handle_data(self, data: str) -> None: ...


def _plain_tokens(text: str) -> list[tuple] | None:
    """`text` token by token as html.parser (convert_charrefs) reports it, when it is plain markup (_PLAIN): (text
    unescaped, tag, attributes, closed, end tag, comment, start tag as written), all None but what the token is.
    None for any other text."""
    tokens: list[tuple] = []
    position = 0
    unescape = html.unescape
    for match in _PLAIN_TOKEN.finditer(text):
        if match.start() != position:
            return None  # something html.parser reads its own way
        position = match.end()
        data, name, attributes, slash, end, comment = match.groups()
        if data is not None:
            tokens.append((unescape(data), None, None, None, None, None, None))
        elif name is not None:
            # As html.parser gives them: names in lower case; a value unescaped, None for a name alone.
            attrs = [(key.lower(), unescape(value) if value else value)
                     for key, value in (m.groups() for m in _PLAIN_ATTRIBUTE.finditer(attributes))]
            tokens.append((None, name.lower(), attrs, slash == "/", None, None, match.group()))
        elif end is not None:
            tokens.append((None, None, None, None, end.lower(), None, None))
        else:
            tokens.append((None, None, None, None, None, comment, None))
    return tokens if position == len(text) else None


class _Sanitiser(HTMLParser):
    def __init__(self, listener: Listener | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[bool] = []  # open <a> elements: True when written as plain text
        self.raw: str | None = None  # inside <script> (shown as text) or <style> (kept as it is)
        self.listener = listener
        self.source: str | None = None  # the start tag as written, when read by _plain_tokens

    def read(self, text: str) -> None:
        """The whole of `text`: by one regular expression when it is plain markup (_PLAIN), reported exactly as
        html.parser (convert_charrefs) reports it, else by html.parser."""
        tokens = _plain_tokens(text)
        if tokens is None:
            self.feed(text)
            self.close()
            return
        for data, name, attrs, closed, end, comment, source in tokens:
            if data is not None:
                self.handle_data(data)
            elif name is not None:
                self.source = source
                self._tag(name, attrs, closed=closed)
            elif end is not None:
                self.handle_endtag(end)
            else:
                self.handle_comment(comment)
        self.source = None

    def get_starttag_text(self) -> str | None:
        return self.source if self.source is not None else super().get_starttag_text()

    def updatepos(self, i: int, j: int) -> int:
        # The parser counts lines and columns only for getpos(), which nothing here reads (a tenth of the parse).
        return j

    # ---- tags ----

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closed=True)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag in self.CDATA_CONTENT_ELEMENTS and not closed:
            self.raw = tag  # the parser hands over the content as one piece of text, up to the end tag
        if tag in TEXT_ONLY_ELEMENTS:
            self._text(self.get_starttag_text() or f"<{tag}>")
            return
        kept: list[tuple[str, str | None]] = []
        unsafe_link = False
        for name, value in attrs:
            if name.startswith("on"):
                continue  # event handlers run script
            if value is not None and (name in URL_ATTRIBUTES and not is_safe_url(value, decoded=True)
                                      or name in SRCSET_ATTRIBUTES and not _safe_srcset(value)):
                unsafe_link = True
                continue
            kept.append((name, value))
        if tag == "a" and not closed:
            self.links.append(unsafe_link)
            if unsafe_link:
                return  # the link's text stays, as plain text
        if tag == "img" and unsafe_link:
            self._text(dict(attrs).get("alt") or "")
            return
        self.out.append(f"<{_SVG_NAMES.get(tag, tag)}{''.join(_attribute(n, v) for n, v in kept)}"
                        f"{' /' if closed else ''}>")
        if self.listener is not None:
            # A parser of the output reads the name in lower case and the values unescaped: these.
            if closed:
                self.listener.handle_startendtag(tag, kept)
            else:
                self.listener.handle_starttag(tag, kept)

    def handle_endtag(self, tag: str) -> None:
        if tag == self.raw:
            self.raw = None
        if tag in TEXT_ONLY_ELEMENTS:
            self._text(f"</{tag}>")
        elif tag == "a" and self.links and self.links.pop():
            pass
        else:
            self.out.append(f"</{_SVG_NAMES.get(tag, tag)}>")
            if self.listener is not None:
                self.listener.handle_endtag(tag)

    # ---- text ----

    def handle_data(self, data: str) -> None:
        if self.raw == "style":
            self.out.append(data)  # CSS: the parser ended it at "</style", nothing in it is markup
            if self.listener is not None:
                self.listener.handle_data(data)
        else:
            self._text(data)

    def _text(self, data: str) -> None:
        # Text never becomes markup again: "<" and "&" are escaped even where the parser saw no tag.
        self.out.append(_escape(data))
        if self.listener is not None and data:
            self.listener.handle_data(data)

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data.replace('--', '- -').replace('>', '&gt;')}-->")

    def handle_decl(self, decl: str) -> None:
        pass  # a <!DOCTYPE …> inside a page's content means nothing

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass  # <![CDATA[ … ]]> and the like


def sanitise_html(text: str) -> str:
    """The HTML `text` written out again with every unsafe link, handler and active element neutralised."""
    if not text:
        return text
    return "".join(sanitise_pieces(text))


def sanitise_pieces(text: str, listener: Listener | None = None) -> list[str]:
    """`sanitise_html(text)` in the pieces it is written in: a tag or a comment is one piece, and only those start
    with "<" (text, CSS aside, has it escaped); consecutive pieces of text may split a word. `listener` reads the
    output as it is written."""
    parser = _Sanitiser(listener)
    parser.read(text)
    return parser.out
