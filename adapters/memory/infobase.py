"""In-memory infobase entries, with a small stand-in for Postgres full-text search.

The fake agrees with Postgres (`websearch_to_tsquery('english', …)` over the title, weight
A, and content, weight B, ranked by `ts_rank_cd`) on simple searches: words are matched
case-insensitively, all words must match, `or` between words and `-word` work, common
English stop words are ignored (a search of only stop words finds nothing), and a few
suffixes are stemmed (plural -s, -ing, -ed: "notes" finds "note", "running" finds "run").
It differs on phrases (quoted words are matched as separate words), on the rest of the
Snowball stemmer ("boxes" does not find "box" here) and on rank values: here a word counts
1.0 for every occurrence in the title and 0.4 in the content. Contract tests keep to the
common part; the rest is tested on Postgres only.
"""
from __future__ import annotations

import copy
import re

from domain.notes import Ranked
from ports.outbound.infobase import InfobaseRepository

SCALE = 1_000_000  # scores are whole numbers, as in the Postgres adapter
TITLE_WEIGHT, CONTENT_WEIGHT = 1.0, 0.4
STOP_WORDS = frozenset(
    "a about above after again against all am an and any are as at be because been before being below between "
    "both but by can did do does doing down during each few for from further had has have having he her here "
    "hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or "
    "other our ours out over own same she should so some such than that the their theirs them then there these "
    "they this those through to too under until up very was we were what when where which while who whom why "
    "will with you your yours".split())


class InMemoryInfobaseRepository(InfobaseRepository):
    def __init__(self, tables: dict) -> None:
        self.rows: dict = tables["infobase"]

    def add(self, entry):
        if entry.id in self.rows:
            raise ValueError("duplicate infobase entry id")
        self.rows[entry.id] = copy.deepcopy(entry)

    def get_owned(self, entry_id, user_id, *, lock=False):
        entry = self.rows.get(entry_id)
        return copy.deepcopy(entry) if entry is not None and entry.user_id == user_id else None

    def save(self, entry):
        if entry.id in self.rows:
            self.rows[entry.id] = copy.deepcopy(entry)

    def delete_owned(self, entry_id, user_id):
        if self.get_owned(entry_id, user_id) is None:
            return False
        del self.rows[entry_id]
        return True

    def page(self, user_id, request, tag=None):
        rows = sorted(self._mine(user_id, tag), key=lambda e: e.sort_key, reverse=True)
        if request.after is not None:
            rows = [e for e in rows if e.sort_key < tuple(request.after)]
        return [copy.deepcopy(e) for e in rows[:request.limit + 1]]

    def search(self, user_id, text, request, tag=None):
        groups = _query(text)
        hits = [Ranked(_score(entry, groups), copy.deepcopy(entry))
                for entry in self._mine(user_id, tag) if _matches(entry, groups)]
        hits.sort(key=lambda hit: hit.sort_key, reverse=True)
        if request.after is not None:
            hits = [hit for hit in hits if hit.sort_key < tuple(request.after)]
        return hits[:request.limit + 1]

    def _mine(self, user_id, tag):
        return [e for e in self.rows.values() if e.user_id == user_id and (tag is None or tag in e.tags)]


def stem(word: str) -> str:
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            return word[:-1] if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz" else word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def lexemes(text: str) -> list[str]:
    return [stem(word) for word in re.findall(r"\w+", text.lower()) if word not in STOP_WORDS]


def _query(text: str) -> list[tuple[set[str], set[str]]]:
    """Groups joined by `or`, each (words that must occur, words that must not)."""
    groups: list[tuple[set[str], set[str]]] = [(set(), set())]
    for word in text.lower().split():
        if word == "or":
            groups.append((set(), set()))
            continue
        negated = word.startswith("-")
        for lexeme in lexemes(word):
            groups[-1][1 if negated else 0].add(lexeme)
    return [group for group in groups if group[0] or group[1]]


def _matches(entry, groups) -> bool:
    found = set(lexemes(entry.title)) | set(lexemes(entry.content))
    return any(must <= found and not must_not & found for must, must_not in groups)


def _score(entry, groups) -> int:
    wanted = set().union(*(must for must, _ in groups))
    title, content = lexemes(entry.title), lexemes(entry.content)
    rank = sum(TITLE_WEIGHT * title.count(w) + CONTENT_WEIGHT * content.count(w) for w in wanted)
    return int(rank * SCALE)
