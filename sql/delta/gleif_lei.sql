-- One GLEIF Level 1 staging table after a delta: the delta carries every record
-- new or changed since its DeltaStart, whole (LEI-CDF FileContent
-- GLEIF_DELTA_PUBLISHED). An LEI is never removed from the golden copy (a
-- retired or merged LEI stays, with its registration status), so each LEI the
-- delta names replaces all of its last good rows, in every table.
-- $base: the table's last good Parquet; $delta: the same table parsed from the
-- delta; $delta_keys: the delta's entities table.
with base as (
    select * from read_parquet($base)
),

delta as (
    select * from read_parquet($delta)
),

changed as (
    select distinct lei from read_parquet($delta_keys)
),

kept as (
    select base.* from base
    anti join changed on changed.lei = base.lei
),

final as (
    select * from kept
    union all by name
    select * from delta
)

select * from final
