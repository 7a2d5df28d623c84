/*
 * Sổ tay tuyên truyền: Vietnamese search, typed with or without diacritics, online and offline.
 *
 * The index (written at build time by macros/plugin/plugin.py with macros/outputs/search_index.py) holds every
 * page's sections with their original text, a vocabulary of the words
 * under their folded key (no diacritics, đ→d, case-folded, a syllable-final y after a consonant written i) and
 * exact key (diacritics kept, tone placement normalised, lower case), document numbers under their search key
 * ("171khbtgtu", whatever the punctuation), and a table of abbreviations. This file folds the query by the same
 * rules (mirror of macros/core/vietnamese.py and macros/core/docnumber.py, checked by tests/test_search_index.py),
 * matches words by prefix, requires every query word (AND), also searches for what an abbreviation in the query
 * stands for, ranks words typed with their exact diacritics first, then title and keyword hits above headings above
 * body text, then phrases, falls back to words one typing mistake away (5 letters or more) when nothing matches,
 * and highlights the matched words in the results and, through ?h=, on the page opened.
 *
 * The index is sharded (format version 4, macros/outputs/search_index.py shard_index): the manifest
 * search/sotay-index.js loads when the search box gets focus; each query then loads only the shards it needs from
 * search/sotay-index/ (word shards by folded prefix, merged prefix shards for short prefixes being typed, the title
 * tokens its ranking reads, the heads and texts of the pages ranked or shown). The engine runs as over a whole index
 * and, when it reads data not loaded yet, stops, loads it and runs again (ShardedEngine), so the results are those
 * of the whole index. The search box paints in two steps: first the results of a quick search (no phrase bonus, so
 * no page text to read), the first screen of them (FIRST_PAINT) with their heads only (title, kind, first lines),
 * then, once the texts the phrase bonus and the sections shown need are in, the exact results with their sections.
 * Those are exact for the results shown: the phrase bonus of a result that cannot reach them waits, its texts unread,
 * until "Hiện thêm kết quả" shows the next page (Engine.prototype.settle).
 * Every file is loaded with a <script> element (shards file themselves in a global registry) so the search works
 * from file:// (no fetch, no worker) and nothing is loaded from any other host.
 */
