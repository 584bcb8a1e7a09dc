"""Synthetic claims, bulk-loaded straight into a database the migrations built.

PostgreSQL takes `COPY ... FROM STDIN`; SQLite takes `executemany` in one transaction per
batch. Both write into the schema as `flask db upgrade` left it, with every index in place, so
the search machinery the migrations own (PostgreSQL's generated `search_vector` and its GIN
index, SQLite's FTS5 triggers) indexes each row as it arrives, exactly as it would for rows the
API writes.

Rows are deterministic (seeded per batch), ids are given explicitly and follow `created_at`
(one claim a minute from 2024-01-01), and loading more later continues where the last load
stopped, so a database can be grown in steps (100,000 claims, then 1,000,000).

Contents per claim: text of 12-30 words (with topic words at known rates, for `q=`), a quote
for half, one of 200 claimants, 1-2 of 40 tags, 0-2 sources, and a verdict for claims past
`submitted` (a second, superseded one for a tenth of them), so `current_verdict`, `rating=`
and `status=` have realistic shapes.
"""

import itertools
import random
from datetime import UTC, datetime, timedelta

BATCH = 20_000
START = datetime(2024, 1, 1, tzinfo=UTC)
STEP = timedelta(minutes=1)

# Topic words injected at fixed rates so searches of known selectivity can be measured.
TOPICS = {"refinery": 0.0005, "vaccine": 0.01, "inflation": 0.10, "unemployment": 0.10}

WORDS = (  # noqa: SIM905
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would more when "
    "will if no out so said what up its about than into them can only other new some could "
    "time these two may then do first any my now such like our over man me even most made "
    "after also did many before must through back years where much your way well down should "
    "because each just those people how too little state good very make world still own see "
    "men work long get here between both life being under never day same another know while "
    "last might us great old year off come since against go came right used take three "
    "government minister president budget spending taxes growth jobs wages prices housing "
    "schools hospitals police crime border energy climate emissions election voters poll "
    "percent million billion increase decrease doubled halved record highest lowest rate "
    "figures statistics report official data survey study published announced promised "
    "claimed denied warned reform policy law court ruling trade exports imports deficit debt"
).split()
CLAIMANTS = [f"{first} {last}" for first in (
    "Alex", "Maria", "John", "Olga", "Ahmed", "Li", "Fatima", "Pierre", "Anna", "Carlos",
    "Yuki", "Sven", "Grace", "Ivan", "Priya", "Tom", "Lucia", "Kwame", "Nadia", "Ben",
) for last in (
    "Smith", "Garcia", "Ivanova", "Khan", "Chen", "Dubois", "Rossi", "Okafor", "Novak", "Berg",
)]  # fmt: skip
TAGS = [
    "economy", "health", "immigration", "climate", "energy", "crime", "education", "housing",
    "elections", "foreign-policy", "defence", "transport", "taxes", "jobs", "covid", "trade",
    "welfare", "pensions", "europe", "ukraine", "russia", "china", "usa", "media", "science",
    "technology", "agriculture", "water", "justice", "corruption", "budget", "inflation",
    "sport", "culture", "religion", "local", "regional", "environment", "ai", "rare-tag",
]  # fmt: skip
TAG_WEIGHTS = [1 / (rank + 1) for rank in range(len(TAGS) - 1)] + [0.003]
STATUSES = ["submitted"] * 8 + ["in_review"] * 4 + ["verdict_proposed"] * 2 + [
    "approved", "published", "published", "published", "published", "rejected"]  # fmt: skip
RATINGS = [("true", 5, "True"), ("mostly_true", 4, "Mostly true"),
           ("half_true", 3, "Half true"), ("mostly_false", 2, "Mostly false"),
           ("misleading", 2, "Misleading"), ("false", 1, "False"),
           ("unverifiable", None, "Unverifiable")]  # fmt: skip
STANCES = ("supports", "refutes", "context", "mixed")
WORD_CUM = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(WORDS))))
TAG_CUM = list(itertools.accumulate(TAG_WEIGHTS))

CLAIM_COLUMNS = (
    "id", "text", "quote", "claimant", "claim_date", "appearance_url", "language",
    "check_worthiness", "status", "rating", "priority", "submitted_by_id", "assignee_id",
    "published_at", "created_at", "updated_at", "version",
)  # fmt: skip
SOURCE_COLUMNS = (
    "id", "claim_id", "url", "title", "publisher", "published_at", "stance", "excerpt",
    "accessed_at", "created_at", "updated_at", "version",
)  # fmt: skip
VERDICT_COLUMNS = (
    "id", "claim_id", "rating", "rating_value", "textual_rating", "summary", "author_id",
    "approved_by_id", "approved_at", "published_at", "created_at", "updated_at", "version",
)  # fmt: skip
TAG_COLUMNS = ("claim_id", "tag")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, cum_weights=WORD_CUM, k=rng.randint(low, high))
    for topic, rate in TOPICS.items():
        if rng.random() < rate:
            words.insert(rng.randrange(len(words) + 1), topic)
    return (" ".join(words) + ".").capitalize()


