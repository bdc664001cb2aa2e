"""Search fragments a person would type, cut from the generated data.

Four kinds, each a list of distinct fragments (distinct after the product's folding):
- "name prefix": the first 3-6 letters of a surname, the list's prefix path;
- "name inner": inner parts of surnames, first names and patronymics, some with "ё"
  (typed with "ё" or with "е": "федор" must find "Фёдорович");
- "phone": 3-6 digits of a number, also written "345-67", "8 912 345" or "+7 912";
- "email": 3-6 characters of an address.
Half of the name fragments are typed in lower case, half as written.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from sqlalchemy import select

from crm_desktop.models import Client, ClientKind, Email, Phone
from crm_desktop.services.search import parse_fragment
from crm_desktop.store.database import Database

KINDS = ("name prefix", "name inner", "phone", "email")
MIN_LEN = 3
MAX_LEN = 6
SAMPLE_ROWS = 5_000
_ATTEMPTS_PER_FRAGMENT = 200


def _window(rng: random.Random, word: str, *, start: int | None = None) -> str | None:
    """A random piece of `word`, MIN_LEN..MAX_LEN long, at `start` if given."""
    if len(word) < MIN_LEN:
        return None
    length = rng.randint(MIN_LEN, min(MAX_LEN, len(word)))
    if start is None:
        start = rng.randint(0, len(word) - length)
    elif start + length > len(word):
        return None
    return word[start : start + length]


def _typed(rng: random.Random, text: str) -> str:
    return text.lower() if rng.random() < 0.5 else text


def _name_prefix(rng: random.Random, names: Sequence[str]) -> str | None:
    surname = rng.choice(names).split()[0]
    piece = _window(rng, surname, start=0)
    return _typed(rng, piece) if piece else None


def _with_yo(rng: random.Random, words: Sequence[str]) -> str | None:
    """A piece of a word with "ё" that covers the "ё", typed with "ё" or with "е"."""
    if not words:
        return None
    word = rng.choice(words)
    at = word.lower().index("ё")
    length = rng.randint(MIN_LEN, min(MAX_LEN, len(word)))
    start = rng.randint(max(0, at - length + 1), min(at, len(word) - length))
    piece = word[start : start + length]
    if rng.random() < 0.5:
        piece = piece.replace("ё", "е").replace("Ё", "Е")
    return _typed(rng, piece)


def _name_inner(rng: random.Random, names: Sequence[str], yo_words: Sequence[str]) -> str | None:
    parts = rng.choice(names).split()
    roll = rng.random()
    if roll < 0.2:
        return _with_yo(rng, yo_words)
    if roll < 0.55:  # inside a surname: not its prefix
        surname = parts[0]
        if len(surname) <= MIN_LEN:
            return None
        piece = _window(rng, surname[1:])
    elif roll < 0.85 and len(parts) > 1:  # a first name: its start or inside
        piece = _window(rng, parts[1])
    elif len(parts) > 2:  # a patronymic
        piece = _window(rng, parts[2])
    else:
        return None
    return _typed(rng, piece) if piece else None


def _phone(rng: random.Random, numbers: Sequence[str]) -> str | None:
    national = re.sub(r"\D", "", rng.choice(numbers))[-10:]
    roll = rng.random()
    if roll < 0.5:
        return _window(rng, national)
    if roll < 0.7:  # "345-67" or "12-34"
        digits = rng.choice((4, 5))
        start = rng.randint(0, len(national) - digits)
        piece = national[start : start + digits]
        cut = digits - 2
        return f"{piece[:cut]}-{piece[cut:]}"
    if roll < 0.85:  # "8 912 345"
        return f"8 {national[:3]} {national[3:6]}"
    return f"+7 {national[:3]}"  # "+7 912"


def _email(rng: random.Random, addresses: Sequence[str]) -> str | None:
    address = rng.choice(addresses)
    login = address.split("@", 1)[0]
    piece = _window(rng, login if rng.random() < 0.8 else address)
    if piece is None or " " in piece:
        return None
    parsed = parse_fragment(piece)
    return piece if parsed is not None and not parsed.digits_only else None


def _distinct(make: Callable[[], str | None], count: int) -> list[str]:
    """`count` fragments from `make`, none of them the same query as another."""
    seen: set[tuple[str, bool]] = set()
    out: list[str] = []
    for _attempt in range(count * _ATTEMPTS_PER_FRAGMENT):
        raw = make()
        parsed = parse_fragment(raw) if raw else None
        if raw is None or parsed is None or len(parsed.text) < MIN_LEN:
            continue
        key = (parsed.text, parsed.digits_only)
        if key in seen:
            continue
        seen.add(key)
        out.append(raw)
        if len(out) == count:
            break
    return out


def _sample(db: Database) -> tuple[list[str], list[str], list[str]]:
    """Person names, phone numbers and e-mail addresses from the newest rows; the
    generator draws every client independently, so any run of rows is a random sample
    (and the oldest rows are the companies)."""
    with db.unit_of_work() as session:
        names = list(
            session.scalars(
                select(Client.name)
                .where(Client.kind == ClientKind.PERSON)
                .order_by(Client.id.desc())
                .limit(SAMPLE_ROWS)
            )
        )
        phones = list(
            session.scalars(select(Phone.e164).order_by(Phone.id.desc()).limit(SAMPLE_ROWS))
        )
        emails = list(
            session.scalars(select(Email.address).order_by(Email.id.desc()).limit(SAMPLE_ROWS))
        )
    return names, phones, emails


def sample_fragments(db: Database, per_kind: int, seed: int) -> dict[str, list[str]]:
    """`per_kind` distinct fragments of each kind, the same for the same data and seed."""
    names, phones, emails = _sample(db)
    if not names or not phones or not emails:
        raise RuntimeError("the database holds too few clients to cut search fragments from")
    yo_words = sorted({w for n in names for w in n.split()[1:] if "ё" in w.lower()})
    rng = random.Random(seed)
    makers: dict[str, Callable[[], str | None]] = {
        "name prefix": lambda: _name_prefix(rng, names),
        "name inner": lambda: _name_inner(rng, names, yo_words),
        "phone": lambda: _phone(rng, phones),
        "email": lambda: _email(rng, emails),
    }
    return {kind: _distinct(makers[kind], per_kind) for kind in KINDS}
