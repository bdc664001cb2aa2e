"""`search`: search-as-you-type and the client list on N generated clients, on SQLite
and on PostgreSQL.

For each fragment kind (see bench/fragments.py): a warm-up with other fragments of that
kind, then each timed fragment once through the product (`search_clients`, limit 50, in a
unit of work of its own) and once through the bare trigram index query.
"""

from __future__ import annotations

from bench.client_pages import measure_pages
from bench.datasets import Dataset, open_dataset
from bench.fragments import KINDS, sample_fragments
from bench.options import Options
from bench.progress import say
from bench.queries import bare_index_query, product_search
from bench.results import Measurement, Target
from bench.timing import Latencies, run_each, time_each

NAME = "search"
P95_TARGETS = {"sqlite": Target("<", 20, "ms"), "postgresql": Target("<", 40, "ms")}
RATIO_TARGET = Target("<=", 2)


def _generation(dataset: Dataset) -> list[Measurement]:
    gen = dataset.generation
    how = f"cached, made {gen.generated_at}" if gen.reused else "made in this run"
    rows = gen.clients + gen.phones + gen.emails
    out = [
        Measurement(NAME, dataset.database, "clients", gen.clients, "clients", note=how),
        Measurement(
            NAME,
            dataset.database,
            "generation (generate_demo, no history)",
            gen.seconds,
            "s",
            note=f"{gen.clients / gen.seconds:,.0f} clients/s; {rows:,} rows "
            f"({gen.phones:,} phones, {gen.emails:,} e-mails)",
        ),
    ]
    if dataset.database == "postgresql":
        out.append(
            Measurement(
                NAME,
                dataset.database,
                "VACUUM ANALYZE after loading",
                gen.after_seconds,
                "s",
                note=f"PostgreSQL {dataset.server_version}",
            )
        )
    return out


def _kind_measurements(
    database: str, kind: str, product: Latencies, bare: Latencies
) -> list[Measurement]:
    ratio = product.p95 / bare.p95 if bare.p95 > 0 else float("nan")
    note = f"{len(product.ms)} queries"
    if product.counts:
        note += f"; mean hits {product.mean_count:.1f} (index {bare.mean_count:.1f})"
    return [
        Measurement(NAME, database, f"search p50 [{kind}]", product.p50, "ms"),
        Measurement(
            NAME, database, f"search p95 [{kind}]", product.p95, "ms", P95_TARGETS[database], note
        ),
        Measurement(NAME, database, f"index p50 [{kind}]", bare.p50, "ms"),
        Measurement(NAME, database, f"index p95 [{kind}]", bare.p95, "ms"),
        Measurement(NAME, database, f"ratio p95 [{kind}]", ratio, "x", RATIO_TARGET),
        Measurement(
            NAME,
            database,
            f"overhead p50 [{kind}]",
            product.p50 - bare.p50,
            "ms",
            note="product p50 minus index p50",
        ),
    ]


def _measure_search(
    dataset: Dataset, fragments: dict[str, list[str]], options: Options
) -> list[Measurement]:
    product = product_search(dataset.db)
    bare = bare_index_query(dataset.db)
    out: list[Measurement] = []
    all_product = Latencies([], [])
    all_bare = Latencies([], [])
    for kind in KINDS:
        warm, timed = fragments[kind][: options.warmup], fragments[kind][options.warmup :]
        say(f"{dataset.database}: searching {len(timed)} '{kind}' fragments")
        run_each(product, warm)
        run_each(bare, warm)
        product_ms = time_each(product, timed)
        bare_ms = time_each(bare, timed)
        all_product = all_product.merged(product_ms)
        all_bare = all_bare.merged(bare_ms)
        out.extend(_kind_measurements(dataset.database, kind, product_ms, bare_ms))
    out.extend(_kind_measurements(dataset.database, "all kinds", all_product, all_bare))
    return out


def run(options: Options) -> list[Measurement]:
    out: list[Measurement] = []
    fragments: dict[str, list[str]] | None = None
    for database in options.databases:
        with open_dataset(database, options) as dataset:
            out.extend(_generation(dataset))
            if fragments is None:  # the same fragments on both: the data are the same
                fragments = sample_fragments(
                    dataset.db, options.warmup + options.queries, options.seed
                )
            out.extend(_measure_search(dataset, fragments, options))
            say(f"{database}: timing client list pages")
            out.extend(measure_pages(NAME, dataset, options))
    return out