def generate(first_id: int, count: int, *, users: dict, ids: dict):
    """Rows for claims first_id .. first_id + count - 1: (claims, sources, verdicts, tags).

    `users` has `submitter`, `reviewer` and `editor` ids; `ids` holds the next source and
    verdict ids and is advanced. Timestamps are timezone-aware datetimes (the loaders format).
    """
    rng = random.Random(first_id)
    claims, sources, verdicts, tags = [], [], [], []
    for claim_id in range(first_id, first_id + count):
        created = START + STEP * (claim_id - 1)
        status = rng.choice(STATUSES)
        rating = published_at = None
        if status != "submitted" and (status != "in_review" or rng.random() < 0.5):
            for n in range(2 if rng.random() < 0.1 else 1):
                rating, value, textual = rng.choice(RATINGS)
                at = created + timedelta(hours=2 + n)
                published = at + timedelta(hours=1) if status == "published" else None
                approved = status in ("approved", "published")
                verdicts.append((
                    ids["verdict"], claim_id, rating, value, textual, _sentence(rng, 10, 25),
                    users["reviewer"], users["editor"] if approved else None,
                    published or (at if approved else None), published, at, at, 1,
                ))  # fmt: skip
                ids["verdict"] += 1
                published_at = published
        for n in range(rng.randint(0, 2)):
            sources.append((
                ids["source"], claim_id,
                f"https://source{rng.randrange(500)}.example.org/{claim_id}/{n}",
                _sentence(rng, 4, 10)[:500], f"Publisher {rng.randrange(100)}",
                created - timedelta(days=rng.randrange(30)), rng.choice(STANCES),
                _sentence(rng, 10, 30), created, created, created, 1,
            ))  # fmt: skip
            ids["source"] += 1
        for tag in dict.fromkeys(rng.choices(TAGS, cum_weights=TAG_CUM, k=rng.randint(1, 2))):
            tags.append((claim_id, tag))
        claims.append((
            claim_id, _sentence(rng, 12, 30),
            _sentence(rng, 8, 20) if rng.random() < 0.5 else None,
            rng.choice(CLAIMANTS), (created - timedelta(days=1)).date(),
            f"https://news{rng.randrange(50)}.example.com/{claim_id}" if rng.random() < 0.7
            else None,
            "en", round(rng.random(), 4), status, rating, 0, users["submitter"],
            users["reviewer"] if status in ("in_review", "verdict_proposed") else None,
            published_at, created, created + timedelta(hours=3), 1,
        ))  # fmt: skip
    return claims, sources, verdicts, tags


# PostgreSQL ---------------------------------------------------------------------------------


def load_postgres(conninfo: str, count: int, users: dict, progress=None) -> int:
    """Append `count` claims with COPY; returns the new number of claims."""
    import psycopg

    with psycopg.connect(conninfo) as conn:
        first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM claims").fetchone()[0]
        ids = {
            "source": conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sources").fetchone()[0],
            "verdict": conn.execute("SELECT coalesce(max(id), 0) + 1 FROM verdicts").fetchone()[0],
        }
        done = 0
        while done < count:
            n = min(BATCH, count - done)
            rows = generate(first_id + done, n, users=users, ids=ids)
            with conn.cursor() as cur:
                for table, columns, batch in zip(
                    ("claims", "sources", "verdicts", "claim_tags"),
                    (CLAIM_COLUMNS, SOURCE_COLUMNS, VERDICT_COLUMNS, TAG_COLUMNS),
                    rows,
                    strict=True,
                ):
                    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        for row in batch:
                            copy.write_row(row)
            conn.commit()
            done += n
            if progress:
                progress(done)
        for table in ("claims", "sources", "verdicts"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE claims, claim_tags, sources, verdicts")
        return conn.execute("SELECT count(*) FROM claims").fetchone()[0]


# SQLite -------------------------------------------------------------------------------------


def _sqlite_value(value):
    """What SQLAlchemy stores on SQLite: naive UTC 'YYYY-MM-DD HH:MM:SS.ffffff', ISO dates."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def load_sqlite(path: str, count: int, users: dict, progress=None) -> int:
    """Append `count` claims with executemany; the FTS5 triggers index each claim."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM claims").fetchone()[0]
    ids = {
        "source": conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sources").fetchone()[0],
        "verdict": conn.execute("SELECT coalesce(max(id), 0) + 1 FROM verdicts").fetchone()[0],
    }
    done = 0
    while done < count:
        n = min(BATCH, count - done)
        rows = generate(first_id + done, n, users=users, ids=ids)
        with conn:
            for table, columns, batch in zip(
                ("claims", "sources", "verdicts", "claim_tags"),
                (CLAIM_COLUMNS, SOURCE_COLUMNS, VERDICT_COLUMNS, TAG_COLUMNS),
                rows,
                strict=True,
            ):
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    ([_sqlite_value(v) for v in row] for row in batch),
                )
        done += n
        if progress:
            progress(done)
    conn.execute("ANALYZE")
    total = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()
    return total