(function () {
  "use strict";

  // -------------------------------------------------------------------------------------------------------------
  // Vietnamese text: the same rules as macros/vietnamese.py (fold, normalize_tone_placement) and
  // macros/search_index.py (tokens, exact_key).
  // -------------------------------------------------------------------------------------------------------------

  var MARKS = /\p{M}/gu;
  // Where Python's str.casefold() differs from toLowerCase() (after marks are dropped).
  var CASEFOLD = {
    "\u00b5": "\u03bc", "\u00df": "ss", "\u0149": "\u02bcn", "\u017f": "s", "\u03c2": "\u03c3",
    "\u03d0": "\u03b2", "\u03d1": "\u03b8", "\u03d5": "\u03c6", "\u03d6": "\u03c0", "\u03f0": "\u03ba",
    "\u03f1": "\u03c1", "\u03f5": "\u03b5", "\u0587": "\u0565\u0582", "\u1c80": "\u0432", "\u1c81": "\u0434",
    "\u1c82": "\u043e", "\u1c83": "\u0441", "\u1c84": "\u0442", "\u1c85": "\u0442", "\u1c86": "\u044a",
    "\u1c87": "\u0463", "\u1c88": "\ua64b", "\u1e9a": "a\u02be", "\ufb00": "ff", "\ufb01": "fi",
    "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\ufb13": "\u0574\u0576",
    "\ufb14": "\u0574\u0565", "\ufb15": "\u0574\u056b", "\ufb16": "\u057e\u0576", "\ufb17": "\u0574\u056d"
  };
  // Cherokee: casefold() maps the small letters to the capitals, toLowerCase() the other way.
  var CASEFOLD_RE = new RegExp("[" + Object.keys(CASEFOLD).join("") + "\u13f8-\u13fd\uab70-\uabbf]", "g");

  function casefold(s) {
    return s.toLowerCase().replace(CASEFOLD_RE, function (c) {
      if (CASEFOLD[c]) return CASEFOLD[c];
      var code = c.charCodeAt(0);
      return String.fromCharCode(code >= 0xab70 ? code - 0xab70 + 0x13a0 : code - 8);
    });
  }

  /** Accent-free, case-folded form for loose matching: NFC, NFD, marks dropped, đ→d, Đ→D, casefold. */
  function fold(s) {
    return casefold(String(s).normalize("NFC").normalize("NFD").replace(MARKS, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D"));
  }

  // A syllable-final y after a consonant (or "qu") is also written i: "kỷ"/"kỉ", "lý"/"lí" (macros/core/vietnamese.py).
  var FINAL_Y = /(?:(?<=[bcdghklmnprstvx])|(?<=qu))y(?![\p{L}\p{N}])/gu;

  /** fold() with the i/y spelling variants merged: the key the search matches words under. */
  function searchFold(s) {
    return fold(s).replace(FINAL_Y, "i");
  }

  // Document numbers as readers type them, whole or in part, in any punctuation: "171/KH", "171KH", "11/CT-TU"
  // (macros/core/docnumber.py, number_search_key).
  var DOC_NUMBER = /^0*([0-9]+)[-\/. ]*(?:([0-9]{4})[-\/. ]+)?([\p{L}\p{Nl}\p{No}][\p{L}\p{N}]*(?:[-\/. ]+[\p{L}\p{N}]+)*)$/u;
  var DASHES = /[\u2010-\u2015\u2212]/g;

  /** The search key of a document number ("171/KH-BTGTU" → "171khbtgtu", "171/KH" → "171kh"), or null. */
  function numberKey(text) {
    var m = DOC_NUMBER.exec(String(text).normalize("NFC").trim().replace(DASHES, "-"));
    return m ? searchFold(m[1] + (m[2] || "") + m[3].replace(/[-\/. ]+/g, "")) : null;
  }

  var TONES = { "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5 };
  var TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"];
  var LETTER_RUN = /[\p{L}\p{Nl}\p{No}]+/gu;

  function splitTone(cluster) {
    var tone = 0, rest = "";
    for (var ch of cluster.normalize("NFD")) {
      if (TONES[ch]) tone = TONES[ch]; else rest += ch;
    }
    return [rest.normalize("NFC"), tone];
  }

  function retoneWord(word) {
    var chars = Array.from(word);
    if (chars.length < 2) return word;
    var first = splitTone(chars[chars.length - 2]), second = splitTone(chars[chars.length - 1]);
    if (first[1] || !second[1]) return word;
    var a = first[0].toLowerCase(), b = second[0].toLowerCase();
    if (!((a === "o" && (b === "a" || b === "e")) || (a === "u" && b === "y"))) return word;
    var head = chars.slice(0, -2).join("");
    // In "quý", "quỷ" the u belongs to the consonant "qu": the tone is already right.
    if (a === "u" && head.toLowerCase().endsWith("q")) return word;
    return head + (first[0] + TONE_MARKS[second[1]]).normalize("NFC") + second[0];
  }

  /** Old-style tone placement ("hoà", "khoẻ", "uỷ") to the new style ("hòa", "khỏe", "ủy"). */
  function normalizeTonePlacement(s) {
    return String(s).normalize("NFC").replace(LETTER_RUN, retoneWord);
  }

  /** Diacritics kept, tone placement normalised, lower case: "Hoà" → "hòa". */
  function exactKey(word) {
    return normalizeTonePlacement(word).toLowerCase();
  }

  // Words; words joined by "-", "/" or "." (171-KH/BTGTU, 30/2020/NĐ-CP, II.1.3) stay one token.
  var TOKEN = /[\p{L}\p{N}\p{M}]+(?:[-\/.][\p{L}\p{N}\p{M}]+)*/gu;
  var JOINER = /[-\/.]/;

  function tokens(text) {
    return String(text).normalize("NFC").match(TOKEN) || [];
  }

  /** `fn` of a string, remembered: at most `limit` values, then all are forgotten at once. */
  function remembered(fn, limit) {
    var cache = new Map();
    return function (key) {
      var value = cache.get(key);
      if (value === undefined) {
        value = fn(key);
        if (cache.size > limit) cache.clear();
        cache.set(key, value);
      }
      return value;
    };
  }

  var foldCached = remembered(searchFold, 50000);
  var numberKeyCached = remembered(numberKey, 50000);

  var MAX_TERMS = 10;

  /**
   * The words of a query: {text, fold, exact, accented, prefix, number}. The last word is matched as a prefix
   * while it is being typed (no space after it); the others as whole words. A document number ("171/KH",
   * "805-KH-SVHTTDL") becomes its search key, matched as a prefix (number: true).
   */
  function parseQuery(query) {
    var text = String(query || "").normalize("NFC");
    var words = tokens(text), terms = [], seen = {};
    var open = !/[\s\p{P}]$/u.test(text) || /[-\/.]$/.test(text);
    words.forEach(function (word, i) {
      var n = numberKey(word), f = n || searchFold(word), e = n || exactKey(word);
      if (!f || terms.length >= MAX_TERMS) return;
      var key = f + "\u0000" + e;
      if (seen[key] !== undefined) {
        if (i === words.length - 1 && open) terms[seen[key]].prefix = true;
        return;
      }
      seen[key] = terms.length;
      // Typed with diacritics: "ky" is folded to "ki" but has none.
      var accented = !n && e !== fold(word);
      terms.push({ text: word, fold: f, exact: e, accented: accented, prefix: !!n || (i === words.length - 1 && open),
                   number: !!n });
    });
    return terms;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Matching helpers shared by the engine and the highlighting
  // -------------------------------------------------------------------------------------------------------------

  var WORD_CHARS = "\\p{L}\\p{N}\\p{M}";
  var WORD_AT = new RegExp("[" + WORD_CHARS + "]+", "uy");

  /** Does folded token `token` match term `t`? Whole word, the leading parts of a joined word, or a prefix. */
  function tokenMatches(token, t, prefix) {
    if (t.number) {
      var k = numberKeyCached(token);
      return k !== null && k.startsWith(t.fold);
    }
    if (token === t.fold) return true;
    if (!token.startsWith(t.fold)) return false;
    return prefix || JOINER.test(token.charAt(t.fold.length));
  }

  /**
   * A prepared query: its terms, whether every term matches as a prefix (the retry for words cut short), and
   * whether it can match as a phrase (two words or more). What its terms match in folded text: phraseIndex, anyMatch.
   */
  function prepare(terms, allPrefix) {
    return {
      terms: terms,
      allPrefix: !!allPrefix,
      phrase: terms.length > 1,
      // The characters of each document number term (numberEnds), null for the other terms.
      chars: terms.map(function (t) { return t.number ? Array.from(t.fold) : null; }),
      accented: terms.some(function (t) { return t.accented; }),
      masks: new Map()  // tokenMask
    };
  }

  // Terms in folded text. A term starts a run of word characters (letters, digits, marks: W) and is matched as
  // these regular expressions would match it, W standing for [\p{L}\p{N}\p{M}] ("u" flag):
  //
  //   a word                  fold(?!W)               "ke" in "ke hoach", "kh" in "171-kh", not in "khi"
  //   a word being typed      fold W*                 "hoa" in "hoach", to the end of the word
  //   a document number       0* c1[-/.]?c2[-/.]?...cn(?:[-/.]?W)*   its characters with joiners between them
  //   any one term            (?<!W)(?:term1|term2|...)               the first term that matches, where it ends
  //   the terms as a phrase   (?<!W)term1[^W]+term2[^W]+...termN      words in a row, whatever is between them
  //
  // It was done with such expressions, built for each query. But a class of Unicode letters costs a browser some
  // 0.5 ms to build and compile each time it is written in one, 5 to 10 ms for those of a query, paid again for
  // each query typed and before its first results show. The code below finds the same matches with two regular
  // expressions compiled once for all queries, which find the runs of word characters of a text
  // (tests/browser/test_search.py compares it with the expressions above on generated texts and queries).

  var WORD_RUN = new RegExp("[" + WORD_CHARS + "]+", "gu");

  // Folded text is nearly all ASCII: its letters and digits are word characters, its other characters are not, and
  // only a character outside ASCII needs the regular expressions.
  function isAsciiWord(c) {
    return c >= 0x61 && c <= 0x7a || c >= 0x30 && c <= 0x39 || c >= 0x41 && c <= 0x5a;
  }

  /** The end of the run holding position `p` of `text`, or -1 when the character at `p` is no word character. */
  function runEndAt(text, p) {
    var end = p, c;
    while (end < text.length && isAsciiWord(c = text.charCodeAt(end))) end++;
    if (end < text.length && c >= 0x80) {
      WORD_AT.lastIndex = end;
      var m = WORD_AT.exec(text);
      if (m) end += m[0].length;
    }
    return end > p ? end : -1;
  }

  /** Is the character just before position `p` of `text` a word character? */
  function wordBefore(text, p) {
    if (p === 0) return false;
    var at = p - 1, c = text.charCodeAt(at);
    if (c < 0x80) return isAsciiWord(c);
    if (c >= 0xdc00 && c <= 0xdfff && at > 0) {  // the second half of a character outside the BMP
      var high = text.charCodeAt(at - 1);
      if (high >= 0xd800 && high <= 0xdbff) at--;
    }
    return runEndAt(text, at) >= 0;
  }

  /** Where the first run of word characters of `text` at or after `p` starts, or -1; `p` is at no word character. */
  function nextRunStart(text, p) {
    var c;
    while (p < text.length && (c = text.charCodeAt(p)) < 0x80 && !isAsciiWord(c)) p++;
    if (p >= text.length || c < 0x80) return p < text.length ? p : -1;
    WORD_RUN.lastIndex = p;
    var m = WORD_RUN.exec(text);
    return m ? m.index : -1;
  }

  /** The end of word term `k` of `q` (not a document number) matched at `i` of `text`, or -1. */
  function wordEnd(q, k, text, i) {
    var fold = q.terms[k].fold;
    if (!text.startsWith(fold, i)) return -1;
    var end = i + fold.length, after = runEndAt(text, end);
    if (q.allPrefix || q.terms[k].prefix) return after >= 0 ? after : end;  // to the end of the word
    return after < 0 ? end : -1;  // the whole word
  }

  /** The end of `chars` matched at `p` with a joiner allowed before each but the first, or -1 (a document number). */
  function numberCharsEnd(chars, text, p) {
    for (var j = 0; j < chars.length; j++) {
      if (j && JOINER.test(text.charAt(p))) p++;  // a joiner is never one of the characters: taken when there
      if (!text.startsWith(chars[j], p)) return -1;
      p += chars[j].length;
    }
    return p;
  }

  /** The ends document number term `k` of `q` can have matched at run start `i`, in the order its expression tries. */
  function numberEnds(q, k, text, i) {
    var chars = q.chars[k], zeros = 0, ends = [];
    while (text.charCodeAt(i + zeros) === 0x30) zeros++;
    for (var z = zeros; z >= 0; z--) {  // 0*: as many zeros as leave the characters a match
      var end = numberCharsEnd(chars, text, i + z);
      if (end < 0) continue;
      var stops = [end];
      for (;;) {  // (?:[-/.]?W)*: as many as there are, then fewer
        var at = JOINER.test(text.charAt(end)) ? end + 1 : end;
        if (runEndAt(text, at) < 0) break;
        var c = text.charCodeAt(at);
        end = at + (c >= 0xd800 && c <= 0xdbff && at + 1 < text.length ? 2 : 1);
        stops.push(end);
      }
      while (stops.length) ends.push(stops.pop());
    }
    return ends;
  }

  /**
   * The first place of `text` from `from` to `last` where term `k` of `q` starts a match, or -1; `found.end` is set to
   * where that match ends. A word is looked for as text (indexOf, in the browser's own code: a page can be tens of
   * thousands of characters long), a document number at each run start.
   */
  function termAt(q, k, text, from, last, found) {
    var p, end;
    if (q.chars[k]) {
      p = wordBefore(text, from) ? Math.max(from, runEndAt(text, from)) : from;  // out of a run begun before
      for (p = nextRunStart(text, p); p >= 0 && p <= last; p = nextRunStart(text, runEndAt(text, p))) {
        var ends = numberEnds(q, k, text, p);
        if (ends.length) {
          found.end = ends[0];
          return p;
        }
      }
      return -1;
    }
    for (p = text.indexOf(q.terms[k].fold, from); p >= 0 && p <= last; p = text.indexOf(q.terms[k].fold, p + 1)) {
      if (!wordBefore(text, p) && (end = wordEnd(q, k, text, p)) >= 0) {
        found.end = end;
        return p;
      }
    }
    return -1;
  }

  /** The first match of any one term of `q` in folded `text` from `from` (0 or a match's end): {index, end} or null. */
  function anyMatch(q, text, from) {
    var best = -1, found = { end: -1 }, end = -1;
    for (var k = 0; k < q.terms.length; k++) {  // the first place any term matches; there, the first term
      var at = termAt(q, k, text, from, best < 0 ? text.length : best - 1, found);
      if (at >= 0) {
        best = at;
        end = found.end;
      }
    }
    return best < 0 ? null : { index: best, end: end };
  }

  /** Do terms `k` to the last of `q` follow each other in `text` from run start `i` on ([^W]+ between them)? */
  function phraseFrom(q, k, text, i) {
    var ends = q.chars[k] ? numberEnds(q, k, text, i) : [wordEnd(q, k, text, i)];
    for (var e = 0; e < ends.length && ends[e] >= 0; e++) {
      if (k === q.terms.length - 1) return true;
      var end = ends[e];
      if (end >= text.length || runEndAt(text, end) >= 0) continue;  // [^W]+, then the next term: at the next run
      var next = nextRunStart(text, end);
      if (next >= 0 && phraseFrom(q, k + 1, text, next)) return true;
    }
    return false;
  }

  /** Where the terms of `q` first follow each other in folded `text` (a phrase of two words or more), or -1. */
  function phraseIndex(q, text) {
    if (q.terms.length < 2) return -1;
    var found = { end: -1 };
    for (var at = termAt(q, 0, text, 0, text.length, found); at >= 0;
         at = termAt(q, 0, text, at + 1, text.length, found)) {
      if (phraseFrom(q, 0, text, at)) return at;
    }
    return -1;
  }

  var exactCached = remembered(exactKey, 50000);

  /** fold() of a long text (a section, a title), cached: the engine and the snippets fold the same texts. */
  var foldText = remembered(searchFold, 20000);

  /**
   * Text folded, with the position in the text of each folded character (`pos`; null when they are the same:
   * no combining marks in the text and no letter folding to two, as in any NFC Vietnamese text).
   */
  var foldMapCache = new Map();
  var HAS_MARK = /\p{M}/u;
  function foldMap(text) {
    var found = foldMapCache.get(text);
    if (found) return found;
    if (!HAS_MARK.test(text)) {
      var whole = foldText(text);
      if (whole.length === text.length) {
        found = { folded: whole, pos: null };
        if (foldMapCache.size > 500) foldMapCache.clear();
        foldMapCache.set(text, found);
        return found;
      }
    }
    var folded = "", pos = [], at = 0;
    for (var ch of text) {
      var f = foldCached(ch);
      for (var j = 0; j < f.length; j++) pos.push(at);
      folded += f;
      at += ch.length;
    }
    pos.push(at);
    found = { folded: folded.replace(FINAL_Y, "i"), pos: pos };  // y → i keeps the positions
    if (foldMapCache.size > 500) foldMapCache.clear();
    foldMapCache.set(text, found);
    return found;
  }

  // -------------------------------------------------------------------------------------------------------------
  // The engine
  // -------------------------------------------------------------------------------------------------------------

  var BODY = 1, HEADING = 2, TITLE = 4, KEYWORD = 8, WHOLE = 16;
  var WEIGHT_KEYWORD = 10, WEIGHT_TITLE = 10, WEIGHT_HEADING = 4, WEIGHT_BODY = 1;
  var PREFIX_FACTOR = 0.6, PART_FACTOR = 0.75;
  // Per word typed with diacritics and found with exactly those diacritics: as a whole word ("mã"), or as the
  // start of a longer one ("mãn").
  var EXACT_BONUS = 100, EXACT_PREFIX_BONUS = 60;
  var PHRASE_TITLE = 12, PHRASE_TITLE_START = 8, PHRASE_HEADING = 5, PHRASE_BODY = 3;
  var COVERAGE_FULL = 10, COVERAGE_PART = 4, KIND_FACTOR = 1.5;
  // The phrase bonus (headings and body texts) goes to the best BODY_PHRASE_DOCS results of a query by their other
  // points; it is at most PHRASE_MAX.
  var BODY_PHRASE_DOCS = 40, PHRASE_MAX = PHRASE_HEADING + PHRASE_BODY;

  function weightOf(bits) {
    var w = bits & KEYWORD ? WEIGHT_KEYWORD : bits & TITLE ? WEIGHT_TITLE : bits & HEADING ? WEIGHT_HEADING :
      WEIGHT_BODY;
    return bits & WHOLE ? w : w * PART_FACTOR;
  }

  function popcount(x) {
    var n = 0;
    for (; x; x &= x - 1) n++;
    return n;
  }

  function lowerBound(keys, key) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (keys[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  var FORMAT_VERSION = 4;

  /**
   * The engine over the whole index in one structure (build_index: docs, secs, terms, aliases). The sharded engine
   * (ShardedEngine, below) runs the same code over the shards it loads; the data is read through the accessors
   * doc, sec, first, boost, tieBreak, entries and nearList.
   */
  function Engine(raw) {
    if (!raw || raw.v !== FORMAT_VERSION || !raw.terms) {
      throw new Error("chỉ mục tìm kiếm không đúng định dạng");
    }
    this.aliases = raw.aliases || {};
    this.docs = raw.docs;
    this.secs = raw.secs;
    this.terms = raw.terms;
    this.keys = raw.terms.map(function (entry) { return entry[0]; });
    this.docCount = raw.docs.length;
    this.secDoc = new Int32Array(raw.secs.length);
    for (var d = 0; d < raw.docs.length; d++) {
      var first = raw.docs[d][4], count = raw.docs[d][5];
      for (var s = first; s < first + count; s++) this.secDoc[s] = d;
    }
    this.titleCache = new Map();
  }

  /** [url, title, kind label, boost, first section, section count, [titles], [keywords]] of a document. */
  Engine.prototype.doc = function (d) { return this.docs[d]; };
  /** [heading, anchor, text] of a section. */
  Engine.prototype.sec = function (sid) { return this.secs[sid]; };
  Engine.prototype.first = function (d) { return this.docs[d][4]; };
  /** The title, other titles and keywords of a document. */
  Engine.prototype.titleStrings = function (d) {
    var doc = this.docs[d];
    return [doc[1]].concat(doc[6], doc[7]);
  };
  Engine.prototype.boost = function (d) { return this.docs[d][3]; };
  /** Between two results of the same score: the shorter title first, then the URL first in order. */
  Engine.prototype.tieBreak = function (a, b) {
    var da = this.docs[a], db = this.docs[b];
    return da[1].length - db[1].length || (da[0] < db[0] ? -1 : 1);
  };
  /** Nothing to load: every search runs at once, and ranks all its results (no text to load for a bonus). */
  Engine.prototype.check = function () {};
  // How many of the first results a search puts in order: all, but in a quick search (ShardedEngine.searchAsync).
  Engine.prototype.inOrder = Infinity;
  Engine.prototype.searchAsync = function (query) {
    var self = this;
    return new Promise(function (resolve) { resolve(self.search(query)); });
  };
  Engine.prototype.settleAsync = function (answer, shown) {
    var self = this;
    return new Promise(function (resolve) { resolve(self.settle(answer, shown)); });
  };
  Engine.prototype.prepareShown = function () { return Promise.resolve(); };
  Engine.prototype.prepareHeads = function () { return Promise.resolve(); };
  Engine.prototype.prepareSections = function () { return Promise.resolve(); };

  /** Folded tokens of each title string of a document: its title, other titles, keywords. */
  Engine.prototype.titleTokens = function (d) {
    var found = this.titleCache.get(d);
    if (!found) {
      var strings = this.titleStrings(d);
      if (!strings) return [];  // a shard still to load (check() stops the search after the loop)
      found = strings.map(function (s) { return tokens(s).map(foldCached); });
      this.titleCache.set(d, found);
    }
    return found;
  };

  /** The folded text (which = 2) or heading (which = 0) of a section. */
  Engine.prototype.folded = function (sid, which) {
    var sec = this.sec(sid);
    return sec ? foldText(sec[which]) : "";
  };

  /**
   * The terms of the prepared query `q` that folded token `token` matches, a bit per term: remembered for the query,
   * as the titles of thousands of results repeat the same few hundred tokens.
   */
  function tokenMask(token, q) {
    var mask = q.masks.get(token);
    if (mask === undefined) {
      mask = 0;
      for (var k = 0; k < q.terms.length; k++) {
        if (tokenMatches(token, q.terms[k], q.allPrefix || q.terms[k].prefix)) mask |= 1 << k;
      }
      q.masks.set(token, mask);
    }
    return mask;
  }

  // The masks of the tokens of one title string (titleBonus), reused: thousands of results are scored per search.
  var titleMasks = [];

  /** Index of the first place where the terms follow each other in the `count` first masks of `masks`, or -1. */
  function phraseAt(masks, count, q) {
    var n = q.terms.length;
    outer:
    for (var i = 0; i + n <= count; i++) {
      for (var j = 0; j < n; j++) {
        if (!(masks[i + j] & (1 << j))) continue outer;
      }
      return i;
    }
    return -1;
  }

  /**
   * The title bonus of a document whose title strings have the token lists `lists` (titleTokens): the best of its
   * strings' bonuses, the query as a phrase (at the start: more) and the share of the string's words it matches.
   */
  function titleBonus(lists, q) {
    var n = q.terms.length, best = 0;
    for (var l = 0; l < lists.length; l++) {
      var toks = lists[l], count = toks.length, hit = 0, bonus = 0;
      for (var i = 0; i < count; i++) if ((titleMasks[i] = tokenMask(toks[i], q))) hit++;
      var c = count ? hit / count : 0;
      if (n > 1) {
        var at = phraseAt(titleMasks, count, q);
        if (at >= 0) bonus += PHRASE_TITLE + (at === 0 ? PHRASE_TITLE_START : 0);
      }
      bonus += c === 1 ? COVERAGE_FULL : COVERAGE_PART * c;
      if (bonus > best) best = bonus;
    }
    return best;
  }

  /** The vocabulary entries a term matches, {list, cost}, from the sorted `keys` and `terms` given. */
  function entriesOf(keys, terms, t, prefix) {
    var lo = lowerBound(keys, t.fold), hi = lo, cost = 0;
    while (hi < keys.length && keys[hi].startsWith(t.fold)) {
      if (!prefix && keys[hi] !== t.fold) break;  // sorted: the whole word comes first
      var entry = terms[hi];
      for (var j = 2; j < entry.length; j += 2) cost += entry[j].length;
      hi++;
    }
    return { list: terms.slice(lo, hi), cost: cost };
  }

  Engine.prototype.entries = function (t, prefix) {
    return entriesOf(this.keys, this.terms, t, prefix);
  };

  Engine.prototype.run = function (q) {
    var self = this, terms = q.terms, n = terms.length;
    var results = this.matches(q);
    // The sharded engine reads titles only for results with a query word in a title or keyword (a title token
    // matching a term is always posted as TITLE or KEYWORD under a key of the term's range), except for document
    // numbers and joined words, whose title tokens may match without such a posting ("0171KH", "ii.1.3").
    var allTitles = !this.lazyTitles || terms.some(function (t) { return t.number || JOINER.test(t.fold); });
    for (var r = 0; r < results.length; r++) {
      var st = results[r], score = termScore(st, n) + KIND_FACTOR * this.boost(st.doc);
      st.score = !allTitles && !st.titled ? score : score + titleBonus(this.titleTokens(st.doc), q);
    }
    this.check();
    if (!this.quick) results.sort(byScore(self));  // a quick search puts its results in order once, merged (bestOf)
    // Phrases in headings and body text: a bonus for the best candidates by the score so far only, not in a quick
    // search (see searchAsync). It reads page texts, so it is computed later, for the candidates that can still
    // reach the results shown (settle).
    var due = q.phrase && !this.quick ? BODY_PHRASE_DOCS : 0;
    results.forEach(function (st, i) { st.due = i < due; });
    return results;
  };

  /** The phrase bonus of result `st`: its query as a phrase in a heading, in a text, of a section with every word. */
  Engine.prototype.phraseBonus = function (st) {
    var self = this, q = st.q, all = (1 << q.terms.length) - 1, heading = false, body = false;
    sectionsOf(st).forEach(function (ss) {
      if (ss.mask !== all) return;
      if (!heading && phraseIndex(q, self.folded(ss.sid, 0)) >= 0) heading = true;
      if (!body && phraseIndex(q, self.folded(ss.sid, 2)) >= 0) body = true;
    });
    return (heading ? PHRASE_HEADING : 0) + (body ? PHRASE_BODY : 0);
  };

  /**
   * Make the first `shown` results of `answer` (search) those of the exact ranking, in its order, computing only
   * the phrase bonuses still due that can change them (each reads page texts: files to load, sharded).
   *
   * A variant's result scores (score so far + bonus) × factor, 0 ≤ bonus ≤ PHRASE_MAX, and a document the best of
   * its variants' results (the first variant on a tie). The scores so far are lower bounds, so the `shown` first
   * documents by them, down to `last`, all rank at or above `last` once every bonus is in. A result whose best
   * possible score, (score + PHRASE_MAX) × factor, ranks below `last` (lower, or equal and after it by the
   * tie-break) cannot rank among those `shown` nor be what a document there is found by: its bonus changes
   * nothing there and waits. The others are computed (canReach); merged and sorted again, the results start with
   * the exact first `shown` (a document still scored lower than it will be stays below them).
   *
   * Computed first, the bonuses of the documents in the first places raise `last`, and fewer others can reach it:
   * when every result ties before its bonus, those of the first `shown` only are read, whose texts showing them
   * needs anyway. `last` only rises as bonuses come in, so a result left out stays out. Settling more results
   * later (the next page) keeps the places of those shown, and settling all of them computes every bonus that
   * counts, so that the whole ranking is the one of every bonus computed (Engine.search, `shown` not given).
   */
  Engine.prototype.settle = function (answer, shown) {
    var self = this;
    for (;;) {
      var results = answer.results, n = Math.min(shown, results.length);
      if (!n || !answer.pending.length) return;
      var last = results[n - 1];
      var due = answer.pending.filter(function (st) { return canReach(self, st, last); });
      if (!due.length) return;
      var first = new Set(results.slice(0, n).map(function (st) { return st.doc; }));
      var batch = due.filter(function (st) { return first.has(st.doc); });
      if (!batch.length) batch = due;
      var bonuses = batch.map(function (st) { return self.phraseBonus(st); });
      this.check();  // texts to load (sharded): nothing changes before they are in (retry)
      batch.forEach(function (st, i) {
        st.score = (st.base + bonuses[i]) * st.factor;
        st.due = false;
      });
      answer.pending = answer.pending.filter(function (st) { return st.due; });
      answer.results = bestOf(this, answer.found);
    }
  };

  /**
   * Can variant result `st`, its phrase bonus due, rank at or above the result `last` (then its bonus is needed)?
   * On the same document: at an equal score the first variant wins, which may be this one.
   */
  function canReach(engine, st, last) {
    var best = (st.base + PHRASE_MAX) * st.factor;
    return best > last.score || best === last.score && (st.doc === last.doc || engine.tieBreak(st.doc, last.doc) < 0);
  }

  /** [0, ...] of length n: a plain array, as a search may make thousands (a typed array costs more to make). */
  function zeros(n) {
    var list = [];
    for (var i = 0; i < n; i++) list.push(0);
    return list;
  }

  /** The documents holding every term of the prepared query `q`, each with its best weights per term and section. */
  Engine.prototype.matches = function (q) {
    // The sharded engine runs a search again after each round of loading: the postings of a query are read once.
    var key = this.matched ? JSON.stringify([q.allPrefix, q.terms]) : null;
    if (key !== null && this.matched.has(key)) return this.matched.get(key).slice();
    var self = this, terms = q.terms, n = terms.length, all = (1 << n) - 1;
    var order = terms.map(function (t, i) {
      var r = self.entries(t, q.allPrefix || t.prefix);
      return { i: i, t: t, list: r.list, cost: r.cost };
    }).sort(function (a, b) { return a.cost - b.cost; });
    this.check();
    // AND: first the documents holding every term (a mask per document, no allocation), then their details.
    var masks = new Int32Array(this.docCount), secDoc = this.secDoc, postings = 0;
    order.forEach(function (o) {
      var bit = 1 << o.i;
      for (var k = 0; k < o.list.length; k++) {
        var entry = o.list[k];
        for (var j = 2; j < entry.length; j += 2) {
          var post = entry[j], sid = 0;
          postings += post.length >> 1;
          for (var p = 0; p < post.length; p += 2) {
            sid += post[p];
            masks[secDoc[sid]] |= bit;
          }
        }
      }
    });
    // The result of each document (by number, a Map costs more at tens of thousands of postings), in the order found.
    var docs = new Array(this.docCount), results = [], logged = 0;
    // Each posting of those documents, for their sections (sectionsOf: built for the few results that need them), in
    // arrays of the size of every posting read: tens of thousands of them, written without growing any array.
    var log = { sid: new Int32Array(postings), term: new Int32Array(postings), w: new Float64Array(postings),
                we: new Float64Array(postings), next: new Int32Array(postings) };

    order.forEach(function (o) {
      var i = o.i, t = o.t, bit = 1 << i, prefix = q.allPrefix || t.prefix;
      for (var k = 0; k < o.list.length; k++) {
        var entry = o.list[k], full = entry[0] === t.fold;
        for (var j = 1; j < entry.length; j += 2) {
          var form = entry[j] || entry[0];
          var exact = t.accented && (prefix ? form.startsWith(t.exact) : form === t.exact);
          var factor = full ? 1 : PREFIX_FACTOR;
          var post = entry[j + 1], sid = 0;
          for (var p = 0; p < post.length; p += 2) {
            sid += post[p];
            var d = secDoc[sid];
            if (masks[d] !== all) continue;
            var st = docs[d];
            if (!st) {
              st = { doc: d, mask: 0, exact: 0, best: zeros(n), bestExact: zeros(n),
                     secs: null, log: log, last: -1, score: 0, titled: false };
              docs[d] = st;
              results.push(st);
            }
            var w = weightOf(post[p + 1]) * factor, we = w + (full ? EXACT_BONUS : EXACT_PREFIX_BONUS);
            st.mask |= bit;
            if (post[p + 1] & (TITLE | KEYWORD)) st.titled = true;
            if (exact) {
              st.exact |= bit;
              if (we > st.bestExact[i]) st.bestExact[i] = we;
            }
            if (w > st.best[i]) st.best[i] = w;
            log.next[logged] = st.last;
            st.last = logged;
            log.sid[logged] = sid;
            log.term[logged] = i;
            log.w[logged] = w;
            log.we[logged] = exact ? we : -1;
            logged++;
          }
        }
      }
    });
    if (logged < postings >> 1) {  // a rare word with a frequent one: keep what is logged, not every posting read
      Object.keys(log).forEach(function (name) { log[name] = log[name].slice(0, logged); });
    }

    if (this.matched) this.matched.set(key, results);
    return results.slice();
  };

  /**
   * The sections of result `st` holding query words, {sid: {sid, mask, exact, best, bestExact, score}} like the
   * result's own fields per section: built from the postings matches() logged for it, when first asked for.
   */
  function sectionsOf(st) {
    if (st.secs) return st.secs;
    var log = st.log, n = st.best.length, secs = new Map();
    for (var at = st.last; at >= 0; at = log.next[at]) {
      var sid = log.sid[at], i = log.term[at], w = log.w[at], we = log.we[at], ss = secs.get(sid);
      if (!ss) {
        ss = { sid: sid, mask: 0, exact: 0, best: new Float64Array(n), bestExact: new Float64Array(n), score: 0 };
        secs.set(sid, ss);
      }
      ss.mask |= 1 << i;
      if (we >= 0) {
        ss.exact |= 1 << i;
        if (we > ss.bestExact[i]) ss.bestExact[i] = we;
      }
      if (w > ss.best[i]) ss.best[i] = w;
    }
    st.secs = secs;
    return secs;
  }

  /**
   * The words' part of a score: for a word typed with diacritics and found with exactly those, its best exact
   * occurrence, bonus included (a title hit that only matches after folding does not count); otherwise the weight
   * of its best occurrence.
   */
  function termScore(st, n) {
    var score = 0;
    for (var i = 0; i < n; i++) score += st.exact & (1 << i) ? st.bestExact[i] : st.best[i];
    return score;
  }

  function byScore(engine) {
    var places = engine.places;  // sharded: the tie-break as one array (tieBreak)
    if (places) return function (a, b) { return b.score - a.score || places[a.doc] - places[b.doc]; };
    return function (a, b) {
      return b.score - a.score || engine.tieBreak(a.doc, b.doc);
    };
  }

  /** The sections of a result worth showing, best first (the first section of the page excluded). */
  Engine.prototype.sections = function (st, q) {
    var self = this, first = this.first(st.doc), n = q.terms.length, all = (1 << n) - 1, list = [];
    sectionsOf(st).forEach(function (ss) {
      if (ss.sid === first) return;
      var score = termScore(ss, n) + 3 * popcount(ss.mask);
      if (q.phrase && ss.mask === all && (phraseIndex(q, self.folded(ss.sid, 0)) >= 0 ||
          phraseIndex(q, self.folded(ss.sid, 2)) >= 0)) {
        score += PHRASE_BODY;
      }
      ss.score = score;
      list.push(ss);
    });
    return list.sort(function (a, b) { return b.score - a.score || a.sid - b.sid; });
  };

  // At most this many queries are run for one typed: the query itself and the ones its abbreviations or its
  // mistyped words stand for. Results found through an abbreviation or a correction score a little lower, and
  // per word typed (a score adds up over the words: "DBP" is one word, "Điện Biên Phủ" three).
  var MAX_VARIANTS = 8, VARIANT_FACTOR = 0.9;
  // A word of at least NEAR_MIN letters may be one typing mistake (a letter added, missing, changed or two
  // swapped) away from a word of the index; at most NEAR_KEYS such words are tried for it.
  var NEAR_MIN = 5, NEAR_KEYS = 3;

  /** Every way of picking one option from each list (in order, the first options first), at most MAX_VARIANTS. */
  function combine(lists) {
    var out = [{ terms: [], words: [], changed: false }];
    lists.forEach(function (options) {
      var next = [];
      options.forEach(function (option) {
        out.forEach(function (v) {
          if (next.length < MAX_VARIANTS) {
            next.push({ terms: v.terms.concat(option.terms), words: v.words.concat([option.text]),
                        changed: v.changed || !!option.changed });
          }
        });
      });
      out = next;
    });
    return out.map(function (v) { return { terms: v.terms, text: v.words.join(" "), changed: v.changed }; });
  }

  /** The query as typed, then with each abbreviation ("DBP", "UBND") replaced by what it stands for. */
  Engine.prototype.variants = function (terms) {
    var aliases = this.aliases;
    return combine(terms.map(function (t) {
      var options = [{ terms: [t], text: t.text }];
      var meanings = !t.number && Object.prototype.hasOwnProperty.call(aliases, t.fold) ? aliases[t.fold] : [];
      meanings.forEach(function (meaning) {
        // Found by what the abbreviation stands for, whatever its diacritics: no bonus for exact spellings.
        var expanded = parseQuery(meaning + " ").map(function (w) {
          return { text: w.text, fold: w.fold, exact: w.fold, accented: false, prefix: false, number: w.number };
        });
        if (expanded.length) options.push({ terms: expanded, text: meaning, changed: true });
      });
      return options;
    }));
  };

  /** Is `b` one edit from `a` (a letter inserted, deleted or changed, or two neighbours swapped)? */
  function oneEdit(a, b) {
    if (a === b) return false;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la < lb ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
  }

  var LETTERS = /^\p{L}+$/u;

  /** [[key, frequency], ...]: the words of the index made of letters only, with the length of their postings. */
  Engine.prototype.nearList = function () {
    if (!this.near) {
      this.near = [];
      for (var k = 0; k < this.keys.length; k++) {
        var key = this.keys[k];
        if (!LETTERS.test(key)) continue;
        var entry = this.terms[k], count = 0;
        for (var j = 2; j < entry.length; j += 2) count += entry[j].length;
        this.near.push([key, count]);
      }
    }
    return this.near;
  };

  /** Words of the index one typing mistake from the folded word `word`, the most frequent first. */
  Engine.prototype.nearKeys = function (word) {
    var found = [], list = this.nearList() || [];
    for (var k = 0; k < list.length; k++) {
      var key = list[k][0];
      if (Math.abs(key.length - word.length) <= 1 && oneEdit(word, key)) found.push({ key: key, count: list[k][1] });
    }
    found.sort(function (a, b) { return b.count - a.count || (a.key < b.key ? -1 : 1); });
    return found.slice(0, NEAR_KEYS).map(function (f) { return f.key; });
  };

  /** The query with its long words replaced by words of the index one typing mistake away; [] if there are none. */
  Engine.prototype.nearVariants = function (terms) {
    var self = this, any = false;
    var lists = terms.map(function (t) {
      var options = [];
      if (!t.number && Array.from(t.fold).length >= NEAR_MIN && LETTERS.test(t.fold)) {
        if (self.entries(t, false).list.length) options.push({ terms: [t], text: t.text });
        self.nearKeys(t.fold).forEach(function (key) {
          any = true;
          options.push({ terms: [{ text: key, fold: key, exact: key, accented: false, prefix: false, number: false }],
                         text: key, changed: true });
        });
      }
      return options.length ? options : [{ terms: [t], text: t.text }];
    });
    this.check();
    return any ? combine(lists).filter(function (v) { return v.changed; }) : [];
  };

  /** The results of the variants of a query (in their order) merged: each document once, at its best, best first. */
  function bestOf(engine, found, single) {
    var list = found;
    if (!single) {  // the results of one variant hold each document once already
      var best = new Map();
      found.forEach(function (st) {
        var old = best.get(st.doc);
        if (!old || st.score > old.score) best.set(st.doc, st);
      });
      list = Array.from(best.values());
    }
    return firstInOrder(list, engine.inOrder, byScore(engine));
  }

  /**
   * `list` with its `k` first items by `compare` first, in order, the others after them in no particular order: a
   * quick search orders the few results its first paint shows, not thousands.
   */
  function firstInOrder(list, k, compare) {
    if (list.length <= k) return list.slice().sort(compare);  // `list` may be the results of a search: left as it is
    var first = [];
    for (var i = 0; i < list.length; i++) {
      var item = list[i], at = first.length;
      if (at === k && compare(item, first[k - 1]) >= 0) continue;
      while (at > 0 && compare(item, first[at - 1]) < 0) at--;
      first.splice(at, 0, item);
      if (first.length > k) first.pop();
    }
    var chosen = new Set(first);
    return first.concat(list.filter(function (item) { return !chosen.has(item); }));
  }

  /**
   * The results of several queries merged, each document with its best score; each result keeps the query that
   * found it (`q`) and, when that is not the query typed, its words (`text`) for highlighting on the page. Phrase
   * bonuses are left due (settle): {query, results, found: every variant's results, pending: those with a bonus due}.
   */
  Engine.prototype.searchVariants = function (variants, typed) {
    var self = this, found = [], first = null;
    if (this.sharded) {  // the words of every variant in one go, not one variant per round of loading
      variants.forEach(function (v) {
        if (v.terms.length <= 30) v.terms.forEach(function (t) { self.entries(t, t.prefix); });
      });
      this.check();
    }
    var incomplete = false;
    variants.forEach(function (v) {
      var factor = v.changed ? VARIANT_FACTOR * Math.min(1, typed / v.terms.length) : 1;
      if (v.terms.length > 30) return;  // one bit per word in the masks
      var q, results;
      try {
        q = prepare(v.terms, false);
        results = self.run(q);
        if (!results.length && v.terms.some(function (t) { return !t.prefix; })) {
          q = prepare(v.terms, true);  // words cut short in the middle of the query
          results = self.run(q);
        }
      } catch (error) {
        // Sharded: shards to load. The other variants go on, so that one round loads what they all need.
        if (error !== MISSING) throw error;
        incomplete = true;
        return;
      }
      if (!first) first = q;
      results.forEach(function (st) {
        st.q = q;
        st.text = v.changed ? v.text : null;
        st.base = st.score;  // the bonus is added to it before the factor (settle)
        st.factor = factor;
        st.score *= factor;
        found.push(st);
      });
    });
    this.check();
    if (incomplete) throw MISSING;
    return { query: first, results: bestOf(self, found, variants.length === 1), found: found,
             pending: found.filter(function (st) { return st.due; }) };
  };

  /**
   * {query: prepared query, terms, results: [{doc, score, secs, q, text…}] best first, near: true when the results
   * are for words one typing mistake from those typed (nothing matched them)}. `shown`: only the first `shown`
   * results need be in their exact order (the rest: settle); all of them when not given.
   */
  Engine.prototype.search = function (query, shown) {
    var terms = parseQuery(query);
    if (!terms.length) {
      return { query: prepare([], false), terms: terms, results: [], near: false, found: [], pending: [] };
    }
    var found = this.searchVariants(this.variants(terms), terms.length), near = false;
    if (!found.results.length) {
      var variants = this.nearVariants(terms);
      if (variants.length) {
        var fuzzy = this.searchVariants(variants, terms.length);
        if (fuzzy.results.length) {
          found = fuzzy;
          near = true;
        }
      }
    }
    var answer = { query: found.query, terms: terms, results: found.results, near: near, found: found.found,
                   pending: found.pending };
    this.settle(answer, shown === undefined ? Infinity : shown);
    return answer;
  };

  // -------------------------------------------------------------------------------------------------------------
  // The sharded index (macros/outputs/search_index.py, shard_index): the same engine over the shards a query needs
  // -------------------------------------------------------------------------------------------------------------

  // Thrown by check() when the search read data of shards not loaded yet: they are loaded and the search run again
  // (a search takes milliseconds; a query needs a few rounds: its words, the titles of its results, the texts of
  // the best ones for the phrase bonus, and for the one-typo fallback the list of words).
  var MISSING = new Error("sotay-search: shards to load");
  var MAX_ROUNDS = 32;

  function upperBound(keys, key) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (keys[mid] <= key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /** The engine over the manifest of a sharded index; `load(name)` is a promise of the shard `name` ("w/3"). */
  function ShardedEngine(manifest, load) {
    if (!manifest || manifest.v !== FORMAT_VERSION || !manifest.shards) {
      throw new Error("chỉ mục tìm kiếm không đúng định dạng");
    }
    this.sharded = true;
    this.lazyTitles = true;
    this.manifest = manifest;
    this.aliases = manifest.aliases || {};
    this.load = load;
    this.loaded = new Map();
    this.missing = new Set();
    this.wordKeys = new Map();
    this.titleCache = new Map();
    var counts = manifest.docs.n, n = counts.length;
    this.docCount = n;
    this.firsts = new Int32Array(n + 1);
    for (var d = 0; d < n; d++) this.firsts[d + 1] = this.firsts[d] + counts[d];
    this.secDoc = new Int32Array(this.firsts[n]);
    for (d = 0; d < n; d++) this.secDoc.fill(d, this.firsts[d], this.firsts[d + 1]);
    // Each page's place in the order of ties (shorter title first, then URL order), once for all: a search sorts
    // thousands of results, and compares them by their places only (byScore).
    var docs = manifest.docs, order = [];
    for (d = 0; d < n; d++) order.push(d);
    order.sort(function (a, b) { return docs.l[a] - docs.l[b] || (docs.rank ? docs.rank[a] - docs.rank[b] : a - b); });
    this.places = new Int32Array(n);
    for (d = 0; d < n; d++) this.places[order[d]] = d;
  }
  ShardedEngine.prototype = Object.create(Engine.prototype);
  ShardedEngine.prototype.constructor = ShardedEngine;

  /** The data of shard `name`, or undefined: then it is noted, and check() stops the search to load it. */
  ShardedEngine.prototype.need = function (name) {
    var data = this.loaded.get(name);
    if (data === undefined) this.missing.add(name);
    return data;
  };

  ShardedEngine.prototype.check = function () {
    if (this.missing.size) throw MISSING;
  };

  // Numbers in the shards' text codes (search_index.py number_code): characters "#".."~" but "\\", the last digit
  // of a number one of the first CODE_LAST (it ends the number), those before it of the others (bijective base).
  var CODE_LAST = 64, CODE_BASE = 91 - CODE_LAST;

  function codeDigit(c) {
    return c - 0x23 - (c > 0x5c ? 1 : 0);
  }

  /** Postings written as text (search_index.py postings_code) back to [section - previous, bits, ...]. */
  function decodePostings(text) {
    var out = [], high = 0;
    for (var i = 0; i < text.length; i++) {
      var k = codeDigit(text.charCodeAt(i));
      if (k < CODE_LAST) {
        out.push(high * CODE_LAST + k, codeDigit(text.charCodeAt(++i)));
        high = 0;
      } else {
        high = high * CODE_BASE + k - CODE_LAST + 1;
      }
    }
    return out;
  }

  /** A shard as the engine reads it: the postings of word and prefix shards back to numbers. */
  function readShard(name, data) {
    if (name.startsWith("a/")) return decodePostings(data);
    if (!name.startsWith("w/")) return data;
    return data.map(function (entry) {
      return entry.map(function (value, j) { return j && !(j % 2) ? decodePostings(value) : value; });
    });
  }

  /** Load the shards `names` (those not loaded yet). */
  ShardedEngine.prototype.fetch = function (names) {
    var self = this, wanted = new Set(names.filter(function (name) { return !self.loaded.has(name); }));
    return Promise.all(Array.from(wanted).map(function (name) {
      return self.load(name).then(function (data) { self.loaded.set(name, readShard(name, data)); });
    }));
  };

  /** The promise of what `fn` returns once the shards it reads are in: run, load what it missed, run again. */
  ShardedEngine.prototype.retry = function (fn) {
    var self = this, rounds = 0;
    function attempt() {
      self.missing = new Set();
      try {
        return Promise.resolve(fn());
      } catch (error) {
        if (error !== MISSING || ++rounds > MAX_ROUNDS) return Promise.reject(error);
        return self.fetch(Array.from(self.missing)).then(attempt);
      }
    }
    return attempt();
  };

  /**
   * The results of `query`, loading the shards they need. `quick`: without the phrase bonus, so without reading any
   * page text (the same results, possibly in another order: the search box paints them first, while the texts for
   * the exact order load). `shown`: only the first `shown` results in their exact order, so that only the texts
   * that can change them load (settleAsync ranks more when more are shown); all of them when not given. A quick
   * search puts only those first `shown` in order, the others after them in no order.
   */
  ShardedEngine.prototype.searchAsync = function (query, quick, shown) {
    // The postings read, kept for the rounds of this search, and from a quick search for the exact one that follows.
    var self = this, kept = this.kept, matched = kept && kept.query === query ? kept.matched : new Map();
    this.kept = quick ? { query: query, matched: matched } : null;
    return this.retry(function () {
      self.matched = matched;
      self.quick = !!quick;
      self.inOrder = quick && shown !== undefined ? shown : Infinity;
      try {
        return self.search(query, shown);
      } finally {
        self.matched = null;
        self.quick = false;
        self.inOrder = Infinity;
      }
    });
  };

  /** Settle the first `shown` results of `answer` (settle), loading the texts the phrase bonuses due read. */
  ShardedEngine.prototype.settleAsync = function (answer, shown) {
    var self = this;
    return this.retry(function () { return self.settle(answer, shown); });
  };

  /**
   * Load what showing `results` needs: their titles, URLs, kinds, first sections, and the texts of the sections
   * shown under each (the best SECTIONS_SHOWN; ranking them reads the texts of the sections holding every word).
   */
  ShardedEngine.prototype.prepareShown = function (results) {
    var self = this;
    return this.prepareHeads(results).then(function again() {
      self.missing = new Set();
      results.forEach(function (r) {
        self.sections(r, r.q).slice(0, SECTIONS_SHOWN).forEach(function (ss) { self.need(self.textShard(ss.sid)); });
      });
      return self.missing.size ? self.fetch(Array.from(self.missing)).then(again) : undefined;
    });
  };

  /**
   * Start loading the title shards, which nearly every query reads to rank its results (one file at 5,000 pages), as
   * the manifest loads (the search box got focus): typing then waits for its words only.
   */
  ShardedEngine.prototype.prefetch = function () {
    var names = [], per = this.manifest.shards.titles;
    for (var n = 0; n * per < this.docCount; n++) names.push("r/" + n);
    this.fetch(names).catch(function () {});  // a query that needs them tries again
  };

  /** Load the heads of `results` (URL, kind, titles, first sections): what showing them without sections needs. */
  ShardedEngine.prototype.prepareHeads = function (results) {
    return this.fetch(results.map(function (r) { return "t/" + r.doc; }));
  };

  /** Load the texts of the sections `sids` (the other sections of a result, when the reader opens them). */
  ShardedEngine.prototype.prepareSections = function (sids) {
    var self = this;
    return this.fetch(sids.map(function (sid) { return self.textShard(sid); }));
  };

  /** The text shard holding section `sid`: "t/<page>", or "t/<page>-<part>" for a later part of a big page. */
  ShardedEngine.prototype.textShard = function (sid) {
    var d = this.secDoc[sid], starts = this.manifest.docs.parts[d];
    var part = starts ? upperBound(starts, sid - this.firsts[d]) : 0;
    return part ? "t/" + d + "-" + part : "t/" + d;
  };

  ShardedEngine.prototype.first = function (d) { return this.firsts[d]; };
  ShardedEngine.prototype.boost = function (d) { return this.manifest.docs.b[d]; };
  ShardedEngine.prototype.tieBreak = function (a, b) {
    return this.places[a] - this.places[b];  // the order of the constructor: title length, then URL ("rank")
  };

  // Title shards (search_index.py title_shard): [dictionary, [page, ...]], a page its token lists separated by " ",
  // a token its number in the dictionary (see codeDigit).

  /** The folded tokens of the title strings of a document, read from its title shard ([] until it is loaded). */
  ShardedEngine.prototype.titleTokens = function (d) {
    var found = this.titleCache.get(d);
    if (found) return found;
    var per = this.manifest.shards.titles, shard = this.need("r/" + Math.floor(d / per));
    if (!shard) return [];  // check() stops the search after the loop
    var words = shard[0], text = shard[1][d % per], list = [], high = 0;
    found = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c === 32) {
        found.push(list);
        list = [];
        continue;
      }
      var k = codeDigit(c);
      if (k < CODE_LAST) {
        list.push(words[high * CODE_LAST + k]);
        high = 0;
      } else {
        high = high * CODE_BASE + k - CODE_LAST + 1;
      }
    }
    if (list.length) found.push(list);
    this.titleCache.set(d, found);
    return found;
  };

  /** From the head of the page (t/<page>: URL, kind, title, other titles, keywords, first sections). */
  ShardedEngine.prototype.doc = function (d) {
    var head = this.need("t/" + d);
    if (!head) return undefined;
    return [head[0], head[2], head[1], this.boost(d), this.firsts[d], this.manifest.docs.n[d], head[3], head[4]];
  };

  ShardedEngine.prototype.sec = function (sid) {
    var d = this.secDoc[sid], name = this.textShard(sid), text = this.need(name);
    if (!text) return undefined;
    var offset = sid - this.firsts[d], starts = this.manifest.docs.parts[d];
    return name === "t/" + d ? text[5][offset] : text[offset - starts[upperBound(starts, offset) - 1]];
  };

  ShardedEngine.prototype.nearList = function () {
    return this.need("n");
  };

  /** The entries of word shard `i` and their keys, or undefined. */
  ShardedEngine.prototype.words = function (i) {
    var data = this.need("w/" + i);
    if (data && !this.wordKeys.has(i)) this.wordKeys.set(i, data.map(function (entry) { return entry[0]; }));
    return data;
  };

  /**
   * The merged postings standing for every key that starts with the term but is not the term (a prefix shard):
   * one entry for all spellings ("\u0000" is never a spelling typed) and, for a term typed with diacritics, one for
   * the spellings that start as typed. null when there is none: the keys are read from the word shards.
   */
  ShardedEngine.prototype.merged = function (t) {
    var aggregates = this.manifest.shards.aggregates;
    if (!own(aggregates, t.fold)) return null;
    var found = aggregates[t.fold], part;
    if (t.accented) {
      if (t.exact.length !== t.fold.length) return null;
      if (own(found[1], t.exact)) {
        if (found[1][t.exact] < 0) return null;
        part = this.need("a/" + found[0] + "-" + found[1][t.exact]);
      }
    }
    var all = this.need("a/" + found[0]), list = [];
    if (all) list.push(["", "\u0000", all]);
    if (part) list.push(["", t.exact, part]);
    return list;
  };

  ShardedEngine.prototype.entries = function (t, prefix) {
    var self = this, firsts = this.manifest.shards.words, list = [], cost = 0;
    var at = Math.max(0, upperBound(firsts, t.fold) - 1);
    function from(i, byPrefix) {
      var data = self.words(i);
      if (!data) return;
      var found = entriesOf(self.wordKeys.get(i), data, t, byPrefix);
      list = list.concat(found.list);
      cost += found.cost;
    }
    var merged = prefix ? this.merged(t) : null;
    from(at, prefix && merged === null);
    if (merged !== null) {
      merged.forEach(function (entry) { list.push(entry); cost += entry[2].length; });
    } else if (prefix) {
      for (var i = at + 1; i < firsts.length && firsts[i].startsWith(t.fold); i++) from(i, true);
    }
    return { list: list, cost: cost };
  };

  // -------------------------------------------------------------------------------------------------------------
  // Highlighting (results and pages): the matched words as written, diacritics and all.
  // -------------------------------------------------------------------------------------------------------------

  /**
   * The words of `text` (positions in the text as given, not normalised), each {start, end, mask, exact}: the
   * span of its match (to the end of the matched part of a joined word), the terms it matches, and those it
   * matches with their exact diacritics. Words matching no term have mask 0.
   */
  function scanWords(text, q) {
    var words = [], m, terms = q.terms;
    var re = new RegExp(TOKEN.source, "gu");
    while ((m = re.exec(text)) !== null) {
      var word = m[0], hit = { start: 0, end: 0, mask: 0, exact: 0 };
      words.push(hit);
      if (!anyMatch(q, foldCached(word), 0)) continue;
      var starts = [0];
      for (var i = 0; i < word.length; i++) if (JOINER.test(word.charAt(i))) starts.push(i + 1);
      for (var s = 0; s < starts.length && !hit.mask; s++) {
        var rest = word.slice(starts[s]), folded = foldCached(rest);
        for (var k = 0; k < terms.length; k++) {
          var t = terms[k];
          if (!tokenMatches(folded, t, q.allPrefix || t.prefix)) continue;
          var end = t.number ? word.length : starts[s] + partEnd(rest, t.fold.length);
          if (!hit.mask) { hit.start = m.index + starts[s]; hit.end = m.index + end; }
          hit.mask |= 1 << k;
          if (t.accented && exactCached(word.slice(starts[s], end)).startsWith(t.exact)) hit.exact |= 1 << k;
        }
      }
    }
    return words;
  }

  /** Length of the start of `word` whose folded form covers `length` characters, on to the end of that part. */
  function partEnd(word, length) {
    var acc = 0, pos = 0, chars = Array.from(word), c = 0;
    while (c < chars.length && acc < length) {
      acc += foldCached(chars[c]).length;
      pos += chars[c].length;
      c++;
    }
    while (c < chars.length && !JOINER.test(chars[c])) {
      pos += chars[c].length;
      c++;
    }
    return pos;
  }

  /**
   * Which matched words to mark: the query as a phrase where it occurs as one; otherwise every matched word,
   * but for a word typed with diacritics only its exact spellings when there are any.
   */
  function chooseMarks(words, q) {
    var n = q.terms.length, chosen = [], i, j;
    if (n > 1) {
      for (i = 0; i + n <= words.length; i++) {
        for (j = 0; j < n && words[i + j].mask & (1 << j); j++);
        if (j === n) {
          for (j = 0; j < n; j++) chosen.push(words[i + j]);
          i += n - 1;
        }
      }
      if (chosen.length) return chosen;
    }
    var exactFound = 0;
    words.forEach(function (w) { exactFound |= w.exact; });
    return words.filter(function (w) {
      for (var k = 0; k < n; k++) {
        if (w.mask & (1 << k) && (!(exactFound & (1 << k)) || w.exact & (1 << k))) return true;
      }
      return false;
    });
  }

  /** [start, end) spans of `text` to mark for the prepared query `q`. */
  function matchSpans(text, q) {
    if (!q.terms.length) return [];
    return chooseMarks(scanWords(text, q), q).map(function (w) { return [w.start, w.end]; });
  }

  /** Spans in order, neighbours separated by spaces only merged into one ("Điện Biên Phủ" is one mark). */
  function mergeSpans(text, spans) {
    var merged = [];
    spans.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (span) {
      var last = merged[merged.length - 1];
      if (last && span[0] >= last[1] && /^\s*$/.test(text.slice(last[1], span[0]))) last[1] = span[1];
      else if (!last || span[0] >= last[1]) merged.push([span[0], span[1]]);
    });
    return merged;
  }

  /** Append `text` to `parent` with the spans in <mark> elements (text nodes only: never HTML). */
  function appendMarked(parent, text, spans) {
    var at = 0;
    mergeSpans(text, spans).forEach(function (span) {
      var s = span[0], e = span[1];
      if (s < at || e > text.length) return;
      if (s > at) parent.appendChild(document.createTextNode(text.slice(at, s)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s, e);
      parent.appendChild(mark);
      at = e;
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }

  function marked(tag, text, q) {
    return appendMarked(document.createElement(tag), text, matchSpans(text, q));
  }

  /** Does `text` contain any term of the query? */
  function hasMatch(text, q) {
    return anyMatch(q, foldText(text), 0) !== null;
  }

  /**
   * Where to start reading `text` for the query: its first phrase occurrence, else its first word with the
   * exact diacritics typed, else its first match, else its start.
   */
  function firstMatch(text, q) {
    var map = foldMap(text), m;
    var position = function (i) { return map.pos ? map.pos[i] : i; };
    var phrase = phraseIndex(q, map.folded);
    if (phrase >= 0) return position(phrase);
    var first = -1, tries = 0, from = 0;
    while ((m = anyMatch(q, map.folded, from)) !== null && tries++ < 500) {
      from = m.end;
      var at = position(m.index);
      if (first < 0) first = at;
      if (!q.accented) break;
      WORD_AT.lastIndex = at;
      var word = WORD_AT.exec(text);
      if (word && q.terms.some(function (t) { return t.accented && exactCached(word[0]).startsWith(t.exact); })) {
        first = at;
        break;
      }
    }
    return Math.max(first, 0);
  }

  var SNIPPET_BEFORE = 60, SNIPPET_LENGTH = 220;

  /** {text, spans} of a piece of `text` around its best match (or its start), at most ~220 characters. */
  function snippet(text, q) {
    if (!text) return { text: "", spans: [] };
    var at = q.terms.length ? firstMatch(text, q) : 0;
    var start = Math.max(0, at - SNIPPET_BEFORE);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < at ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > at ? cut : end;
    }
    var lead = start > 0 ? "…" : "", piece = text.slice(start, end);
    return {
      text: lead + piece + (end < text.length ? "…" : ""),
      spans: matchSpans(piece, q).map(function (s) { return [s[0] + lead.length, s[1] + lead.length]; })
    };
  }

  function snippetElement(text, q) {
    var piece = snippet(text, q);
    return appendMarked(document.createElement("p"), piece.text, piece.spans);
  }

  // -------------------------------------------------------------------------------------------------------------
  // The search box
  // -------------------------------------------------------------------------------------------------------------

  var INDEX_GLOBAL = "__SOTAY_SEARCH_INDEX__", SHARDS_GLOBAL = "__SOTAY_SEARCH_SHARDS__";
  // Results shown at a time; the first paint (quick search, heads only) shows the first screen of them, fewer: every
  // head is a file to load, and the exact results (the whole first page, sections and all) follow at once. A screen
  // shows four to six of them (five at 1280×900 and 1920×1080, four at 1366×768, six on a 390×844 phone), and six
  // files is what a browser loads at once from one server over HTTP/1.1: a seventh would wait for one of them. With
  // ten, the first results at 5,000 pages came some 20 ms later (median of 35 queries, from nginx and file://).
  var PAGE_SIZE = 20, FIRST_PAINT = 6, SECTIONS_SHOWN = 3;
  var TEXT = {
    idle: "Gõ từ cần tìm, có dấu hoặc không dấu",
    loading: "Đang tải dữ liệu tìm kiếm…",
    searching: "Đang tìm…",
    none: "Không tìm thấy kết quả",
    near: function (n) { return "Kết quả gần đúng: " + number(n) + " kết quả"; },
    failed: "Không tải được dữ liệu tìm kiếm",
    more: "Hiện thêm kết quả",
    count: function (n) { return number(n) + " kết quả"; },
    otherSections: function (n) { return number(n) + " mục khác trong trang"; }
  };

  /** 1234567 → "1.234.567" (Vietnamese digit grouping; toLocaleString would load ICU data on first use). */
  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  // A page in the background paints no frame: after this long, what waits for the next paint goes on without it.
  var PAINT_WAIT = 100;

  /** A promise resolved once what the page shows now has been painted (the task after the next frame). */
  function afterPaint() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
      setTimeout(resolve, PAINT_WAIT);
    });
  }

  var root = document.querySelector("[data-sotay-search]");
  var toggle = document.getElementById("__search");
  var engine = null, loading = null;

  function setToggle(active) {
    if (toggle && toggle.checked !== active) {
      toggle.checked = active;
      toggle.dispatchEvent(new Event("change"));  // Material locks page scrolling on phones on this event
    }
  }

  function scriptURL() {
    var current = document.currentScript && document.currentScript.src;
    return current || location.href;
  }
  var SCRIPT_URL = scriptURL();

  /** Run the script at `src` (a <script> element: file:// allows no fetch or XHR of local files). */
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.charset = "utf-8";
      script.async = true;
      script.onload = function () { script.remove(); resolve(); };
      script.onerror = function () { script.remove(); reject(new Error("không tải được " + src)); };
      document.head.appendChild(script);
    });
  }

  /** load(name): a promise of the shard `name`, whose file files it under that name in the shard registry. */
  function shardLoader(folder) {
    var started = new Map();
    return function (name) {
      var found = started.get(name);
      if (!found) {
        found = loadScript(new URL(name + ".js", folder).href).then(function () {
          var registry = window[SHARDS_GLOBAL] || {}, data = registry[name];
          delete registry[name];
          if (data === undefined) throw new Error("tệp chỉ mục trống: " + name);
          return data;
        });
        found.catch(function () { started.delete(name); });  // try again at the next keystroke
        started.set(name, found);
      }
      return found;
    };
  }

  function loadIndex() {
    if (loading) return loading;
    var src = root && root.getAttribute("data-sotay-index");
    var url = src ? new URL(src, location.href).href : new URL("../search/sotay-index.js", SCRIPT_URL).href;
    loading = (window[INDEX_GLOBAL] ? Promise.resolve() : loadScript(url)).then(function () {
      var raw = window[INDEX_GLOBAL];
      if (!raw) throw new Error("chỉ mục tìm kiếm trống");
      // The manifest of the shards; a whole index in one file is searched as it is.
      engine = raw.shards ? new ShardedEngine(raw, shardLoader(new URL(raw.shards.folder + "/", url)))
        : new Engine(raw);
      if (engine.prefetch) engine.prefetch();
      return engine;
    }).catch(function (error) {
      loading = null;  // try again at the next keystroke
      throw error;
    });
    return loading;
  }

  /** The address of a page of the site; from file:// a folder address gets its index.html. */
  var siteRoot = null;
  function pageURL(url, query, anchor) {
    if (!siteRoot) {
      var base = (root && root.getAttribute("data-sotay-base")) || ".";
      siteRoot = new URL(base.replace(/\/?$/, "/"), location.href);
    }
    var target = new URL(url || "./", siteRoot);
    if (target.protocol === "file:" && target.pathname.endsWith("/")) target.pathname += "index.html";
    if (query) target.searchParams.set("h", query);
    target.hash = anchor ? "#" + anchor : "";
    return target.href;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function renderLink(href, score, build) {
    var link = element("a", "md-search-result__link");
    link.href = href;
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    article.setAttribute("data-md-score", score.toFixed(2));
    build(article);
    link.appendChild(article);
    return link;
  }

  /** The item of a result; `partial`: its head only (title, kind, first lines), its sections not yet ranked. */
  function renderResult(result, typed, query, partial) {
    var doc = engine.doc(result.doc), item = element("li", "md-search-result__item");
    var firstSection = engine.sec(doc[4]);
    // Found through an abbreviation or a correction: mark and highlight the words it was found by.
    var q = result.q || typed;
    query = result.text || query;
    item.appendChild(renderLink(pageURL(doc[0], query, ""), result.score, function (article) {
      article.appendChild(element("div", "md-search-result__icon md-icon"));
      article.appendChild(marked("h1", doc[1], q));
      article.appendChild(element("p", "sotay-search__kind", doc[2]));
      var text = firstSection[2];
      if (!hasMatch(text, q)) {
        // Matched by a subject, short name or alias its first lines do not repeat: show those.
        var others = doc[6].concat(doc[7]).filter(function (s) { return hasMatch(s, q); });
        if (others.length) text = others.join(" · ");
      }
      if (text) article.appendChild(snippetElement(text, q));
    }));
    if (partial) return item;
    var sections = engine.sections(result, q);
    var shown = sections.slice(0, SECTIONS_SHOWN), hidden = sections.slice(SECTIONS_SHOWN);
    function sectionLink(ss) {
      var sec = engine.sec(ss.sid);
      return renderLink(pageURL(doc[0], query, sec[1]), ss.score, function (article) {
        article.appendChild(marked("h2", sec[0], q));
        if (sec[2]) article.appendChild(snippetElement(sec[2], q));
      });
    }
    shown.forEach(function (ss) { item.appendChild(sectionLink(ss)); });
    if (hidden.length) {
      var details = element("details", "md-search-result__more");
      var summary = element("summary");
      summary.tabIndex = -1;
      summary.appendChild(element("div", "", TEXT.otherSections(hidden.length)));
      details.appendChild(summary);
      // Rendered when first opened: a page can match in dozens of sections.
      details.addEventListener("toggle", function fill() {
        details.removeEventListener("toggle", fill);
        var shown = engine;  // their texts may still be in shards not loaded
        engine.prepareSections(hidden.map(function (ss) { return ss.sid; })).then(function () {
          if (engine === shown) hidden.forEach(function (ss) { details.appendChild(sectionLink(ss)); });
        });
      });
      item.appendChild(details);
    }
    return item;
  }

  function setup() {
    if (!root) return;
    var form = root.querySelector("form");
    var input = root.querySelector("[data-sotay-search-input]");
    var result = root.querySelector("[data-sotay-search-result]");
    var meta = result.querySelector(".md-search-result__meta");
    var list = result.querySelector(".md-search-result__list");
    var current = { query: null, answer: null, shown: 0 };
    var pending = false, searches = 0;

    function status(text) { meta.textContent = text; }

    /**
     * The items of the first results of a quick search (no phrase bonus) with their heads only (prepareHeads), or
     * null when another query was typed meanwhile. Each is rendered as soon as its head is in, while the others
     * still load: rendering them all once the last is in would add its time to the first paint's.
     */
    function renderPartial(answer, query, search) {
      return Promise.all(answer.results.slice(0, FIRST_PAINT).map(function (r) {
        return engine.prepareHeads([r]).then(function () {
          return search === searches ? renderResult(r, answer.query, query, true) : null;
        });
      })).then(function (items) {
        return search === searches ? items : null;
      });
    }

    /** Show the next page of results (once the shards they need are loaded). */
    function renderMore() {
      var shown = current, answer = shown.answer;
      if (!answer) return Promise.resolve();
      var end = Math.min(answer.results.length, shown.shown + PAGE_SIZE);
      // The next page in its exact order first (the results shown keep their places), then what showing it needs.
      return engine.settleAsync(answer, end).then(function () {
        return engine.prepareShown(answer.results.slice(shown.shown, end));
      }).then(function () {
        if (current !== shown) return;
        var old = list.querySelector(".sotay-search__more");
        if (old) old.remove();
        for (var i = shown.shown; i < end; i++) {
          list.appendChild(renderResult(answer.results[i], answer.query, shown.query));
        }
        shown.shown = end;
        if (end < answer.results.length) {
          var li = element("li", "sotay-search__more");
          var button = element("button", "md-button", TEXT.more);
          button.type = "button";
          button.addEventListener("click", function () {
            renderMore().catch(function () { status(TEXT.failed); });
          });
          li.appendChild(button);
          list.appendChild(li);
        }
      });
    }

    function run() {
      pending = false;
      var query = input.value.normalize("NFC").trim();
      if (query === current.query && engine) return;
      var started = performance.now(), search = ++searches;
      if (!query) {
        current = { query: query, answer: null, shown: 0 };
        list.textContent = "";
        status(engine || !loading ? TEXT.idle : TEXT.loading);
        return;
      }
      if (!engine) {
        status(TEXT.searching);
        loadIndex().then(schedule, function () { status(TEXT.failed); });
        return;
      }
      current = { query: query, answer: null, shown: 0 };
      var mine = current;

      function announce(answer, complete) {
        var n = answer.results.length;
        var detail = { query: query, count: n, near: !!answer.near, ms: performance.now() - started,
                       complete: complete };
        window.SotaySearch.last = detail;
        document.dispatchEvent(new CustomEvent("sotay-search:results", { detail: detail }));
      }

      function showStatus(answer) {
        var n = answer.results.length;
        status(n === 0 ? TEXT.none : answer.near ? TEXT.near(n) : TEXT.count(n));
        list.classList.toggle("sotay-search__near", !!answer.near);
      }

      /** The exact results, with their sections: painted over the quick ones. */
      function exact() {
        return engine.searchAsync(query, false, PAGE_SIZE).then(function (answer) {
          if (search !== searches) return null;
          var next = { query: query, answer: answer, shown: 0 };
          return engine.prepareShown(answer.results.slice(0, PAGE_SIZE)).then(function () {
            if (search !== searches) return;
            current = next;
            list.textContent = "";
            showStatus(answer);
            var shown = answer.results.length ? renderMore() : Promise.resolve();
            return shown.then(function () { announce(answer, true); });
          });
        });
      }

      // The results of the last query typed only: an earlier one still loading its shards is dropped. A sharded
      // index first paints the results of a quick search (no page text read), then the exact ones.
      var found = !engine.sharded ? exact() : engine.searchAsync(query, true, FIRST_PAINT).then(function (answer) {
        if (search !== searches) return null;
        return renderPartial(answer, query, search).then(function (items) {
          if (!items) return null;
          showStatus(answer);
          list.textContent = "";
          items.forEach(function (item) { list.appendChild(item); });
          announce(answer, false);
          // The exact search starts once the quick results are on screen: run in this task, its first round (the
          // ranking again, the script elements of the texts it needs) would hold their paint back.
          return afterPaint().then(function () {
            return search === searches ? exact() : null;
          });
        });
      });
      found.catch(function () {
        if (search !== searches) return;
        if (current === mine) current = { query: null, answer: null, shown: 0 };  // try again at the next key
        status(TEXT.failed);
      });
    }

    function schedule() {
      if (pending) return;
      pending = true;
      Promise.resolve().then(run);
    }

    function open() {
      setToggle(true);
      if (!loading) {
        status(input.value ? TEXT.searching : TEXT.loading);
        loadIndex().then(schedule, function () { status(TEXT.failed); });
      }
    }

    input.addEventListener("focus", open);
    input.addEventListener("input", function () { open(); schedule(); });
    input.addEventListener("compositionend", schedule);
    form.addEventListener("reset", function () {
      setTimeout(function () { schedule(); input.focus(); }, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector(".md-search-result__link");
      if (first) first.click();
    });
    // Phones: the magnifier in the header opens the dialog; the keyboard only comes up on a user gesture.
    document.querySelectorAll("label[for=__search]").forEach(function (label) {
      label.addEventListener("click", function () {
        if (!toggle || !toggle.checked) setTimeout(function () { input.focus(); }, 0);
      });
    });
    result.addEventListener("click", function (event) {
      if (event.target instanceof Element && event.target.closest("a")) setToggle(false);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        list.hidden = !toggle.checked;
        list.setAttribute("role", toggle.checked ? "list" : "presentation");
      });
      list.hidden = !toggle.checked;
    }

    window.addEventListener("keydown", function (event) {
      if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
      var active = document.activeElement;
      var typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
      if (!toggle || !toggle.checked) {
        if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
          event.preventDefault();
          input.focus();
          input.select();
        }
        return;
      }
      if (event.key === "Escape" || event.key === "Tab") {
        setToggle(false);
        input.blur();
        if (event.key === "Escape") event.preventDefault();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var items = [input].concat(Array.prototype.slice.call(
          result.querySelectorAll(":not(details) > a[href], summary, details[open] a[href], .sotay-search__more button")));
        var i = Math.max(0, items.indexOf(active));
        items[(i + items.length + (event.key === "ArrowUp" ? -1 : 1)) % items.length].focus();
        event.preventDefault();
      } else if (active !== input && event.key.length === 1 && !(active && active.tagName === "BUTTON")) {
        input.focus();
      }
    });

    status(TEXT.idle);
    // ?q=… opens the search with that query (links from elsewhere, bookmarks).
    var params = new URLSearchParams(location.search);
    if (params.get("q")) {
      input.value = params.get("q");
      input.focus();
      open();
      schedule();
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Highlighting on the page opened from a result (?h=…)
  // -------------------------------------------------------------------------------------------------------------

  var SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEXTAREA|MARK|svg|SVG|BUTTON|SELECT|OPTION)$/;

  function highlightPage() {
    var query = new URLSearchParams(location.search).get("h");
    var content = document.querySelector(".md-content__inner");
    if (!query || !content) return 0;
    var terms = parseQuery(query);
    if (!terms.length) return 0;
    var q = prepare(terms, false);
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        for (var el = node.parentElement; el && el !== content; el = el.parentElement) {
          if (SKIP.test(el.tagName) || el.classList.contains("headerlink") || el.hidden ||
              el.namespaceURI === "http://www.w3.org/2000/svg") return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    // The words of all text nodes in reading order, so a phrase split by <strong> or a link is still found.
    var nodes = [], words = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var found = scanWords(node.nodeValue, q);
      for (var i = 0; i < found.length; i++) {
        found[i].node = nodes.length;
        words.push(found[i]);
      }
      nodes.push(node);
    }
    var byNode = new Map(), count = 0;
    chooseMarks(words, q).forEach(function (w) {
      if (!byNode.has(w.node)) byNode.set(w.node, []);
      byNode.get(w.node).push([w.start, w.end]);
      count++;
    });
    byNode.forEach(function (spans, index) {
      var node = nodes[index], fragment = document.createDocumentFragment();
      appendMarked(fragment, node.nodeValue, spans);
      fragment.querySelectorAll("mark").forEach(function (mark) {
        mark.className = "sotay-search-highlight";
        mark.setAttribute("data-md-highlight", "");
      });
      node.parentNode.replaceChild(fragment, node);
    });
    if (count && !location.hash) {
      var first = content.querySelector("mark.sotay-search-highlight");
      var box = first.getBoundingClientRect();
      if (box.top > window.innerHeight * 0.8) first.scrollIntoView({ block: "center" });
    }
    return count;
  }

  window.SotaySearch = {
    fold: fold,
    searchFold: searchFold,
    numberKey: numberKey,
    exactKey: exactKey,
    normalizeTonePlacement: normalizeTonePlacement,
    tokens: tokens,
    parseQuery: parseQuery,
    prepare: prepare,
    anyMatch: anyMatch,
    phraseIndex: phraseIndex,
    matchSpans: function (text, query) { return matchSpans(text, prepare(parseQuery(query), false)); },
    snippet: function (text, query) { return snippet(text, prepare(parseQuery(query), false)); },
    Engine: Engine,
    ShardedEngine: ShardedEngine,
    load: function () { return loadIndex(); },
    search: function (query) { return loadIndex().then(function (e) { return e.searchAsync(query); }); },
    highlighted: 0,
    last: null
  };

  setup();
  window.SotaySearch.highlighted = highlightPage();
})();
