"""The HTML an author may write: elements, attributes, address schemes and CSS properties.

This is the one list that every check of author HTML reads (`htmlcheck`), that the printable
lesson's sanitiser applies (`offline_html`), and that docs/html-allow-list.md explains to
authors. Anything not on it is an error, whatever it is: a list of what is allowed cannot be
walked around by something nobody thought of, as a list of what is forbidden can.
"""

from __future__ import annotations

# Elements a lesson or page may write, beside its Markdown.
TEXT = {"a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "cite", "code", "data", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt",
        "ruby", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "time", "u", "ul",
        "var", "wbr", "section", "article", "aside", "header", "footer", "address", "center", "font"}
TABLES = {"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
MEDIA = {"img", "picture", "source", "video", "audio", "track"}
# Inline drawings: shapes and text only (no pictures, filters, animation or embedded HTML).
SVG = {"svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text",
       "tspan", "title", "desc", "defs", "lineargradient", "radialgradient", "stop", "symbol",
       "use", "clippath", "mask", "pattern", "marker", "metadata"}
ELEMENTS = TEXT | TABLES | MEDIA | SVG
# A whole HTML file published as it is (a worksheet) may also have its document's frame.
DOCUMENT = {"html", "head", "body", "title", "meta", "style", "main", "nav"}

# Attributes on any allowed element (and any `aria-*` or `data-*`).
GLOBAL = {"id", "class", "title", "lang", "dir", "hidden", "role", "tabindex", "translate",
          "style", "markdown", "xml:lang", "xml:space", "align", "valign", "width", "height"}
PREFIXES = ("aria-", "data-")
PER_ELEMENT = {
    "a": {"href", "rel", "target", "hreflang", "download", "type", "name"},
    "img": {"src", "alt", "srcset", "sizes", "loading", "decoding", "border"},
    "source": {"src", "srcset", "sizes", "type", "media"},
    "video": {"src", "poster", "controls", "loop", "muted", "playsinline", "preload"},
    "audio": {"src", "controls", "loop", "muted", "preload"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "time": {"datetime"}, "data": {"value"}, "details": {"open"}, "ol": {"start", "reversed", "type"},
    "ul": {"type"}, "li": {"value"}, "col": {"span"}, "colgroup": {"span"},
    "td": {"colspan", "rowspan", "headers", "bgcolor"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "bgcolor"},
    "table": {"border", "cellpadding", "cellspacing", "summary", "bgcolor"}, "tr": {"bgcolor"},
    "font": {"color", "face", "size"}, "body": {"bgcolor"},
    "meta": {"charset", "name", "content", "http-equiv"},
    "html": {"xmlns", "xmlns:v", "xmlns:o", "xmlns:w", "xmlns:m"},
    "style": {"type", "media"},
}
# Drawing attributes, on any SVG element (lower case, as the check reads them).
SVG_ATTRIBUTES = {
    "xmlns", "xmlns:xlink", "version", "viewbox", "preserveaspectratio", "x", "y", "x1", "x2",
    "y1", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points", "pathlength", "fill",
    "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "stroke-opacity", "opacity",
    "transform", "font-size", "font-family", "font-weight", "font-style", "text-anchor",
    "dominant-baseline", "alignment-baseline", "letter-spacing", "dx", "dy", "rotate",
    "textlength", "lengthadjust", "offset", "stop-color", "stop-opacity", "gradientunits",
    "gradienttransform", "spreadmethod", "clip-path", "clip-rule", "clippathunits", "mask",
    "maskunits", "maskcontentunits", "patternunits", "patterncontentunits", "patterntransform",
    "marker-start", "marker-mid", "marker-end", "markerwidth", "markerheight", "markerunits",
    "refx", "refy", "orient", "focusable", "color", "display", "visibility", "overflow",
    "vector-effect", "shape-rendering", "text-rendering", "paint-order", "href", "xlink:href",
    "xlink:title", "baseline-shift", "writing-mode", "enable-background",
}

# Attributes that hold an address, and which addresses each may hold.
LINKS = {"href", "cite"}  # followed only when the reader chooses to
LOADED = {"src", "srcset", "poster"}  # fetched as the page opens: this site's own files only
FRAGMENT_ONLY = {("use", "href"), ("use", "xlink:href")}  # a drawing's own parts: '#id'
LINK_SCHEMES = {"http", "https", "mailto", "tel"}

# CSS properties a `style` may set (a vendor prefix such as -webkit- is read without it).
CSS_PROPERTIES = {
    "color", "background", "background-color", "opacity",
    "font", "font-family", "font-size", "font-style", "font-weight", "font-variant", "line-height",
    "letter-spacing", "word-spacing", "text-align", "text-align-last", "text-decoration",
    "text-decoration-line", "text-decoration-color", "text-decoration-style", "text-transform",
    "text-indent", "text-shadow", "white-space", "word-break", "overflow-wrap", "word-wrap",
    "hyphens", "vertical-align", "direction", "unicode-bidi", "writing-mode", "tab-size",
    "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "margin-inline",
    "margin-block", "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
    "padding-inline", "padding-block", "border", "border-top", "border-right", "border-bottom",
    "border-left", "border-color", "border-style", "border-width", "border-radius",
    "border-top-color", "border-right-color", "border-bottom-color", "border-left-color",
    "border-top-style", "border-right-style", "border-bottom-style", "border-left-style",
    "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
    "border-top-left-radius", "border-top-right-radius", "border-bottom-left-radius",
    "border-bottom-right-radius", "border-collapse", "border-spacing", "outline", "box-shadow",
    "width", "height", "min-width", "min-height", "max-width", "max-height", "box-sizing",
    "aspect-ratio", "object-fit", "display", "float", "clear", "overflow", "overflow-x",
    "overflow-y", "visibility", "list-style", "list-style-type", "list-style-position",
    "table-layout", "caption-side", "empty-cells", "columns", "column-count", "column-gap",
    "column-width", "column-rule", "gap", "row-gap", "flex", "flex-direction", "flex-wrap",
    "flex-grow", "flex-shrink", "flex-basis", "flex-flow", "align-items", "align-content",
    "align-self", "justify-content", "justify-items", "justify-self", "order", "grid-template-columns",
    "grid-template-rows", "grid-column", "grid-row", "grid-area", "grid-gap", "place-items",
    "page-break-before", "page-break-after", "page-break-inside", "break-before", "break-after",
    "break-inside", "orphans", "widows", "size", "quotes",
    # Drawing properties, as Inkscape and Illustrator write them in `style`.
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit",
    "stroke-opacity", "stop-color", "stop-opacity", "text-anchor", "dominant-baseline",
    "clip-rule", "clip-path", "mask", "marker", "marker-start", "marker-mid", "marker-end",
    "paint-order", "vector-effect", "shape-rendering", "text-rendering", "font-stretch",
    "baseline-shift", "mix-blend-mode", "isolation", "enable-background",
    "font-feature-settings", "font-variant-ligatures", "font-variant-caps",
    "font-variant-numeric", "font-variant-east-asian", "font-variant-position",
}
# Word's "Save as Web Page" writes mso-* properties, which browsers ignore.
CSS_IGNORED_PREFIXES = ("mso-",)
# CSS functions a value may use: colours, sums and gradients. url() only for '#id' or a file
# of the site; nothing else (image-set(), expression(), attr(), …).
CSS_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color",
                 "calc", "min", "max", "clamp", "var", "linear-gradient", "radial-gradient",
                 "repeating-linear-gradient", "repeating-radial-gradient", "conic-gradient",
                 "url", "local", "format", "counter", "counters", "translate", "rotate", "scale",
                 "matrix", "skewx", "skewy", "translatex", "translatey", "scalex", "scaley", "repeat",
                 "minmax", "fit-content", "cubic-bezier", "steps"}
# At-rules of a worksheet's <style>; @import, @namespace and the like are not on it.
CSS_AT_RULES = {"media", "page", "font-face", "supports", "charset", "keyframes", "-webkit-keyframes"}
# Properties that could move part of the page over the Get help and Quick exit buttons.
COVERING = {"position", "z-index", "top", "right", "bottom", "left", "inset", "transform",
            "translate", "scale", "rotate"}
