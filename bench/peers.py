#!/usr/bin/env python3
"""The same computation as `cultivar score` on the benchmark framework, in polars or DuckDB.

Reverse-keys 10 items; per respondent, each dimension's score is the mean of its answered
items; per team and dimension: n, mean, SD (n - 1) and favourable % (answers of 4 or 5 among
answered item responses); per team: the index (mean over dimensions of POMP of the means);
per dimension, over everyone: Cronbach's alpha from the pairwise covariance matrix. Writes a
CSV report (team, measure, n, mean, sd, favorable_pct, index, alpha).
Usage: peers.py polars|duckdb RESPONSES OUT
"""
import sys

DIMENSIONS = 8
K = 5
REVERSED = {f"d{d}_q{i}" for d in range(DIMENSIONS) for i in (1, 3) if d < 5}
ITEMS = {f"d{d}": [f"d{d}_q{i}" for i in range(K)] for d in range(DIMENSIONS)}


def run_polars(path, out):
    """Written as an experienced analyst would: a multi-threaded read with narrow integer types,
    horizontal expressions for the per-respondent scores, one group_by, and the pairwise
    covariances of each dimension from three matrix products (present-indicator and
    zero-filled value matrices) instead of one expression per item pair."""
    import numpy as np
    import polars as pl

    items = [c for cols in ITEMS.values() for c in cols]
    df = pl.read_csv(path, schema_overrides={"respondent_id": pl.Utf8, "team": pl.Categorical, **{c: pl.Int8 for c in items}})
    df = df.with_columns([(6 - pl.col(c)).alias(c) for c in REVERSED])
    exprs = [pl.col("team")]
    for d, cols in ITEMS.items():
        exprs.append(pl.mean_horizontal(cols).alias(d))
        exprs.append(pl.sum_horizontal([pl.col(c).is_not_null() for c in cols]).alias(f"{d}_answered"))
        exprs.append(pl.sum_horizontal([pl.col(c) >= 4 for c in cols]).alias(f"{d}_fav"))
    scores = df.select(exprs)
    aggs = [pl.len().alias("team_n")]
    for d in ITEMS:
        aggs += [pl.col(d).count().alias(f"{d}_n"), pl.col(d).mean().alias(f"{d}_mean"), pl.col(d).std().alias(f"{d}_sd"),
                 (pl.col(f"{d}_fav").sum() / pl.col(f"{d}_answered").sum() * 100).alias(f"{d}_favorable_pct")]
    teams = scores.group_by("team").agg(aggs)
    teams = teams.with_columns(pl.mean_horizontal([(pl.col(f"{d}_mean") - 1) / 4 * 100 for d in ITEMS]).alias("index"))
    alphas = {}
    values = df.select(items).to_numpy()  # float64 with NaN for missing
    for d, cols in ITEMS.items():
        block = values[:, [items.index(c) for c in cols]] - 3.0
        present = ~np.isnan(block)
        x = np.where(present, block, 0.0)
        m = present.astype(np.float64)
        n = m.T @ m               # pairs present
        s = x.T @ m               # s[i, j] = sum of x_i where j is present too
        p = x.T @ x               # sum of x_i x_j where both present
        cov = (p - s * s.T / n) / (n - 1)
        alphas[d] = K / (K - 1) * (1 - np.trace(cov) / cov.sum())
    rows = ["team,measure,n,mean,sd,favorable_pct,index,alpha"]
    for r in teams.with_columns(pl.col("team").cast(pl.Utf8)).sort("team").iter_rows(named=True):
        rows.append(f"{r['team']},index,{r['team_n']},,,,{r['index']!r},")
        for d in ITEMS:
            rows.append(f"{r['team']},{d},{r[f'{d}_n']},{r[f'{d}_mean']!r},{r[f'{d}_sd']!r},{r[f'{d}_favorable_pct']!r},,")
    for d in ITEMS:
        rows.append(f"(alpha),{d},,,,,,{float(alphas[d])!r}")
    with open(out, "w") as f:
        f.write("\n".join(rows) + "\n")


def run_duckdb(path, out):
    import duckdb

    con = duckdb.connect()
    items = [c for cols in ITEMS.values() for c in cols]
    types = ", ".join(["'respondent_id': 'VARCHAR'", "'team': 'VARCHAR'"] + [f"'{c}': 'DOUBLE'" for c in items])
    keyed = ", ".join(f"6 - {c} AS {c}" if c in REVERSED else c for c in items)
    con.execute(f"CREATE TEMP VIEW raw AS SELECT team, {keyed} FROM read_csv('{path}', header = true, columns = {{{types}}})")
    per_row = ["team"]
    for d, cols in ITEMS.items():
        answered = " + ".join(f"({c} IS NOT NULL)::INT" for c in cols)
        total = " + ".join(f"coalesce({c}, 0)" for c in cols)
        fav = " + ".join(f"coalesce(({c} >= 4)::INT, 0)" for c in cols)
        per_row += [f"CASE WHEN ({answered}) > 0 THEN ({total}) / ({answered}) END AS {d}", f"({answered}) AS {d}_answered", f"({fav}) AS {d}_fav"]
    con.execute("CREATE TEMP TABLE scores AS SELECT " + ", ".join(per_row) + " FROM raw")
    aggs = ["team", "count(*) AS team_n"]
    for d in ITEMS:
        aggs += [f"count({d}) AS {d}_n", f"avg({d}) AS {d}_mean", f"stddev_samp({d}) AS {d}_sd",
                 f"sum({d}_fav) / sum({d}_answered) * 100 AS {d}_favorable_pct"]
    teams = con.execute("SELECT " + ", ".join(aggs) + " FROM scores GROUP BY team ORDER BY team").fetchall()
    names = [c[0] for c in con.description]
    alpha_sql = []
    for d, cols in ITEMS.items():
        var = " + ".join(f"var_samp({c})" for c in cols)
        cov = " + ".join(f"covar_samp({i}, {j})" for i in cols for j in cols if i != j)
        alpha_sql.append(f"{K} / {K - 1} * (1 - ({var}) / (({var}) + {cov})) AS {d}")
    alphas = con.execute("SELECT " + ", ".join(alpha_sql) + " FROM raw").fetchone()
    rows = ["team,measure,n,mean,sd,favorable_pct,index,alpha"]
    for values in teams:
        r = dict(zip(names, values))
        means = [r[f"{d}_mean"] for d in ITEMS]
        index = sum((m - 1) / 4 * 100 for m in means) / len(means)
        rows.append(f"{r['team']},index,{r['team_n']},,,,{index!r},")
        for d in ITEMS:
            rows.append(f"{r['team']},{d},{r[f'{d}_n']},{r[f'{d}_mean']!r},{r[f'{d}_sd']!r},{r[f'{d}_favorable_pct']!r},,")
    for d, a in zip(ITEMS, alphas):
        rows.append(f"(alpha),{d},,,,,,{a!r}")
    with open(out, "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    engine, path, out = sys.argv[1:4]
    {"polars": run_polars, "duckdb": run_duckdb}[engine](path, out)
