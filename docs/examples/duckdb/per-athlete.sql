-- Per-athlete aggregates over runlog's JSON Lines (one run per line;
-- docs/json-schema.md, docs/scaling.md). The view `runs` is the file read
-- with read_json (run.mjs makes it). The athlete is the folder a run's file
-- is in. Averages are weighted by running time, over the runs that
-- measured the value (null is not measured, never 0).
SELECT
  regexp_extract(source, '([^/]+)/[^/!]+$', 1)                        AS athlete,
  count(*)                                                             AS runs,
  round(sum(distance_m) / 1000, 1)                                     AS km,
  round(sum(running_s) / 3600, 1)                                      AS running_h,
  round(sum(avg_cadence_spm * running_s) FILTER (WHERE avg_cadence_spm IS NOT NULL)
        / sum(running_s) FILTER (WHERE avg_cadence_spm IS NOT NULL), 1)  AS cadence_spm,
  round(sum(avg_gct_ms * running_s) FILTER (WHERE avg_gct_ms IS NOT NULL)
        / sum(running_s) FILTER (WHERE avg_gct_ms IS NOT NULL), 1)       AS gct_ms,
  count(*) FILTER (WHERE overstride.level = 'high')                    AS overstride_high,
  count(*) FILTER (WHERE overstride.level = 'moderate')                AS overstride_moderate,
  count(*) FILTER (WHERE numbness.reported)                            AS numb_runs,
  count(*) FILTER (WHERE numbness.reported IS NULL)                    AS numb_unknown,
  -- cadence on numb runs minus cadence on clean runs: negative when the
  -- runner goes numb on the runs they take with shorter, slower steps
  round(avg(avg_cadence_spm) FILTER (WHERE numbness.reported)
        - avg(avg_cadence_spm) FILTER (WHERE NOT numbness.reported), 1) AS numb_minus_clean_spm
FROM runs
GROUP BY athlete
ORDER BY numb_runs DESC, athlete;
