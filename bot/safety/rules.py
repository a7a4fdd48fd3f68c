"""The rule layer: readable phrase patterns per language (patterns/<lang>.yml),
compiled into one spaCy Matcher for all languages.

Phrase syntax (words separated by spaces; matched on folded text, see text.py):
    word      this word; a typo is tolerated in words of 5+ letters (two in 9+)
    =word     this word exactly, no typo tolerance (for short or common words)
    word*     any word starting with "word" (stems: "sla*" = slaat, slaan, slaag …)
    a|b*|=c   any of these
    ...       up to three other words in between
    pastyear  a year at least two years back (1998, 2015, Turkish 2010'da)

Negation (file keys): a word of `negations` up to `negation_window` words before a
match cancels it; words or word pairs of `negation_bridges` ("ما عم فكر بالانتحار")
are passed over without using up the window.

spaCy's own REGEX/FUZZY predicates cost milliseconds per message, so a pre-pass
gives every token a canonical NORM first (the pattern word it spells, with a typo
or not, or the longest pattern stem it starts with) and the Matcher compares
exact values only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import spacy
import yaml
from spacy.matcher import Matcher

from bot.safety.signals import CATEGORIES
from bot.safety.text import fold_map

PATTERN_DIR = Path(__file__).resolve().parent / "patterns"
LANGUAGES = ("nl", "en", "ar", "tr", "pl", "uk")
GAP = "..."
# Residents of every language use Dutch municipal words ("deurwaarder", "Veilig Thuis"),
# so Dutch single-word evidence counts in every message.
BASE_LANGUAGE = "nl"
# Marks, among cancelled categories, that an idiom was seen ("ik schaam me dood").
IDIOM = "idiom"
# Marks that the message said it is about nobody in danger now. Two kinds of cue, both
# data in the pattern files:
#   settled  a past that is over ("dat is allemaal opgelost"): evidence in the cue's
#            sentence or the one before it is history; after the cue it counts again
#            from the next sentence or a contrast word ("…, maar nu slaat hij me weer");
#   framing  a study, film, newsletter, volunteering, a professional's general
#            question: only evidence that merely names a topic (`mentions`: "huiselijk
#            geweld", "de daklozenopvang") is set aside; "mijn man slaat me, net als in
#            die documentaire" still counts.
DISTANCE = "distance"
SETTLED, FRAMING, MENTION = "settled", "framing", "mention"
# A year at least two years back ("in 2015", Turkish "2010'da") is one token kind, so a
# settled cue can say "in <past year>" ("mijn oom is in 2015 overleden …").
PAST_YEAR = "pastyear"
YEAR = re.compile(r"^((?:19|20)\d\d)(?:['’]?[^\W\d_]{1,4})?$")
SENTENCE_BREAKS = {".", "!", "?", ",", ";", ":", "\n", "،", "؟", "؛"}
SENTENCE_ENDS = {".", "!", "?", "\n", "؟", "..."}
# The most negation bridges passed over before a negation cue (negation_bridges).
MAX_BRIDGES = 3


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class RuleMatch:
    category: str
    language: str
    start: int  # character offsets in the original text
    end: int
    phrase: str


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (small words, few candidates)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


class RuleSet:
    def __init__(self, files: dict[str, dict]) -> None:
        self.nlp = spacy.blank("xx")
        self.tokenizer = self.nlp.tokenizer
        self.languages = tuple(files)
        self.negations: dict[str, set[str]] = {}
        self.windows: dict[str, int] = {}
        # Words a negation reaches over without using up its window ("ما عم فكر
        # بالانتحار" = "I'm not thinking of suicide"): thinking and planning verbs, so
        # the window itself can stay as short as a language needs.
        self.bridges: dict[str, set[tuple[str, ...]]] = {}
        self.contrasts: set[str] = set()
        self.phrases: dict[str, tuple[str, str, str]] = {}  # key -> (lang, kind, phrase)
        parsed: list[tuple[str, str, str, list[list[str]]]] = []
        self.vocab: set[str] = set()
        exact_only: set[str] = set()
        exact_stems: set[str] = set()
        self.prefixes: set[str] = set()
        for lang, data in files.items():
            self.negations[lang] = {self._one_token(w, lang) for w in data.get("negations", [])}
            self.windows[lang] = int(data.get("negation_window", 2))
            self.bridges[lang] = {tuple(self._one_token(t, lang) for t in w.split())
                                  for w in data.get("negation_bridges", [])}
            self.contrasts |= {self._one_token(w, lang) for w in data.get("contrasts", [])}
            for category, phrases in (data.get("signals") or {}).items():
                if category not in CATEGORIES:
                    raise PatternError(f"{lang}: unknown category {category!r}")
                for phrase in phrases or []:
                    parsed.append((lang, category, phrase, self._parse(phrase, lang)))
            for phrase in data.get("idioms") or []:
                parsed.append((lang, "idiom", phrase, self._parse(phrase, lang)))
            for kind, key in ((SETTLED, "settled"), (FRAMING, "framing"),
                              (MENTION, "mentions")):
                for phrase in data.get(key) or []:
                    parsed.append((lang, kind, phrase, self._parse(phrase, lang)))
        for *_, specs in parsed:
            for alternatives in specs:
                for alt in alternatives:
                    if alt == GAP:
                        continue
                    if alt.endswith("*"):
                        # "=stem*": a stem without typo tolerance.
                        self.prefixes.add(alt.strip("=*"))
                        if alt.startswith("="):
                            exact_stems.add(alt.strip("=*"))
                    elif alt.startswith("="):
                        self.vocab.add(alt[1:])
                        exact_only.add(alt[1:])
                    else:
                        self.vocab.add(alt)
        self._fuzzy1: dict[str, set[str]] = {}
        self._fuzzy2: dict[str, set[str]] = {}
        for word in self.vocab - exact_only:
            if len(word) >= 5:
                for d in _deletes(word) | {word}:
                    self._fuzzy1.setdefault(d, set()).add(word)
            if len(word) >= 9:
                for d in _deletes(word):
                    for d2 in _deletes(d):
                        self._fuzzy2.setdefault(d2, set()).add(word)
        self._prefix_lengths = sorted({len(p) for p in self.prefixes}, reverse=True)
        # Stems of 6+ letters also match with one typo ("zelfmord…" for "zelfmoord*").
        self._fuzzy_prefix: dict[str, set[str]] = {}
        for p in self.prefixes - exact_stems:
            if len(p) >= 6:
                for d in _deletes(p) | {p}:
                    self._fuzzy_prefix.setdefault(d, set()).add(p)
        # One Matcher tries every pattern at every token, which costs milliseconds with
        # a few thousand patterns. So patterns are grouped by the keys their first
        # token accepts, and a message runs only the groups whose keys it contains.
        self._groups: dict[frozenset, Matcher] = {}
        self._by_first_key: dict[str, list[Matcher]] = {}
        # The most tokens a pattern of a group can span: each matcher then only looks
        # at that window after a token that can start one of its patterns.
        self._reach: dict[int, int] = {}
        # Every word a pattern names must be somewhere in the message before its
        # Matcher is worth a call: a set test per pattern costs far less than the call,
        # and most groups that a message's words can start find nothing.
        self._needs: dict[int, list[list[frozenset[str]]]] = {}
        for n, (lang, kind, phrase, specs) in enumerate(parsed):
            key = f"{lang}|{kind}|{n}"
            self.phrases[key] = (lang, kind, phrase)
            tokens = [self._token_spec(alts) for alts in specs]
            first_keys = self._keys(tokens[0])
            matcher = self._groups.get(first_keys)
            if matcher is None:
                matcher = self._groups[first_keys] = Matcher(self.nlp.vocab)
                for k in first_keys:
                    self._by_first_key.setdefault(k, []).append(matcher)
            matcher.add(key, [tokens])
            self._needs.setdefault(id(matcher), []).append(
                [self._keys(t) for t in tokens[1:] if "NORM" in t])
            reach = sum(3 if alts == [GAP] else 1 for alts in specs)
            self._reach[id(matcher)] = max(self._reach.get(id(matcher), 0), reach)

    # --- compiling -------------------------------------------------------------
    def _one_token(self, word: str, lang: str) -> str:
        folded, _ = fold_map(word.strip())
        tokens = [t.text for t in self.tokenizer(folded)]
        if len(tokens) != 1:
            raise PatternError(f"{lang}: {word!r} is {len(tokens)} tokens {tokens}; "
                               "write each token as its own word")
        return tokens[0]

    def _parse(self, phrase: str, lang: str) -> list[list[str]]:
        specs: list[list[str]] = []
        for word in phrase.split():
            if word == GAP:
                specs.append([GAP])
                continue
            alts = []
            for alt in word.split("|"):
                mark = "=" if alt.startswith("=") else ""
                star = "*" if alt.endswith("*") else ""
                core = alt.strip("=*")
                if not core:
                    raise PatternError(f"{lang}: empty word in {phrase!r}")
                alts.append(mark + self._one_token(core, lang) + star)
            specs.append(alts)
        if not specs or specs[0] == [GAP] or specs[-1] == [GAP]:
            raise PatternError(f"{lang}: {phrase!r} may not start or end with {GAP}")
        return specs

    @staticmethod
    def _keys(token: dict) -> frozenset[str]:
        """The canonical words a Matcher token accepts."""
        norm = token["NORM"]
        return frozenset(norm["IN"] if isinstance(norm, dict) else [norm])

    def _token_spec(self, alternatives: list[str]) -> dict:
        if alternatives == [GAP]:
            return {"OP": "{0,3}"}
        keys: set[str] = set()
        for alt in alternatives:
            if alt.endswith("*"):
                p = alt.strip("=*")
                keys |= {q + "*" for q in self.prefixes if q.startswith(p)}
                keys |= {v for v in self.vocab if v.startswith(p)}
            else:
                keys.add(alt.lstrip("="))
        return {"NORM": next(iter(keys))} if len(keys) == 1 else {"NORM": {"IN": sorted(keys)}}

    # --- matching --------------------------------------------------------------
    @lru_cache(maxsize=65536)  # noqa: B019 - one RuleSet lives for the whole process
    def canonical(self, word: str) -> str:
        """The pattern key a token stands for (itself when it stands for none)."""
        year = YEAR.match(word)
        if year and int(year.group(1)) <= date.today().year - 2:
            return PAST_YEAR
        if word in self.vocab or len(word) < 3:
            return word
        for length in self._prefix_lengths:
            if length <= len(word) and word[:length] in self.prefixes:
                return word[:length] + "*"
        if len(word) >= 4:
            best = self._closest(word, self._fuzzy1, 1)
            if best is None and len(word) >= 8:
                best = self._closest(word, self._fuzzy2, 2)
            if best:
                return best
            stem = self._closest_prefix(word)
            if stem:
                return stem + "*"
        return word

    def _closest_prefix(self, word: str) -> str | None:
        best = None
        # Sorted, so that a tie between two stems is broken the same way on every run
        # (set order changes with the hash seed).
        for length in sorted({n + d for n in self._prefix_lengths if n >= 6 for d in (-1, 0, 1)}):
            if length > len(word) or length < 5:
                continue
            head = word[:length]
            for stem in sorted(self._closest_all(head, self._fuzzy_prefix)):
                if best is None or len(stem) > len(best):
                    best = stem
        return best

    @staticmethod
    def _closest_all(word: str, index: dict[str, set[str]]) -> set[str]:
        candidates = set(index.get(word, ()))
        for d in _deletes(word):
            candidates |= index.get(d, set())
        return {c for c in candidates if _distance(word, c) <= 1}

    @staticmethod
    def _closest(word: str, index: dict[str, set[str]], limit: int) -> str | None:
        candidates: set[str] = set(index.get(word, ()))
        for d in _deletes(word):
            candidates |= index.get(d, set())
        if limit == 2:
            for d in _deletes(word):
                for d2 in _deletes(d):
                    candidates |= index.get(d2, set())
        scored = sorted((_distance(word, c), c) for c in candidates)
        return scored[0][1] if scored and scored[0][0] <= limit else None

    def doc(self, text: str):
        folded, index = fold_map(text)
        doc = self.tokenizer(folded)
        for token in doc:
            token.norm_ = self.canonical(token.text)
        return doc, index

    def matches(self, doc) -> list[tuple[int, int, int]]:
        found = []
        seen: set[tuple[int, int]] = set()
        norms = {token.norm_ for token in doc}
        viable: dict[int, bool] = {}
        for token in doc:
            for m in self._by_first_key.get(token.norm_, ()):
                if (id(m), token.i) in seen:
                    continue
                seen.add((id(m), token.i))
                ok = viable.get(id(m))
                if ok is None:
                    ok = viable[id(m)] = any(all(keys & norms for keys in needs)
                                             for needs in self._needs[id(m)])
                if not ok:
                    continue
                window = doc[token.i:token.i + self._reach[id(m)]]
                # Only matches that start here: later starts are tried from their own token.
                found += [(mid, token.i, token.i + end) for mid, start, end in m(window)
                          if start == 0]
        return found

    def find(self, text: str, language: str | None = None,
             conversation_language: str | None = None,
             cancelled: set[str] | None = None) -> list[RuleMatch]:
        """Signal matches in `text`; `language` is the detected language, if known.

        Phrases of every language count in every message (people mix languages),
        but single-word evidence counts only in its own language or when the
        language is unclear (or the conversation's language): "od" is an overdose in
        English and "from" in Polish.
        Idioms of any language cancel an overlapping match; negation cues of the
        match's language and of the message's language both apply. `cancelled`, when
        given, receives the categories whose evidence was negated, and IDIOM when an
        idiom was seen: the semantic layer must not raise what the rules understood."""
        doc, index = self.doc(text)
        idioms: list[tuple[int, int]] = []
        cues: dict[str, list[tuple[int, int]]] = {SETTLED: [], FRAMING: [], MENTION: []}
        candidates = []
        for match_id, start, end in self.matches(doc):
            lang, kind, phrase = self.phrases[self.nlp.vocab.strings[match_id]]
            if kind == "idiom":
                idioms.append((start, end))
                if cancelled is not None:
                    cancelled.add(IDIOM)
            elif kind in cues:
                cues[kind].append((start, end))
            else:
                candidates.append((lang, kind, phrase, start, end))
        framed = cues[MENTION] if cues[FRAMING] else []
        if (cues[SETTLED] or cues[FRAMING]) and cancelled is not None:
            cancelled.add(DISTANCE)
        found = []
        for lang, category, phrase, start, end in candidates:
            if language and lang not in (language, conversation_language, BASE_LANGUAGE) \
                    and len(phrase.split()) == 1:
                continue
            if any(s < end and start < e for s, e in idioms):
                continue
            if any(self._distanced(doc, cue, start) for cue in cues[SETTLED]) or any(
                    s < end and start < e for s, e in framed):
                # Only DISTANCE is noted: the semantic layer then reads just the part
                # after the cue, where this category may still be told.
                continue
            if self._negated(doc, lang, start) or (
                    language and language != lang and self._negated(doc, language, start)):
                if cancelled is not None:
                    cancelled.add(category)
                continue
            span = doc[start:end]
            found.append(RuleMatch(category, lang, index[span.start_char],
                                   index[span.end_char - 1] + 1, phrase))
        return found

    def _distanced(self, doc, cue: tuple[int, int], start: int) -> bool:
        """Evidence is a mention when it stands in the cue's sentence or the one before
        ("Hoeveel mensen sliepen in de nachtopvang? Het is voor mijn scriptie."), or
        after the cue in the same sentence with no contrast word in between."""
        cue_start, cue_end = cue
        if start < cue_start and self._dated(doc, cue):
            # "Mijn vader is in 2015 overleden" dates its own clause and what follows it,
            # never what came before: "mijn man slaat me, mijn vader is in 2015 …".
            return not any(doc[i].text in SENTENCE_BREAKS for i in range(start, cue_start))
        if start < cue_start:
            # "?\n" is one boundary, not two.
            return sum(doc[i].text in SENTENCE_ENDS and doc[i - 1].text not in SENTENCE_ENDS
                       for i in range(start + 1, cue_start)) <= 1
        return not any(doc[i].text in self.contrasts or doc[i].text in SENTENCE_ENDS
                       for i in range(cue_end, start))

    def semantic_text(self, text: str) -> str:
        """What the semantic layer reads of a distanced message: after a settled cue
        only its turn ("…, maar nu …") onwards; in a framed message, everything but
        the framing and the topic names; never the words of an idiom."""
        doc, index = self.doc(text)
        spans: dict[str, list[tuple[int, int]]] = {SETTLED: [], FRAMING: [], MENTION: [],
                                                    IDIOM: []}
        for match_id, start, end in self.matches(doc):
            kind = self.phrases[self.nlp.vocab.strings[match_id]][1]
            if kind in spans:
                spans[kind].append((start, end))
        first = 0
        dated = [c for c in spans[SETTLED] if self._dated(doc, c)]
        undated = [c for c in spans[SETTLED] if c not in dated]
        if undated:
            last = max(e for _, e in undated)
            turns = [i for i in range(last, len(doc))
                     if doc[i].text in self.contrasts or doc[i].text in SENTENCE_ENDS]
            if not turns or turns[0] + 1 >= len(doc):
                return ""
            first = turns[0] + 1
        hidden = spans[FRAMING] + spans[MENTION] if spans[FRAMING] else []
        hidden += [self._clause(doc, c) for c in dated] + spans[IDIOM]
        kept = [t for t in doc[first:] if not any(s <= t.i < e for s, e in hidden)]
        return "".join(text[index[t.idx]:index[t.idx + len(t.text) - 1] + 1] + t.whitespace_
                       for t in kept).strip()

    @staticmethod
    def _dated(doc, cue: tuple[int, int]) -> bool:
        return any(doc[i].norm_ == PAST_YEAR for i in range(*cue))

    @staticmethod
    def _clause(doc, cue: tuple[int, int]) -> tuple[int, int]:
        """The tokens from the break before the cue to the break after it."""
        start, end = cue
        while start > 0 and doc[start - 1].text not in SENTENCE_BREAKS:
            start -= 1
        while end < len(doc) and doc[end].text not in SENTENCE_BREAKS:
            end += 1
        return start, end

    def _negated(self, doc, lang: str, start: int) -> bool:
        cues = self.negations.get(lang, set())
        bridges = self.bridges.get(lang, set())
        room = self.windows.get(lang, 2)
        stop = max(-1, start - 1 - room - MAX_BRIDGES)
        i = start - 1
        while i > stop and room > 0:
            word = doc[i].text
            if word in SENTENCE_BREAKS:
                return False
            if word in cues:
                return True
            # A bridge (one word or a few) is passed over without using up the window.
            bridge = next((b for b in bridges if i + 1 >= len(b) and all(
                doc[i - len(b) + 1 + k].text == t for k, t in enumerate(b))), None)
            if bridge:
                i -= len(bridge)
            else:
                room -= 1
                i -= 1
        return False


def load_files(directory: Path = PATTERN_DIR) -> dict[str, dict]:
    files = {}
    for lang in LANGUAGES:
        path = directory / f"{lang}.yml"
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                files[lang] = yaml.safe_load(fh) or {}
    return files


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    return RuleSet(load_files())
